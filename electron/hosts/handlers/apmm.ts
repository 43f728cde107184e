/** Handlers for the APMM channels: thin adapters from the contract to services/apmm and services/sheets. */
import type { z } from 'zod';
import type { apmmChannels, VariationsRequest } from '../../../common/ipc/channels/apmm.js';
import { encodeJpeg } from '../../services/images/decode.js';
import { presetName, sheetOf } from '../../services/apmm/sheet.js';
import { sampleCellStyle } from '../../services/apmm/style.js';
import { embeddingToJson } from '../../services/style/embedding.js';
import { generateVariations, interpolateCells, type VariationCell } from '../../services/apmm/variations.js';
import { composeSheet, sheetSize } from '../../services/sheets/compose.js';
import { modelCredits } from '../../services/sheets/model-credits.js';
import type { CallContext, HandlerMap } from './context.js';
import { faceOf } from './warp.js';

async function cellsOf(req: z.output<typeof VariationsRequest>, ctx: CallContext): Promise<VariationCell[]> {
  const { image, source } = await faceOf(ctx, req);
  return generateVariations(ctx.services.inference, image, source, req, { signal: ctx.signal, progress: ctx.progress });
}

export const apmmHandlers: HandlerMap<typeof apmmChannels> = {
  'apmm:variations': async (req, ctx) => {
    const cells = await cellsOf(req, ctx);
    return {
      cells: await Promise.all(
        cells.map(async (c) => ({
          index: c.index,
          seed: c.geometrySeed,
          styleSeed: c.styleSeed,
          style: c.style,
          styleKind: c.styleKind,
          styleLabel: c.styleLabel,
          params: c.params,
          preset: presetName(c.geometrySeed),
          offsets: c.offsets,
          target: c.target,
          fallback: c.fallback,
          image: await encodeJpeg(c.image, 90),
        })),
      ),
    };
  },
  'apmm:sheet': async (req, ctx) => {
    const { value: cells, models } = await ctx.services.inference.track(() => cellsOf(req, ctx));
    const sheet = sheetOf(req.title ?? `Variations, seed ${req.seed}`, req.rows, req.cols, cells);
    const png = await composeSheet({ ...sheet, models: await modelCredits(ctx.services.inference.modelsDir, models) });
    return { png, ...sheetSize(req.rows, req.cols, req.cellSize) };
  },
  'apmm:style': async (req, { services }) => {
    const s = await sampleCellStyle(services.inference, req.styleSeed);
    return { kind: s.kind, id: s.id, label: s.label, params: s.params, ...(s.embedding ? { embedding: embeddingToJson(s.embedding) } : {}) };
  },
  'apmm:interpolate': async (req, ctx) => {
    const { image, source } = await faceOf(ctx, req);
    const steps = await interpolateCells(ctx.services.inference, image, source, req, { signal: ctx.signal, progress: ctx.progress });
    return { steps: await Promise.all(steps.map(async (s) => ({ t: s.t, offsets: s.offsets, target: s.target, plausible: s.plausible, image: await encodeJpeg(s.image, 90) }))) };
  },
};
