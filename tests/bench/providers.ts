/**
 * The issue targets on every execution provider this install can load, CPU as the peer in the
 * same run: detect + landmarks (1024×768, one face), warp 512² and 4000×3000, each drawing style
 * at 512², example-based at 512², 12 gallery thumbnails. With only CPU available it says so and
 * stops (the other benches cover CPU). A GPU provider's first runs build kernels and pick
 * algorithms, so every figure follows three warm-up calls.
 */
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '../../electron/services/images/decode.js';
import type { ProviderName } from '../../common/names.js';
import { availableProviders } from '../../electron/services/inference/providers.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { DRAWING_STYLES } from '../../common/style/catalog.js';
import { embedArtwork } from '../../electron/services/style/embedding.js';
import { renderStyle } from '../../electron/services/style/engine.js';
import { StyleService } from '../../electron/services/style/service.js';
import { composeTarget } from '../../common/warp/compose.js';
import { warpImage } from '../../electron/services/warp/engine.js';
import { promises as fs } from 'node:fs';
import { timeMedian } from './stats.js';
import { coverRgb } from '../images.js';

const RUNS = Number(process.env.PROVIDERS_BENCH_RUNS ?? 15);
const DEMO = (n: number) => path.resolve(`node_modules/@vladmandic/face-api/demo/sample${n}.jpg`);

/** GPU providers build kernels and pick algorithms on their first runs: three warm-ups. */
function timed(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  return timeMedian(fn, runs, 3);
}

/** One provider's figures, keyed by what was measured, and the provider each model really got. */
async function measure(provider: ProviderName): Promise<{ ms: Map<string, number>; used: string }> {
  const inference = new InferenceService({ preference: provider });
  const ms = new Map<string, number>();
  const one = await decodeImage(new Uint8Array(await sharp(DEMO(1)).extract({ left: 180, top: 150, width: 640, height: 480 }).resize(1024, 768).jpeg({ quality: 92 }).toBuffer()));
  ms.set('detect + landmarks 1024×768 (auto)', await timed(() => detectFaces(inference, one)));
  ms.set('detect + landmarks 1024×768 (ssd)', await timed(() => detectFaces(inference, one, { detector: 'ssd' })));
  for (const [w, h, runs] of [[512, 512, RUNS], [4000, 3000, 5]] as const) {
    const img = await coverRgb(DEMO(3), w, h);
    const source = (await detectFaces(inference, img, { detector: 'ssd' })).faces[0]!.landmarks;
    const target = composeTarget(source, { gains: { global: 1.5 } });
    ms.set(`warp ${w}×${h} end to end`, await timed(() => warpImage(inference, img, source, target), runs));
  }
  const face = await coverRgb(DEMO(1), 512, 512);
  const controls = { strength: 1, preserveColor: false };
  for (const style of DRAWING_STYLES) ms.set(`style ${style.id} 512²`, await timed(() => renderStyle(inference, face, { kind: 'drawing', style }, controls)));
  const embedding = await embedArtwork(inference, await coverRgb(DEMO(2), 384, 384));
  ms.set('example-based 512²', await timed(() => renderStyle(inference, face, { kind: 'example', embedding }, controls)));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'providers-bench-'));
  const gallery = new StyleService(inference, dir);
  const ids = (await gallery.gallery.list()).slice(0, 12).map((s) => s.id);
  const full = await coverRgb(DEMO(1), 1024, 1024);
  let n = 0;
  ms.set(`${ids.length} gallery thumbnails 256²`, await timed(() => gallery.thumbnails(`bench-${n++}`, full, ids), 5));
  const used = Object.entries(await inference.loadedProviders()).map(([name, p]) => `${name} ${p}`).join(', ');
  await fs.rm(dir, { recursive: true });
  await inference.dispose();
  return { ms, used };
}

export async function bench(): Promise<void> {
  const gpus = availableProviders().filter((p) => p !== 'cpu');
  if (!gpus.length) {
    console.log('providers: only the CPU provider is installed here; nothing to compare (see README "GPU acceleration")');
    return;
  }
  const load = () => os.loadavg().map((v) => v.toFixed(2)).join(' ');
  console.log(`providers: CPU (${os.cpus().length} cores) vs ${gpus.join(', ')}, medians over ${RUNS} runs after 3 warm-ups; load average ${load()}`);
  const results = new Map<ProviderName, Map<string, number>>();
  for (const p of ['cpu', ...gpus] as ProviderName[]) {
    const { ms, used } = await measure(p);
    results.set(p, ms);
    console.log(`${p}: models ran on ${used}`);
  }
  const cpu = results.get('cpu')!;
  console.log(`${'what'.padEnd(38)} ${['cpu', ...gpus].map((p) => p.padStart(10)).join('')}   ratio`);
  for (const [what, c] of cpu) {
    const cols = [c, ...gpus.map((g) => results.get(g)!.get(what)!)];
    console.log(`${what.padEnd(38)} ${cols.map((v) => `${v.toFixed(1)} ms`.padStart(10)).join('')}   ${gpus.map((g) => `${(c / results.get(g)!.get(what)!).toFixed(1)}×`).join(' ')}`);
  }
  console.log(`providers: done; load average ${load()}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
