/**
 * face-api's TinyFaceDetector (a Tiny YOLO v2 with depthwise-separable convs) as ONNX.
 * Topology from src/tinyYolov2/TinyYolov2Base.ts (runMobilenet with isFirstLayerConv2d and the
 * 7 filter sizes of src/tinyFaceDetector/TinyFaceDetector.ts, so no conv6/conv7):
 *   conv0 3×3 'valid' + LeakyRelu(0.1), maxPool 2/2 'same',
 *   conv1…conv5: pad 1 + separable 3×3 'valid' (= 'same') + bias + LeakyRelu(0.1), each followed
 *   by maxPool 2/2 'same' except conv5, whose pool has stride 1, then conv8 1×1 → 5 anchors × 5.
 * At 416 the sizes run 414 → 207 → 207 → 104 → … → 13; the pool over 207 and the stride-1 pool
 * over 13 pad one cell after (TF SAME, i.e. ONNX SAME_UPPER), written as explicit pads.
 *
 * face-api's leaky is relu(x − 0.1x) + 0.1x, which is LeakyRelu(alpha 0.1) up to float rounding.
 *
 * face-api's input normalisation ((x − MEAN_RGB) / 255) is folded into conv0's weights and bias
 * (exact for a 'valid' conv; layers.ts convNormalised), so the graph starts with the transpose.
 *
 * Input: the image zero-padded to a square at the bottom/right and resized to 416×416, raw RGB
 * 0..255 NHWC. Output: the raw grid [N,13,13,5,5] (row, col, anchor, tx ty tw th to), decoded in
 * TypeScript (electron/services/faces/tiny.ts) with face-api's anchors, sigmoid and NMS.
 */
import { GraphBuilder } from '../../onnx/builder.js';
import type { ModelSpec } from '../manifest.js';
import { TfjsGraph, type Feature } from './layers.js';
import { convertedModel } from './provenance.js';
import { readTfjsWeights } from './weights.js';

export const TINY_INPUT = 416;
export const TINY_CELLS = 13;
export const TINY_ANCHORS = 5;
/** tx, ty, tw, th and the objectness logit; one class (face), so no class scores. */
const BOX_ENCODING = 5;
/** src/tinyFaceDetector/const.ts MEAN_RGB; the input is then divided by 255. */
const MEAN_RGB = [117.001, 114.697, 97.404];
/** face-api's leaky slope, as the float32 it multiplies by. */
const LEAKY_ALPHA = 0.10000000149011612;

function leaky(t: TfjsGraph, x: Feature): Feature {
  return t.unary('LeakyRelu', x, { alpha: { float: LEAKY_ALPHA } });
}

export function buildTinyDetector(): ModelSpec {
  const g = new GraphBuilder('tiny_face_detector');
  const t = new TfjsGraph(g, readTfjsWeights('tiny_face_detector_model'));
  // ORT spent ~1.1 ms of the net's ~5 ms on the two elementwise passes over the input.
  let x = t.nhwcRawInput('image', TINY_INPUT);
  x = leaky(t, t.convNormalised(x, 'conv0/filters', 'conv0/bias', 1, MEAN_RGB, 255));
  for (let i = 1; i <= 5; i++) {
    x = t.pool('MaxPool', x, 2, 2, 'same');
    x = leaky(t, t.separable(x, `conv${i}`, 1));
  }
  x = t.pool('MaxPool', x, 2, 1, 'same');
  x = t.conv(x, 'conv8/filters', 'conv8/bias', 1, 'valid');
  if (x.h !== TINY_CELLS || x.w !== TINY_CELLS || x.c !== TINY_ANCHORS * BOX_ENCODING) {
    throw new Error(`tiny detector output ${x.c}×${x.h}×${x.w}, expected ${TINY_ANCHORS * BOX_ENCODING}×${TINY_CELLS}×${TINY_CELLS}`);
  }
  // tfjs reshapes the NHWC output, so channel c is anchor ⌊c/5⌋, field c mod 5.
  const nhwc = g.op1('Transpose', [x.name], { perm: [0, 2, 3, 1] });
  g.op1('Reshape', [nhwc, g.i64('shape', [0, TINY_CELLS, TINY_CELLS, TINY_ANCHORS, BOX_ENCODING])], {}, 'grid');
  g.output('grid', 'float32', ['N', TINY_CELLS, TINY_CELLS, TINY_ANCHORS, BOX_ENCODING]);
  t.assertAllUsed();
  return {
    name: 'face-detector-tiny',
    file: 'tiny_face_detector.onnx',
    description:
      'Tiny YOLO v2 face detector: 416×416 raw RGB 0..255 NHWC (image zero-padded to a square at bottom/right) → raw grid [N,13,13,5,5] (row, col, anchor, tx ty tw th objectness); anchors, sigmoid and NMS are applied by the caller.',
    inputs: [{ name: 'image', type: 'float32', shape: ['N', TINY_INPUT, TINY_INPUT, 3] }],
    outputs: [{ name: 'grid', type: 'float32', shape: ['N', TINY_CELLS, TINY_CELLS, TINY_ANCHORS, BOX_ENCODING] }],
    ...convertedModel(g, 'tiny_face_detector_model', 'build/recipes/faceapi/tiny-detector.ts', ', except conv0, float32 with the input normalisation folded in'),
  };
}
