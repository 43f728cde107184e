/**
 * `detect <image> [--json] [--detector auto|ssd|tiny|hog] [--landmarks precise|fast]` (DESIGN §7):
 * every face, largest first, with box, score and the 68 landmarks in image pixels, and the
 * execution provider the detector ran on.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { badInput } from '../../../../common/errors.js';
import { decodeImage, MAX_INPUT_BYTES } from '../../../services/images/decode.js';
import { detectFaces, requireFaces } from '../../../services/faces/detect.js';
import { DETECTOR_NAMES, LANDMARK_NAMES } from '../../../../common/names.js';
import { parseArgs, UsageError, type CliCommand } from '../command.js';

/** Reads an image file, turning file-system failures into one sentence for the user. */
export async function readImageFile(file: string): Promise<Uint8Array> {
  const label = `"${path.basename(file)}"`;
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw badInput(`Cannot open ${label}: no such file.`);
  }
  if (!stat.isFile()) throw badInput(`${label} is not a file.`);
  if (stat.size > MAX_INPUT_BYTES) throw badInput(`${label} is larger than 200 MB.`);
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw badInput(`Cannot read ${label} (${(e as NodeJS.ErrnoException).code ?? 'read error'}).`);
  }
}

function choice<T extends string>(value: string | true | undefined, names: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (names as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${names.join(', ')}.`);
}

export const detectCommand: CliCommand = {
  name: 'detect',
  usage: `detect <image> [--json] [--detector ${DETECTOR_NAMES.join('|')}] [--landmarks precise|fast]`,
  async run(args, { services, stdout, stderr }) {
    const { flags, positionals } = parseArgs(args, ['json'], ['detector', 'landmarks']);
    if (positionals.length !== 1) throw new UsageError('detect needs exactly one image.');
    const detector = choice(flags.get('detector'), DETECTOR_NAMES, 'detector') ?? services.faces.detector;
    const landmarks = choice(flags.get('landmarks'), LANDMARK_NAMES, 'landmarks') ?? services.faces.landmarks;
    const file = positionals[0]!;
    const image = await decodeImage(await readImageFile(file), `"${path.basename(file)}"`);
    const d = requireFaces(await detectFaces(services.inference, image, { detector, landmarks }));
    for (const w of d.warnings) stderr(w);
    if (flags.has('json')) {
      stdout(
        JSON.stringify({
          image: { width: d.width, height: d.height },
          provider: d.provider,
          faces: d.faces.map((f) => ({ box: f.box, score: f.score, landmarks: f.landmarks })),
        }),
      );
      return;
    }
    stdout(`${path.basename(file)}: ${d.width}×${d.height}, ${d.faces.length} face${d.faces.length === 1 ? '' : 's'} (${d.provider})`);
    d.faces.forEach((f, i) => {
      const [x, y, w, h] = f.box.map((v) => Math.round(v));
      stdout(`  face ${i + 1}: box ${x},${y} ${w}×${h}, score ${f.score.toFixed(3)}${f.warnings.length ? ` — ${f.warnings.join(' ')}` : ''}`);
    });
  },
};
