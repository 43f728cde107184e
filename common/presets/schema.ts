/**
 * The preset document (DESIGN §4) as a zod schema. Zod and pure constants only, so the IPC
 * contract (shared with the renderer) and the service validate with the same bounds. Every
 * object is strict: an unknown key — `__proto__` and `constructor` included, which JSON.parse
 * turns into ordinary own keys — is an error naming the key, never silently merged.
 */
import { z } from 'zod';
import { REGION_NAMES } from '../face68/regions.js';
import { SLIDER_NAMES } from '../warp/sliders.js';
import { HEAD_MAX, HEAD_MIN } from '../warp/compose.js';

export const PRESET_FORMAT = 'caricature-studio.preset';
/** Version 2 added `head` (head size); version 1 files still load (head 1). */
export const PRESET_VERSION = 2;
export const PRESET_VERSIONS: readonly number[] = [1, 2];
/** A canonical-frame offset beyond the 256-px frame itself is a broken file, not an edit. */
export const MAX_OFFSET = 256;
export const MAX_GAIN = 5;
export const MAX_PRESET_BYTES = 256 * 1024;

const finite = (what: string, min: number, max: number) =>
  // zod's number type already refuses ±Infinity (1e999 in JSON): say so rather than "not a number".
  z.number({ error: (iss) => (typeof iss.input === 'number' ? `${what} must be a finite number` : `${what} must be a number`) }).refine((v) => Number.isFinite(v) && v >= min && v <= max, {
    message: `${what} must be a finite number from ${min} to ${max}`,
  });

export const GainsJson = z
  .object({
    global: finite('the global gain', 0, MAX_GAIN),
    ...Object.fromEntries(REGION_NAMES.map((r) => [r, finite(`the ${r} gain`, 0, MAX_GAIN)])),
  } as Record<'global' | (typeof REGION_NAMES)[number], ReturnType<typeof finite>>)
  .partial()
  .strict();

export const SlidersJson = z
  .object(Object.fromEntries(SLIDER_NAMES.map((s) => [s, finite(`the ${s} slider`, -1, 1)])) as Record<(typeof SLIDER_NAMES)[number], ReturnType<typeof finite>>)
  .partial()
  .strict();

const offset = z.tuple([finite('an offset', -MAX_OFFSET, MAX_OFFSET), finite('an offset', -MAX_OFFSET, MAX_OFFSET)], {
  error: 'each offset must be a pair [dx, dy]',
});

export const PresetJson = z
  .object({
    format: z.literal(PRESET_FORMAT, { error: `the format must be "${PRESET_FORMAT}"` }),
    version: z.union([z.literal(1), z.literal(2)], { error: `only versions ${PRESET_VERSIONS.join(' and ')} are supported` }),
    name: z
      .string({ error: 'the name must be text' })
      .trim()
      .min(1, 'the name is empty')
      .max(100, 'the name is longer than 100 characters')
      .regex(/^[^\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]*$/, 'the name must not contain control characters'),
    notes: z.string({ error: 'the notes must be text' }).max(4000, 'the notes are longer than 4000 characters').default(''),
    /** 68 [dx, dy] offsets in the canonical 256×256 frame, iBUG-68 order. */
    offsets: z
      .array(offset, { error: 'the offsets must be a list of 68 [dx, dy] pairs' })
      .max(68, 'the offsets list has more than 68 points')
      .length(68, 'the offsets list needs exactly 68 points'),
    gains: GainsJson.default({}),
    sliders: SlidersJson.optional(),
    /** Head size factor (version 2), anchored at the neck; absent = 1. */
    head: finite('the head size', HEAD_MIN, HEAD_MAX).optional(),
  })
  .strict();

export type PresetDoc = z.output<typeof PresetJson>;
export type PresetInput = z.input<typeof PresetJson>;
export type Gains = z.output<typeof GainsJson>;
export type Sliders = z.output<typeof SlidersJson>;
