/**
 * `parse <image> [--face i] -o <labels.png> [--json]` (DESIGN §7): face parsing of every face
 * (or face i, 0 = largest) as an 8-bit grey PNG of the image's size whose pixel values index
 * "classes" (the parser's own order); with --json prints {"classes", "faces"}.
 */
import path from 'node:path';
import { decodeImage } from '../../../services/images/decode.js';
import { writeFileAtomic } from '../../../services/settings/atomic.js';
import { parseFaces } from '../../../services/faces/parse.js';
import { labelsPng } from '../../../services/faces/parse-overlay.js';
import { creditModels } from '../../../services/sheets/model-credits.js';
import { parseArgs, UsageError, type CliCommand } from '../command.js';
import { readImageFile } from './detect.js';
import { parseFaceIndex } from './warp.js';

export const parseCommand: CliCommand = {
  name: 'parse',
  usage: 'parse <image> [--face i] -o <labels.png> [--json]',
  async run(args, { services, stdout }) {
    const { flags, positionals } = parseArgs(args, ['json'], ['face', 'o']);
    const out = flags.get('o');
    if (positionals.length !== 1 || typeof out !== 'string') throw new UsageError('parse needs one image and -o.');
    const file = positionals[0]!;
    const image = await decodeImage(await readImageFile(file), `"${path.basename(file)}"`);
    const { value: parsing, models } = await services.inference.track(async () => {
      const faces = flags.has('face') ? [(await services.faces.face(image, parseFaceIndex(flags.get('face')))).landmarks] : await services.faces.detect(image).then((d) => d.faces.map((f) => f.landmarks));
      return parseFaces(services.inference, image, faces);
    });
    await writeFileAtomic(out, await creditModels(await labelsPng(parsing), services.inference.modelsDir, models));
    const n = parsing.faces;
    if (flags.has('json')) stdout(JSON.stringify({ classes: parsing.classes, faces: n }));
    else stdout(`${path.basename(file)}: ${n} face${n === 1 ? '' : 's'} parsed → ${out}`);
  },
};
