/**
 * `variations <image> --grid RxC --seed n -o <sheet.png> [--json] [--temperature t] [--cell px] [--face i]`
 * (DESIGN §7): an APMM variation sheet of face i (0 = largest); with --json prints
 * {"cells": [{"seed", "style", "target"}]} (target: 68 points in image pixels).
 */
import path from 'node:path';
import { generateVariations } from '../../../services/apmm/variations.js';
import { sheetOf } from '../../../services/apmm/sheet.js';
import { writeSheet } from '../../../services/sheets/compose.js';
import { modelCredits } from '../../../services/sheets/model-credits.js';
import { numberOf, parseArgs, UsageError, type CliCommand } from '../command.js';
import { outputFormat } from '../output.js';
import { loadFace, parseFaceIndex } from './warp.js';

export function parseGrid(text: string | true | undefined): { rows: number; cols: number } {
  const m = typeof text === 'string' ? /^([2-6])x([2-6])$/i.exec(text) : null;
  if (!m) throw new UsageError('--grid must be RxC with 2 to 6 rows and columns, e.g. 4x4.');
  return { rows: Number(m[1]), cols: Number(m[2]) };
}

function parseNumber(text: string | true | undefined, name: string, fallback: number, ok: (v: number) => boolean, rule: string): number {
  if (text === undefined) return fallback;
  const v = numberOf(text);
  if (!ok(v)) throw new UsageError(`--${name} must be ${rule}.`);
  return v;
}

export const variationsCommand: CliCommand = {
  name: 'variations',
  usage: 'variations <image> --grid RxC --seed n -o <sheet.png> [--json] [--temperature t] [--cell px] [--face i]',
  async run(args, { services, stdout }) {
    const { flags, positionals } = parseArgs(args, ['json'], ['grid', 'seed', 'o', 'temperature', 'cell', 'face']);
    const out = flags.get('o');
    if (positionals.length !== 1 || typeof out !== 'string') throw new UsageError('variations needs one image and -o.');
    outputFormat(out, ['png']); // the sheet's facts live in PNG tEXt chunks
    const { rows, cols } = parseGrid(flags.get('grid'));
    if (!flags.has('seed')) throw new UsageError('variations needs --seed n.');
    const seed = parseNumber(flags.get('seed'), 'seed', 0, (v) => Number.isInteger(v) && v >= 0 && v <= 0xffffffff, 'a whole number from 0 to 4294967295');
    const temperature = parseNumber(flags.get('temperature'), 'temperature', 1, (v) => v >= 0 && v <= 3, 'a number from 0 to 3');
    const cellSize = parseNumber(flags.get('cell'), 'cell', 256, (v) => Number.isInteger(v) && v >= 64 && v <= 1024, 'a whole number of pixels from 64 to 1024');
    const file = positionals[0]!;
    const { value: cells, models } = await services.inference.track(async () => {
      const { image, source } = await loadFace(services, file, parseFaceIndex(flags.get('face')));
      return generateVariations(services.inference, image, source, { rows, cols, seed, temperature, cellSize });
    });
    const sheet = sheetOf(`${path.basename(file)} — variations, seed ${seed}`, rows, cols, cells);
    await writeSheet(out, { ...sheet, models: await modelCredits(services.inference.modelsDir, models) });
    if (flags.get('json')) {
      stdout(`${JSON.stringify({ cells: cells.map((c) => ({ seed: c.geometrySeed, style: c.style, styleSeed: c.styleSeed, target: c.target })) })}\n`);
    }
  },
};
