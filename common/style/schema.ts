/**
 * The style embedding's JSON form as a zod schema. Zod only, so the IPC contract (shared with the
 * renderer) and the service both validate with the same bounds: every array has a fixed length,
 * every number is finite and bounded, bank payloads are base64 of bounded length.
 */
import { z } from 'zod';
import { EXAMPLE_LEVELS, EXAMPLE_PARAMS, EXAMPLE_PATCH } from './catalog.js';

export const FORMAT = 'caricature-studio/style';
export const STATS_LENGTH = (EXAMPLE_LEVELS + 1) * 2 * 3;
export const PATCH_VALUES = 3 * EXAMPLE_PATCH * EXAMPLE_PATCH;
export const MAX_BANK = 512;

const finite = z.number().finite();
const b64 = z
  .string()
  .max(4 * Math.ceil((MAX_BANK * PATCH_VALUES) / 3))
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

export const AttributionJson = z.object({ title: z.string().max(200), artist: z.string().max(200), licence: z.string().max(200) }).strict();

export const EmbeddingJson = z
  .object({
    stats: z.array(finite.min(-2).max(2)).length(STATS_LENGTH),
    params: z.array(finite.min(0).max(1.5)).length(EXAMPLE_PARAMS.length),
    banks: z.array(z.object({ count: z.number().int().min(1).max(MAX_BANK), data: b64 }).strict()).length(EXAMPLE_LEVELS + 1),
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    source: AttributionJson.optional(),
  })
  .strict();
export type EmbeddingJson = z.infer<typeof EmbeddingJson>;
