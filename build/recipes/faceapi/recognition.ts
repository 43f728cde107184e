/**
 * face-api's face recognition net (a dlib-style ResNet-34 variant, 128-d descriptor) as ONNX.
 * Topology from src/faceRecognitionNet/{FaceRecognitionNet,convLayer,residualLayer}.ts; input is
 * the face crop padded to a square and resized to 150×150, raw RGB 0..255 NHWC.
 */
import { GraphBuilder } from '../../onnx/builder.js';
import type { ModelSpec } from '../manifest.js';
import { TfjsGraph, type Feature, type Padding } from './layers.js';
import { FACE_MEAN_RGB } from './landmarks68.js';
import { convertedModel } from './provenance.js';
import { readTfjsWeights } from './weights.js';

export const RECOGNITION_INPUT = 150;

/** conv + bias, then the per-channel affine "scale" layer, optional ReLU. */
function convLayer(t: TfjsGraph, x: Feature, prefix: string, stride: number, relu: boolean, padding: Padding): Feature {
  let out = t.conv(x, `${prefix}/conv/filters`, `${prefix}/conv/bias`, stride, padding);
  out = t.channelOp('Mul', out, `${prefix}/scale/weights`);
  out = t.channelOp('Add', out, `${prefix}/scale/biases`);
  return relu ? t.unary('Relu', out) : out;
}

function residual(t: TfjsGraph, x: Feature, prefix: string): Feature {
  let out = convLayer(t, x, `${prefix}/conv1`, 1, true, 'same');
  out = convLayer(t, out, `${prefix}/conv2`, 1, false, 'same');
  return t.unary('Relu', t.add(out, x));
}

/**
 * The down-sampling residual: the shortcut is a 2×2 average pool zero-padded to the new channel
 * count; when the 'valid' stride-2 conv comes out one pixel smaller than the pool (odd sizes), tfjs
 * appends a zero row and column to the conv branch, which a Pad after the end reproduces.
 */
function residualDown(t: TfjsGraph, x: Feature, prefix: string): Feature {
  let out = convLayer(t, x, `${prefix}/conv1`, 2, true, 'valid');
  out = convLayer(t, out, `${prefix}/conv2`, 1, false, 'same');
  let pooled = t.pool('AveragePool', x, 2, 2, 'valid');
  const g = t.g;
  if (pooled.h !== out.h || pooled.w !== out.w) {
    const dh = pooled.h - out.h;
    const dw = pooled.w - out.w;
    out = { ...out, h: pooled.h, w: pooled.w, name: g.op1('Pad', [out.name, g.i64('pads', [0, 0, 0, 0, 0, 0, dh, dw])]) };
  }
  if (pooled.c !== out.c) {
    const dc = out.c - pooled.c;
    pooled = { ...pooled, c: out.c, name: g.op1('Pad', [pooled.name, g.i64('pads', [0, 0, 0, 0, 0, dc, 0, 0])]) };
  }
  return t.unary('Relu', t.add(pooled, out));
}

export function buildRecognition(): ModelSpec {
  const g = new GraphBuilder('face_recognition');
  const t = new TfjsGraph(g, readTfjsWeights('face_recognition_model'));
  let x = t.nhwcInput('image', RECOGNITION_INPUT, FACE_MEAN_RGB, 255);
  x = convLayer(t, x, 'conv32_down', 2, true, 'valid');
  x = t.pool('MaxPool', x, 3, 2, 'valid');
  for (const p of ['conv32_1', 'conv32_2', 'conv32_3']) x = residual(t, x, p);
  x = residualDown(t, x, 'conv64_down');
  for (const p of ['conv64_1', 'conv64_2', 'conv64_3']) x = residual(t, x, p);
  x = residualDown(t, x, 'conv128_down');
  for (const p of ['conv128_1', 'conv128_2']) x = residual(t, x, p);
  x = residualDown(t, x, 'conv256_down');
  for (const p of ['conv256_1', 'conv256_2']) x = residual(t, x, p);
  x = residualDown(t, x, 'conv256_down_out');
  const pooled = g.op1('ReduceMean', [x.name], { axes: [2, 3], keepdims: 0 });
  g.op1('MatMul', [pooled, t.weight('fc')], {}, 'descriptor');
  g.output('descriptor', 'float32', ['N', 128]);
  t.assertAllUsed();
  return {
    name: 'face-recognition',
    file: 'face_recognition.onnx',
    description:
      '128-d face descriptor (identity; compare by cosine or Euclidean distance) of a 150×150 square face crop (raw RGB 0..255, NHWC).',
    inputs: [{ name: 'image', type: 'float32', shape: ['N', RECOGNITION_INPUT, RECOGNITION_INPUT, 3] }],
    outputs: [{ name: 'descriptor', type: 'float32', shape: ['N', 128] }],
    ...convertedModel(g, 'face_recognition_model', 'build/recipes/faceapi/recognition.ts'),
  };
}
