/**
 * `style <image> --style <id | artwork path> [--strength a] -o <out.png>` (DESIGN §7): renders the
 * image in a gallery style, or in the style of an artwork file given by path. An artwork (a file,
 * or a gallery style that kept its image) renders with its own marks by default (guided synthesis,
 * at most 1024 px, enlarged to the output size); `--engine texture` for the fast colour-and-texture
 * graph. `--preserve-colours` keeps the photo's colours, `--detail 1..4` sets the marks' patch size,
 * `--strokes 0..1` their share (a drawing's; a painting or poster takes its square; the rest follows
 * the sitter's lines exactly).
 */
import { promises as fs } from 'node:fs';
import { badInput } from '../../../../common/errors.js';
import { decodeImage } from '../../../services/images/decode.js';
import { writeFileAtomic } from '../../../services/settings/atomic.js';
import { embedArtwork } from '../../../services/style/embedding.js';
import type { StyleSource } from '../../../services/style/engine.js';
import { numberOf, parseArgs, UsageError, type CliCommand } from '../command.js';
import { encodeCredited, outputFormat } from '../output.js';
import { CARTOON_STYLE } from '../../../services/style/cartoon.js';

async function readInput(file: string, label: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch {
    throw badInput(`${label} "${file}" cannot be read.`);
  }
}

export const styleCommand: CliCommand = {
  name: 'style',
  usage: 'style <image> --style <id | path/to/artwork> [--strength a] [--engine texture|marks] [--detail 1..4] [--strokes 0..1] [--preserve-colours] -o <out.png>',
  async run(args, { services }) {
    const { flags, positionals } = parseArgs(args, ['preserve-colours'], ['style', 'strength', 'engine', 'detail', 'strokes', 'o']);
    const [input] = positionals;
    const style = flags.get('style');
    const out = flags.get('o');
    if (!input || positionals.length > 1 || typeof style !== 'string' || typeof out !== 'string') {
      throw new UsageError('style needs one image, --style and -o.');
    }
    const format = outputFormat(out);
    const strengthText = flags.get('strength');
    const strength = strengthText === undefined ? 1 : numberOf(strengthText);
    if (!Number.isFinite(strength) || strength < 0 || strength > 1) throw new UsageError('--strength must be a number from 0 to 1.');
    const asked = flags.get('engine');
    if (asked !== undefined && asked !== 'marks' && asked !== 'texture') throw new UsageError('--engine must be texture or marks.');
    const detailText = flags.get('detail');
    const detail = detailText === undefined ? undefined : numberOf(detailText);
    if (detail !== undefined && !(Number.isInteger(detail) && detail >= 1 && detail <= 4)) throw new UsageError('--detail must be a whole number from 1 to 4.');
    const strokesText = flags.get('strokes');
    const strokes = strokesText === undefined ? undefined : numberOf(strokesText);
    if (strokes !== undefined && !(strokes >= 0 && strokes <= 1)) throw new UsageError('--strokes must be a number from 0 to 1.');
    const preserveColor = flags.get('preserve-colours') === true;
    const image = await decodeImage(await readInput(input, 'The image'), `"${input}"`);
    const { value: styled, models } = await services.inference.track(async () => {
    // The cartoon is listed only when cleared; resolve() says why when it is not.
    const known = style === CARTOON_STYLE.id || (await services.style.gallery.list()).some((s) => s.id === style);
    let source: StyleSource;
    if (known) {
      source = await services.style.gallery.resolve(style);
    } else {
      const isFile = await fs.stat(style).then((s) => s.isFile(), () => false);
      if (!isFile) throw badInput(`"${style}" is neither a style id (see \`styles\`) nor an artwork file.`);
      const artwork = await decodeImage(await readInput(style, 'The artwork'), `The artwork "${style}"`);
      source = { kind: 'example', embedding: await embedArtwork(services.inference, artwork), artwork: async () => artwork };
    }
    // Example-based styles keep the photo's faces readable: detect them first (none found: none kept).
    const faces = source.kind === 'example' ? await services.edit.readableFaces(image) : undefined;
    const engine = asked ?? (source.kind === 'example' && source.artwork ? 'marks' : 'texture');
    return services.style.render(image, { source, strength, preserveColor, region: 'whole', faces, engine, detail, strokes });
    });
    await writeFileAtomic(out, await encodeCredited(format, styled, services.inference.modelsDir, models));
  },
};
