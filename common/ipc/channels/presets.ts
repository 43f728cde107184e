/**
 * Preset channels: the preset panel (built-ins + the artist's, stored in the user data folder),
 * import/export of preset files, and applying a preset to a face.
 */
import { z } from 'zod';
import { channel, id, landmarks68, shortText } from '../define.js';
import { MAX_PRESET_BYTES } from '../../presets/schema.js';
import { faceRef } from './warp.js';

const PresetEntry = z.object({ id: z.string(), name: z.string(), notes: z.string(), builtin: z.boolean() });
const saved = z.object({ id: z.string(), name: z.string() });

export const presetsChannels = {
  /** `skipped`: one sentence per file in the folder that no longer validates. */
  'presets:list': channel({
    request: z.object({}).strict(),
    response: z.object({ presets: z.array(PresetEntry), skipped: z.array(z.string()) }),
  }),
  /** Saves the current edit of a face as a preset (68 canonical offsets, unit gains). */
  'presets:save': channel({
    request: z.object({ ...faceRef, target: landmarks68, name: shortText(100).trim().min(1), notes: shortText(4000).optional() }).strict(),
    response: saved,
  }),
  'presets:delete': channel({
    request: z.object({ id }).strict(),
    response: z.object({ deleted: z.boolean() }),
  }),
  /** A preset file's text; validated whole before anything is stored. */
  'presets:import': channel({
    request: z.object({ json: z.string().max(MAX_PRESET_BYTES) }).strict(),
    response: saved,
  }),
  /** The preset as file text, with a suggested file name (save it with files:save). */
  'presets:export': channel({
    request: z.object({ id }).strict(),
    response: z.object({ json: z.string(), fileName: z.string() }),
  }),
  /** Target landmarks (image px) for a face with the preset applied. */
  'presets:apply': channel({
    request: z.object({ ...faceRef, presetId: id }).strict(),
    response: z.object({ target: landmarks68 }),
  }),
};
