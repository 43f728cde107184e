/** Applying a preset to a face, and making a preset from an edit of a face. */
import { canonicalOffsets, composeTarget } from '../../../common/warp/compose.js';
import type { Point, Points } from '../../../common/geometry.js';
import { PRESET_FORMAT, PRESET_VERSION, type PresetDoc } from '../../../common/presets/schema.js';

/** Target landmarks (image px) for a face (source landmarks, image px). Pure: all or nothing. */
export function applyPreset(doc: PresetDoc, source: Points): Point[] {
  return composeTarget(source, { gains: doc.gains, offsets: doc.offsets, sliders: doc.sliders, head: doc.head ?? 1 });
}

/** A portable preset from an edit: the canonical offsets of target − source (a head size included), unit gains. */
export function presetFromEdit(source: Points, target: Points, name: string, notes = ''): PresetDoc {
  return { format: PRESET_FORMAT, version: PRESET_VERSION, name, notes, offsets: canonicalOffsets(source, target), gains: {} };
}
