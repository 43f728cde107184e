/** Provenance recorded in the manifest for every model converted from face-api's weights. */
import type { ManifestEntry } from '../../../electron/services/inference/manifest.js';
import { FACE_API_PACKAGE, faceApiVersion } from './weights.js';

export function provenance(model: string, recipe: string): ManifestEntry['provenance'] {
  return {
    recipe,
    source: `npm:${FACE_API_PACKAGE} model/${model}.bin`,
    version: faceApiVersion(),
    licence: 'MIT',
    notes: 'tfjs uint8-quantised weights kept as uint8 and dequantised in the graph (Cast, Mul, Add).',
  };
}
