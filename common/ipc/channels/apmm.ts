/**
 * APMM channels (automatic mode, issue #6): a grid of sampled caricatures of one face, the same
 * grid as a captioned sheet PNG, and in-between geometries of two cells. Seeds are uint32; a cell
 * is fully described by its geometry seed and style seed (plus the temperature), so the renderer
 * can lock either, per cell or for the whole grid, and reroll the rest with a new sheet seed.
 */
import { z } from 'zod';
import { bytes, channel, landmarks68, num, shortText } from '../define.js';
import { faceRef } from './warp.js';
import { EmbeddingJson } from '../../style/schema.js';

const seed = z.number().int().min(0).max(0xffffffff);
const grid = z.number().int().min(2).max(6);
const cellSeeds = z.object({ geometrySeed: seed, styleSeed: seed }).strict();

export const VariationsRequest = z
  .object({
    ...faceRef,
    rows: grid,
    cols: grid,
    seed,
    /** Noise scale of the geometry generator: 0 = the plain face, 1 = the artists' spread. */
    temperature: num().min(0).max(3),
    cellSize: z.number().int().min(64).max(1024),
    /** Global locks: every cell takes this geometry / style seed. */
    geometrySeed: seed.optional(),
    styleSeed: seed.optional(),
    /** Per-cell locks, row-major (null = unlocked); they override the global ones. */
    locks: z
      .array(z.object({ geometrySeed: seed.optional(), styleSeed: seed.optional() }).strict().nullable())
      .max(36)
      .optional(),
  })
  .strict();

const Cell = z.object({
  index: z.number().int(),
  /** The geometry seed (what the CLI's --json calls "seed"). */
  seed,
  styleSeed: seed,
  /** Gallery id of a drawing style, or 'apmm:<digest>' for a style sampled by the style generator. */
  style: z.string(),
  styleKind: z.enum(['drawing', 'sampled']),
  styleLabel: z.string(),
  /** The drawing style's parameter vector (gallery param order), or the sampled 26-d style vector. */
  params: z.array(z.number()),
  /** Preset name of this geometry. */
  preset: z.string(),
  /** 68 offsets in the canonical frame (a preset's `offsets`) and the 68 target points in image pixels. */
  offsets: landmarks68,
  target: landmarks68,
  /** True when every sampled geometry failed the plausibility filter and the face was kept. */
  fallback: z.boolean(),
  /** The rendered cell, cellSize² JPEG. */
  image: bytes(),
});

export const apmmChannels = {
  'apmm:variations': channel({ request: VariationsRequest, response: z.object({ cells: z.array(Cell) }), job: true }),
  /** The grid rendered again from its seeds (same pixels) as one captioned PNG with tEXt chunks. */
  'apmm:sheet': channel({
    request: VariationsRequest.extend({ title: shortText(200).optional() }).strict(),
    response: z.object({ png: bytes(), width: z.number().int(), height: z.number().int() }),
    job: true,
  }),
  /**
   * A cell's style in full, from its style seed: for a sampled style the example embedding (JSON,
   * as the gallery imports it), so "open in editor" can add it to the gallery.
   */
  'apmm:style': channel({
    request: z.object({ styleSeed: seed }).strict(),
    response: z.object({ kind: z.enum(['drawing', 'sampled']), id: z.string(), label: z.string(), params: z.array(z.number()), embedding: EmbeddingJson.optional() }),
  }),
  /**
   * Cells between two cells (end points included, `steps` in all): geometry from the
   * interpolated noise codes, style likewise for two generated styles, by parameters within one
   * drawing style, else a cross-fade. `plausible` is false for an in-between geometry that fails
   * the filter (the ends always pass).
   */
  'apmm:interpolate': channel({
    request: z
      .object({ ...faceRef, from: cellSeeds, to: cellSeeds, temperature: num().min(0).max(3), steps: z.number().int().min(2).max(16), cellSize: z.number().int().min(64).max(1024) })
      .strict(),
    response: z.object({
      steps: z.array(z.object({ t: z.number(), offsets: landmarks68, target: landmarks68, plausible: z.boolean(), image: bytes() })),
    }),
    job: true,
  }),
};
