/**
 * face-api's 68-point landmark net (FaceLandmark68Net: FaceFeatureExtractor + fc) as ONNX.
 * Topology from src/faceFeatureExtractor/{FaceFeatureExtractor,denseBlock}.ts and
 * src/faceLandmarkNet; input is the face crop padded to a square and resized to 112×112, raw
 * RGB 0..255 NHWC; output is 68 (x, y) pairs relative to that square (iBUG 300-W order).
 */
import { GraphBuilder } from '../../onnx/builder.js';
import type { ModelSpec } from '../manifest.js';
import { TfjsGraph, type Feature } from './layers.js';
import { readTfjsWeights } from './weights.js';
import { convertedModel } from './provenance.js';

export const LANDMARKS_INPUT = 112;
/** face-api's mean RGB for its landmark and recognition nets (src/ops/normalize). */
export const FACE_MEAN_RGB = [122.782, 117.001, 104.298];

/** denseBlock4: four convs whose outputs are summed densely (each sees the sum of the ones before). */
function denseBlock4(t: TfjsGraph, x: Feature, prefix: string, first: boolean): Feature {
  const out1 = t.unary(
    'Relu',
    first ? t.conv(x, `${prefix}/conv0/filters`, `${prefix}/conv0/bias`, 2, 'same') : t.separable(x, `${prefix}/conv0`, 2),
  );
  const out2 = t.separable(out1, `${prefix}/conv1`, 1);
  const in3 = t.unary('Relu', t.add(out1, out2));
  const out3 = t.separable(in3, `${prefix}/conv2`, 1);
  const in4 = t.unary('Relu', t.add(out1, t.add(out2, out3)));
  const out4 = t.separable(in4, `${prefix}/conv3`, 1);
  return t.unary('Relu', t.add(out1, t.add(out2, t.add(out3, out4))));
}

export function buildLandmarks68(): ModelSpec {
  const g = new GraphBuilder('face_landmark_68');
  const t = new TfjsGraph(g, readTfjsWeights('face_landmark_68_model'));
  let x = t.nhwcInput('image', LANDMARKS_INPUT, FACE_MEAN_RGB, 255);
  x = denseBlock4(t, x, 'dense0', true);
  x = denseBlock4(t, x, 'dense1', false);
  x = denseBlock4(t, x, 'dense2', false);
  x = denseBlock4(t, x, 'dense3', false);
  x = t.pool('AveragePool', x, 7, 2, 'valid');
  const flat = g.op1('Flatten', [x.name], { axis: 1 });
  g.op1('Gemm', [flat, t.weight('fc/weights'), t.weight('fc/bias')], {}, 'landmarks');
  g.output('landmarks', 'float32', ['N', 136]);
  t.assertAllUsed();
  return {
    name: 'face-landmarks68',
    file: 'face_landmark_68.onnx',
    description:
      '68 facial landmarks (iBUG 300-W order) as x0,y0,x1,y1… relative to a 112×112 square face crop (raw RGB 0..255, NHWC).',
    inputs: [{ name: 'image', type: 'float32', shape: ['N', LANDMARKS_INPUT, LANDMARKS_INPUT, 3] }],
    outputs: [{ name: 'landmarks', type: 'float32', shape: ['N', 136] }],
    ...convertedModel(g, 'face_landmark_68_model', 'build/recipes/faceapi/landmarks68.ts'),
  };
}
