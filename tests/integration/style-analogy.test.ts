/**
 * Issue #12 acceptance: the analogy set. A photo A becomes an artwork A′ = F(A) under one of four
 * filters (tests/analogy/filters.ts); a second photo B's truth is B′ = F(B); `cli style B --style A′`
 * renders B in A′'s marks. Its error (1 − SSIM on grey + mean chroma difference, 256²) is divided
 * by a plain colour grade's (B moved to A′'s channel statistics).
 *
 * The command runs as the CLI runs it (styleCommand on PNG files, real services): the photo's faces
 * and the artwork's are detected, so the face rule and the positional and region guides act as they
 * do for a user. (Called without faces, the synthesis scored lines 0.53 held out; with them, before
 * faces kept the guide where it draws the sitter's features, 0.56, and on head crops 0.59.)
 *
 * The engine's choices were made on pairs among demo samples 1, 2, 3 only; this test evaluates the
 * six ordered pairs among samples 4, 5, 6, which were never used while tuning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coverRgb } from '../images.js';
import { FILTERS } from '../analogy/filters.js';
import { SCREEN_FILTERS } from '../analogy/screen-filters.js';
import { analogyError, colourGrade } from '../analogy/measure.js';
import { styleCommand } from '../../electron/hosts/cli/commands/style.js';
import { decodeImage, encodePng, type RgbImage } from '../../electron/services/images/decode.js';
import { handlerContext } from './handler-context.js';

const HELD_OUT = [4, 5, 6];
const SIDE = 256;
/** The bar: the engine's error at most 0.75 of the colour grade's, median per filter. */
const MAX_RATIO = 0.75;
/** The four filters of the issue and two screens the engine was never tuned on (halftone dots, engraving). */
const ALL = { ...FILTERS, ...SCREEN_FILTERS };
/**
 * Measured (samples 4–6, CLI path, three runs): lines 0.52–0.53, hatching 0.53–0.54 (0.93 before
 * screens kept their phase), halftone 0.30–0.31, engraving 0.33–0.34, painterly 0.68–0.69 (0.79
 * before the strokes' share followed the artwork's tone kind, synthesis/kind-strokes.ts; 1.01 before
 * tone kinds), posterised 0.410–0.412 (0.87 before the outline model, synthesis/outlines.ts; 1.04
 * before tone kinds; see electron/services/style/synthesis/README.md).
 */
const { services, dir } = handlerContext('style-analogy');
const photos = new Map(await Promise.all(HELD_OUT.map(async (i) => [i, await coverRgb(`node_modules/@vladmandic/face-api/demo/sample${i}.jpg`, SIDE)] as const)));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

/** `cli style <photo.png> --style <artwork.png> -o <out.png>`, read back. */
async function cliStyle(photo: RgbImage, artwork: RgbImage): Promise<RgbImage> {
  const [input, style, out] = ['photo.png', 'artwork.png', 'out.png'].map((f) => path.join(dir, f)) as [string, string, string];
  writeFileSync(input, await encodePng(photo));
  writeFileSync(style, await encodePng(artwork));
  await styleCommand.run([input, '--style', style, '-o', out], { services, stdout: () => undefined, stderr: () => undefined });
  return decodeImage(readFileSync(out));
}

async function medianRatio(name: keyof typeof ALL): Promise<number> {
  const filter = ALL[name];
  const r: number[] = [];
  for (const a of HELD_OUT) {
    for (const b of HELD_OUT) {
      if (a === b) continue;
      const artwork = filter(photos.get(a)!);
      const photo = photos.get(b)!;
      const truth = filter(photo);
      const out = await cliStyle(photo, artwork);
      r.push(analogyError(out, truth) / analogyError(colourGrade(photo, artwork), truth));
    }
  }
  console.log(`analogy ${name}: median ratio ${median(r).toFixed(3)} (pairs ${r.map((x) => x.toFixed(2)).join(' ')})`);
  return median(r);
}

for (const name of Object.keys(ALL) as Array<keyof typeof ALL>) {
  test(`analogy "${name}": cli style at most ${MAX_RATIO} of a colour grade's error, held-out photos ${HELD_OUT.join(', ')}`, async () => {
    const ratio = await medianRatio(name);
    assert.ok(ratio <= MAX_RATIO, `${name}: the engine's error is ${ratio.toFixed(3)} of the colour grade's (bar ${MAX_RATIO})`);
  });
}
