/**
 * Region-limited styles from the parser (`npm run bench style-regions`), medians of RUNS runs after
 * a warm-up, ink on demo sample5 (long hair) at 1024 px through renderCaricature as style:render:
 *  - 'hair' with the parser, first render of an edit (its parse: one face on the wide crop);
 *  - one edit re-rendered (the parse cached, as a preview changing style or strength);
 *  - peer: 'hair' by the landmark guess ("Only models cleared for commercial use" on).
 * Every run renders a (tiny) face edit, so the three differ by the parse and the masks alone.
 * Wall-clock medians move with the machine's load. REGIONS_BENCH_RUNS overrides the run count (default 5).
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { decodeImage } from '../../electron/services/images/decode.js';
import { createServices } from '../../electron/hosts/services.js';
import { renderCaricature } from '../../electron/services/edit/caricature.js';
import { timeMedian } from './stats.js';

const RUNS = Number(process.env.REGIONS_BENCH_RUNS ?? 5);
const SIDE = 1024;

export async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-regions-'));
  const services = createServices({ userDataDir: dir });
  try {
    if (!(await services.inference.hasModel('face-parsing'))) {
      console.log('style regions: the parser is not built (npm run -s models -- parsing); skipped');
      return;
    }
    console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} runs`);
    const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample5.jpg'));
    const face = (await services.faces.detect(image)).faces[0]!.landmarks;
    const render = (strength: number, edits: [] | [{ face: number; target: typeof face }] = []) =>
      renderCaricature(services, image, { edits, face, maxSide: SIDE, style: { styleId: 'ink', strength, preserveColor: false, region: 'hair' } });
    // A barely moved face: the edits below all warp, so the runs differ by the parse alone.
    const nudge = (dx: number) => [{ face: 0, target: face.map(([x, y]) => [x + dx, y] as [number, number]) }] as [{ face: number; target: typeof face }];
    let n = 0;
    // A new edit each run: its parse is not cached.
    const first = await timeMedian(() => render(1, nudge(1e-3 * ++n)), RUNS);
    const cached = await timeMedian(() => render(0.5 + 0.1 * (++n % 5), nudge(0)), RUNS);
    services.inference.setCommercialOnly(true);
    const landmarks = await timeMedian(() => render(1, nudge(0)), RUNS);
    console.log(`'hair' ink at ${SIDE} px: parsed, first render of an edit ${first.toFixed(0)} ms; parse cached ${cached.toFixed(0)} ms; landmark guess (peer) ${landmarks.toFixed(0)} ms`);
  } finally {
    await services.style.dispose();
    await services.inference.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
