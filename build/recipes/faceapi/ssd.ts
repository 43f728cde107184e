/**
 * face-api's SSD MobileNetV1 face detector as ONNX: backbone, box predictors and the box
 * decoding against its 5118 anchors (src/ssdMobilenetv1/{mobileNetV1,predictionLayer,
 * outputLayer}.ts). Non-maximum suppression stays in TypeScript (faces/ssd.ts), where it can
 * copy face-api's own variant exactly and only looks at the few boxes above the threshold.
 *
 * Input: the image padded to a square at the bottom/right with zeros and resized to 512×512,
 * raw RGB 0..255 NHWC. Outputs: boxes [N,5118,4] as (ymin, xmin, ymax, xmax) relative to that
 * square, and face scores [N,5118].
 */
import { GraphBuilder } from '../../onnx/builder.js';
import type { ModelSpec } from '../manifest.js';
import { TfjsGraph, type Feature } from './layers.js';
import { convertedModel } from './provenance.js';
import { readTfjsWeights } from './weights.js';

export const SSD_INPUT = 512;
export const SSD_ANCHORS = 5118;
/** tf.batchNorm epsilon in src/ssdMobilenetv1/mobileNetV1.ts (0.001 as float32). */
const BN_EPSILON = 0.0010000000474974513;
const STRIDE2_LAYERS = new Set([2, 4, 6, 12]);

/** conv + batch-norm offset, then ReLU6 (face-api's "pointwiseConvLayer", any kernel size). */
function pointwise(t: TfjsGraph, x: Feature, prefix: string, stride: number): Feature {
  return t.clip(t.conv(x, `${prefix}/weights`, `${prefix}/convolution_bn_offset`, stride, 'same'), 0, 6);
}

function depthwiseBn(t: TfjsGraph, x: Feature, prefix: string, stride: number): Feature {
  const dw = t.depthwise(x, `${prefix}/depthwise_weights`, stride, 'same');
  const bn = t.g.op1(
    'BatchNormalization',
    [dw.name, ...['gamma', 'beta', 'moving_mean', 'moving_variance'].map((p) => t.weight(`${prefix}/BatchNorm/${p}`))],
    { epsilon: BN_EPSILON },
  );
  return t.clip({ ...dw, name: bn }, 0, 6);
}

/** NCHW conv output → NHWC → [N, H·W·anchorsPerCell, k] (tfjs reshapes the NHWC tensor). */
function perAnchor(t: TfjsGraph, x: Feature, k: number): string {
  const nhwc = t.g.op1('Transpose', [x.name], { perm: [0, 2, 3, 1] });
  return t.g.op1('Reshape', [nhwc, t.g.i64('shape', [0, -1, k])]);
}

function slice(g: GraphBuilder, x: string, start: number, end: number): string {
  return g.op1('Slice', [x, g.i64('starts', [start]), g.i64('ends', [end]), g.i64('axes', [2])]);
}

/**
 * Anchor heights/widths and centres, computed once here in float32 the way outputLayer.ts does
 * (sizes = max − min, centres = min + size / 2), as [5118, 2] (y, x) constants.
 */
function anchorConstants(anchors: Float32Array): { sizes: Float32Array; centres: Float32Array } {
  const n = anchors.length / 4;
  const sizes = new Float32Array(n * 2);
  const centres = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      const size = Math.fround(anchors[i * 4 + 2 + k]! - anchors[i * 4 + k]!);
      sizes[i * 2 + k] = size;
      centres[i * 2 + k] = Math.fround(anchors[i * 4 + k]! + Math.fround(size / 2));
    }
  }
  return { sizes, centres };
}

