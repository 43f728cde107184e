/**
 * The built-in presets. They are written with sliders and gains rather than fixed offsets, so
 * each adapts to the face it is applied to (big eyes scales THIS face's eyes); exported, they are
 * ordinary preset files. Region gains are sized like DEFAULT_EXAGGERATION (compose.ts): the
 * pose-free reference leaves smaller differences than the old one, and 1.3 showed nothing.
 */
import { DEFAULT_EXAGGERATION } from '../../../common/warp/compose.js';
import { PRESET_FORMAT, PRESET_VERSION, type PresetDoc } from '../../../common/presets/schema.js';

const ZERO = Array.from({ length: 68 }, (): [number, number] => [0, 0]);

function builtin(name: string, notes: string, rest: Pick<PresetDoc, 'gains'> & Partial<Pick<PresetDoc, 'sliders' | 'head'>>): PresetDoc {
  return { format: PRESET_FORMAT, version: PRESET_VERSION, name, notes, offsets: ZERO.map(([x, y]) => [x, y]), ...rest };
}

export const BUILTIN_PRESETS: ReadonlyArray<{ id: string; doc: PresetDoc }> = [
  {
    id: 'builtin:classic',
    doc: builtin(`Classic caricature (${DEFAULT_EXAGGERATION}×)`, 'Every difference from the average face (at this face\'s pose) as large as the AutoToon artists draw it, on a slightly bigger head.', {
      gains: { global: DEFAULT_EXAGGERATION },
      head: 1.15,
    }),
  },
  { id: 'builtin:big-head', doc: builtin('Big head', 'The classic caricature on a head half as large again, anchored at the neck.', { gains: { global: DEFAULT_EXAGGERATION }, head: 1.5 }) },
  { id: 'builtin:big-eyes', doc: builtin('Big eyes', 'Eyes 30% larger, a touch wider apart.', { gains: {}, sliders: { eyeSize: 0.6, eyeDistance: 0.2 } }) },
  { id: 'builtin:long-nose', doc: builtin('Long nose', 'The nose tip drops and the nostrils narrow.', { gains: { nose: 2.5 }, sliders: { noseLength: 1, noseWidth: -0.3 } }) },
  { id: 'builtin:wide-jaw', doc: builtin('Wide jaw', 'A broad, square lower jaw.', { gains: { jaw: 2.5 }, sliders: { jawWidth: 1, faceWidth: 0.2 } }) },
  { id: 'builtin:tiny-mouth', doc: builtin('Tiny mouth', 'A small, thin-lipped mouth.', { gains: {}, sliders: { mouthWidth: -1, upperLip: -0.5, lowerLip: -0.5 } }) },
  { id: 'builtin:grin', doc: builtin('Grin', 'Wide mouth with the corners pulled up.', { gains: { mouth: 2.5 }, sliders: { smile: 1, mouthWidth: 0.6 } }) },
  { id: 'builtin:heroic-chin', doc: builtin('Heroic chin', 'A long, strong chin and jaw.', { gains: { jaw: 2.2 }, sliders: { chinHeight: 1, jawWidth: 0.4 } }) },
  { id: 'builtin:egg-head', doc: builtin('Egg head', 'High forehead over a narrow jaw.', { gains: {}, sliders: { foreheadHeight: 1, jawWidth: -0.7, chinHeight: 0.3, faceWidth: -0.2 } }) },
];
