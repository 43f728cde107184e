/**
 * `warp <image> (--preset <preset.json> | --exaggerate <k>) [--head s] [--face i] -o <out.png> [--json]`
 * (DESIGN §7): warps one face (0 = largest) of the photo at full size, keeping the input's size;
 * with --json prints {"source", "target", "identity"} (image pixels; target after fold prevention).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { badInput } from '../../../../common/errors.js';
import { decodeImage } from '../../../services/images/decode.js';
import { writeFileAtomic } from '../../../services/settings/atomic.js';
import { parsePreset } from '../../../services/presets/parse.js';
import { applyPreset } from '../../../services/presets/apply.js';
import { composeTarget, HEAD_MAX, HEAD_MIN } from '../../../../common/warp/compose.js';
import type { Point } from '../../../../common/geometry.js';
import type { Services } from '../../services.js';
import { numberOf, parseArgs, UsageError, type CliCommand } from '../command.js';
import { encodeCredited, outputFormat } from '../output.js';
import { readImageFile } from './detect.js';

/** Parses `--exaggerate k`: the same bounds as the IPC channel (0…5). */
export function parseK(text: string | true | undefined): number {
  const k = numberOf(text);
  if (!Number.isFinite(k) || k < 0 || k > 5) throw new UsageError('--exaggerate must be a number from 0 to 5.');
  return k;
}

/** Parses `--head s`: the head size factor, 1 (as is) to 1.6; absent = the preset's, or 1. */
export function parseHead(text: string | true | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = typeof text === 'string' ? Number(text) : NaN;
  if (!Number.isFinite(s) || s < HEAD_MIN || s > HEAD_MAX) throw new UsageError(`--head must be a number from ${HEAD_MIN} to ${HEAD_MAX}.`);
  return s;
}

export function parseFaceIndex(text: string | true | undefined): number {
  if (text === undefined) return 0;
  const i = typeof text === 'string' && /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(i)) throw new UsageError('--face must be a face number (0 = the largest face).');
  return i;
}

/** Decodes the photo and finds face `index`'s landmarks, and the landmark model that placed them. */
export async function loadFace(services: Services, file: string, index: number) {
  const image = await decodeImage(await readImageFile(file), `"${path.basename(file)}"`);
  const source = (await services.faces.face(image, index)).landmarks;
  return { image, source, landmarks: (await services.faces.detect(image)).landmarks };
}

export const warpCommand: CliCommand = {
  name: 'warp',
  usage: 'warp <image> (--preset <preset.json> | --exaggerate <k>) [--head s] [--face i] -o <out.png> [--json]',
  async run(args, { services, stdout, stderr }) {
    const { flags, positionals } = parseArgs(args, ['json'], ['preset', 'exaggerate', 'head', 'face', 'o']);
    const out = flags.get('o');
    if (positionals.length !== 1 || typeof out !== 'string') throw new UsageError('warp needs one image and -o.');
    const format = outputFormat(out);
    if (flags.has('preset') === flags.has('exaggerate')) throw new UsageError('warp needs exactly one of --preset and --exaggerate.');
    const presetFile = flags.get('preset');
    // Read and validate the preset before any detection work, so a bad file fails fast.
    let presetText: string | undefined;
    if (presetFile !== undefined) {
      if (typeof presetFile !== 'string') throw new UsageError('--preset needs a file.');
      presetText = await fs.readFile(presetFile, 'utf8').catch(() => {
        throw badInput(`Cannot read the preset "${path.basename(presetFile)}".`);
      });
    }
    const preset = presetText === undefined ? undefined : parsePreset(presetText, `The preset "${path.basename(presetFile as string)}"`);
    const k = preset ? 1 : parseK(flags.get('exaggerate'));
    const head = parseHead(flags.get('head'));
    const face = parseFaceIndex(flags.get('face'));
    const { value: made, models } = await services.inference.track(async () => {
      const { image, source, landmarks } = await loadFace(services, positionals[0]!, face);
      const wanted: Point[] = preset ? applyPreset(head === undefined ? preset : { ...preset, head }, source) : composeTarget(source, { gains: { global: k }, head: head ?? 1, landmarks });
      return { image, source, r: await services.edit.faceEdit(image, [{ face, source, target: wanted }]) };
    });
    const { image, source, r } = made;
    const target = r.edits[0]!.target;
    await writeFileAtomic(out, await encodeCredited(format, r.image, services.inference.modelsDir, models));
    if (r.notice) stderr(r.notice);
    if (flags.has('json')) {
      const { similarity } = await services.edit.identity(image, { face, source, target });
      stdout(JSON.stringify({ source, target, identity: similarity }));
    }
  },
};