export function buildSsd(): ModelSpec {
  const g = new GraphBuilder('ssd_mobilenetv1');
  const t = new TfjsGraph(g, readTfjsWeights('ssd_mobilenetv1_model'));
  let x = t.nhwcInput('image', SSD_INPUT, [127.5], 127.5); // (x − 127.5) / 127.5 = x / 127.5 − 1
  x = pointwise(t, x, 'MobilenetV1/Conv2d_0_pointwise', 2);
  let conv11: Feature | null = null;
  for (let i = 1; i <= 13; i++) {
    x = depthwiseBn(t, x, `MobilenetV1/Conv2d_${i}_depthwise`, STRIDE2_LAYERS.has(i) ? 2 : 1);
    x = pointwise(t, x, `MobilenetV1/Conv2d_${i}_pointwise`, 1);
    if (i === 11) conv11 = x;
  }
  const extra: Feature[] = [];
  let y = x;
  for (let i = 0; i < 8; i++) {
    y = pointwise(t, y, `Prediction/Conv2d_${i}_pointwise`, i % 2 === 1 ? 2 : 1);
    if (i % 2 === 1) extra.push(y);
  }
  const sources = [conv11!, x, ...extra];
  const encodings: string[] = [];
  const classes: string[] = [];
  sources.forEach((src, i) => {
    const p = `Prediction/BoxPredictor_${i}`;
    encodings.push(perAnchor(t, t.conv(src, `${p}/BoxEncodingPredictor/weights`, `${p}/BoxEncodingPredictor/biases`, 1, 'same'), 4));
    classes.push(perAnchor(t, t.conv(src, `${p}/ClassPredictor/weights`, `${p}/ClassPredictor/biases`, 1, 'same'), 3));
  });
  const enc = g.op1('Concat', encodings, { axis: 1 });
  const cls = g.op1('Concat', classes, { axis: 1 });

  // Box decoding (outputLayer.ts): centre += enc/10 · size; half-size = exp(enc/5) · size / 2.
  const anchors = t.tensor('Output/extra_dim').data as Float32Array;
  if (anchors.length !== SSD_ANCHORS * 4) throw new Error(`expected ${SSD_ANCHORS} anchors`);
  const { sizes, centres } = anchorConstants(anchors);
  const sizeC = g.f32('anchor_size', sizes, [SSD_ANCHORS, 2]);
  const centreC = g.f32('anchor_centre', centres, [SSD_ANCHORS, 2]);
  const shift = g.op1('Add', [g.op1('Mul', [g.op1('Div', [slice(g, enc, 0, 2), g.f32('ten', [10], [])]), sizeC]), centreC]);
  const expd = g.op1('Exp', [g.op1('Div', [slice(g, enc, 2, 4), g.f32('five', [5], [])])]);
  const half = g.op1('Div', [g.op1('Mul', [expd, sizeC]), g.f32('two', [2], [])]);
  g.op1('Concat', [g.op1('Sub', [shift, half]), g.op1('Add', [shift, half])], { axis: 2 }, 'boxes');
  const faceLogit = g.op1('Reshape', [slice(g, cls, 1, 2), g.i64('shape', [0, -1])]);
  g.op1('Sigmoid', [faceLogit], {}, 'scores');
  g.output('boxes', 'float32', ['N', SSD_ANCHORS, 4]);
  g.output('scores', 'float32', ['N', SSD_ANCHORS]);
  // The TF graph's preprocessing constants and int32 slice bounds are not part of face-api's net.
  t.assertAllUsed((n) => n.startsWith('Preprocessor/'));
  return {
    name: 'face-detector-ssd',
    file: 'ssd_mobilenetv1.onnx',
    description:
      'SSD MobileNetV1 face detector: 512×512 raw RGB 0..255 NHWC (image zero-padded to a square at bottom/right) → decoded boxes (ymin,xmin,ymax,xmax relative to the square) and face scores for 5118 anchors; NMS is done by the caller.',
    inputs: [{ name: 'image', type: 'float32', shape: ['N', SSD_INPUT, SSD_INPUT, 3] }],
    outputs: [
      { name: 'boxes', type: 'float32', shape: ['N', SSD_ANCHORS, 4] },
      { name: 'scores', type: 'float32', shape: ['N', SSD_ANCHORS] },
    ],
    ...convertedModel(g, 'ssd_mobilenetv1_model', 'build/recipes/faceapi/ssd.ts'),
  };
}
