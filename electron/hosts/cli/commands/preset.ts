/**
 * `preset export <image> --exaggerate <k> [--face i] [--name n] -o <preset.json>` (DESIGN §7):
 * saves the exaggeration of one face as a portable preset — its 68 offsets in the canonical
 * frame — that `warp --preset` (or the app) applies to any other face.
 */
import path from 'node:path';
import { writeFileAtomic } from '../../../services/settings/atomic.js';
import { presetFromEdit } from '../../../services/presets/apply.js';
import { presetToJson } from '../../../services/presets/parse.js';
import { composeTarget } from '../../../../common/warp/compose.js';
import { printable } from '../../../../common/text.js';
import { parseArgs, UsageError, type CliCommand } from '../command.js';
import { loadFace, parseFaceIndex, parseK } from './warp.js';

export const presetCommand: CliCommand = {
  name: 'preset',
  usage: 'preset export <image> --exaggerate <k> [--face i] [--name n] -o <preset.json>',
  async run(args, { services }) {
    const { flags, positionals } = parseArgs(args, [], ['exaggerate', 'face', 'name', 'o']);
    const [verb, file, ...extra] = positionals;
    const out = flags.get('o');
    if (verb !== 'export' || !file || extra.length || typeof out !== 'string') throw new UsageError('preset export needs one image, --exaggerate and -o.');
    if (path.extname(out).toLowerCase() !== '.json') throw new UsageError(`-o must name a .json file (got "${path.basename(out)}").`);
    const k = parseK(flags.get('exaggerate'));
    const nameFlag = flags.get('name');
    const name = typeof nameFlag === 'string' && nameFlag.trim() ? nameFlag.trim().slice(0, 100) : `${k}× exaggeration of ${printable(path.basename(file))}`.slice(0, 100);
    const { source, landmarks } = await loadFace(services, file, parseFaceIndex(flags.get('face')));
    const target = composeTarget(source, { gains: { global: k }, landmarks });
    const doc = presetFromEdit(source, target, name, `Exported by \`preset export --exaggerate ${k}\` from ${path.basename(file)}.`);
    await writeFileAtomic(out, presetToJson(doc));
  },
};
