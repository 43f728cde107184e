/** Provenance recorded in the manifest for every model converted from face-api's weights. */
import type { GraphBuilder } from '../../onnx/builder.js';
import type { ModelSpec } from '../manifest.js';
import type { ManifestEntry } from '../../../electron/services/inference/manifest.js';
import { FACE_API_PACKAGE, faceApiVersion } from './weights.js';

function provenance(model: string, recipe: string, note: string): ManifestEntry['provenance'] {
  return {
    recipe,
    source: `npm:${FACE_API_PACKAGE} model/${model}.bin`,
    version: faceApiVersion(),
    licence: 'MIT',
    notes: `tfjs uint8-quantised weights kept as uint8 and dequantised in the graph (Cast, Mul, Add)${note}.`,
  };
}

/**
 * The manifest provenance and the ONNX bytes of a converted face-api model: one place names the
 * source model and the recipe for both, so the file's doc string and the manifest cannot disagree.
 */
export function convertedModel(g: GraphBuilder, model: string, recipe: string, note = ''): Pick<ModelSpec, 'provenance' | 'data' | 'licence' | 'commercialUse'> {
  return { licence: 'MIT', commercialUse: true, provenance: provenance(model, recipe, note), data: g.toBytes(`face-api ${model} converted by ${recipe}`) };
}
