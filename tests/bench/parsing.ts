/**
 * Face parsing and the learned cartoon style (`npm run bench parsing`), medians of RUNS runs after
 * a warm-up, each against the source model run by tfjs itself (tfjs-wasm) in this process:
 *  - parse one face: aligned 512² crop + BiSeNetV2 (ORT) + labels, and the paste-back into the
 *    photo; peer: the tfjs graph model on the same 512² input (x/127.5 − 1, as its package does);
 *  - cartoon at 512²: the converted White-box generator (ORT) on a 512² photo; peer: the tfjs
 *    graph on the same input, as its package runs it (predict, then back to 0..255).
 * Wall-clock medians move with the machine's load; each line also gives the CPU time per run of
 * a one-thread ORT session (process.cpuUsage), which contention inflates far less: on an idle
 * 2-core machine the two-thread wall time is about that divided by the cores ORT keeps busy.
 * PARSING_BENCH_RUNS overrides the run count (default 10).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as ort from 'onnxruntime-node';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces } from '../../electron/services/faces/detect.js';
import { parseFace, parsingInput, parsingTransform, pasteLabels, PARSING_SIZE } from '../../electron/services/faces/parse.js';
import { warpAffine } from '../../electron/services/faces/streams.js';
import { CARTOON_MODEL, cartoonize } from '../../electron/services/style/cartoon.js';
import { bisenetSource, cartoonSource } from '../../build/recipes/tfjs/sources.js';
import { loadTfjs, runTfjs } from '../../build/recipes/tfjs/tfjs-run.js';
import { coverRgb } from '../images.js';
import { timeMedian } from './stats.js';

const RUNS = Number(process.env.PARSING_BENCH_RUNS ?? 10);
const f = (ms: number) => `${ms.toFixed(1)} ms`;

/** CPU milliseconds (user + system, whole process) per call, after one warm-up call. */
async function cpuPerRun(fn: () => unknown, runs: number): Promise<number> {
  await fn();
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / runs;
}

export async function bench(): Promise<void> {
  const inference = new InferenceService();
  const single = new InferenceService({ threads: 1 });
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} runs; ORT threads: default`);
  if (!(await inference.hasModel('face-parsing'))) {
    console.log('face parsing: the model is not built (npm run -s models -- parsing); skipped');
  } else {
    const image = await decodeImage(readFileSync('node_modules/@vladmandic/face-api/demo/sample3.jpg'));
    const face = (await detectFaces(inference, image)).faces[0]!;
    const crop = warpAffine(image, parsingTransform(face.landmarks), PARSING_SIZE);
    const input = parsingInput(crop);
    const parse = await timeMedian(() => parseFace(inference, image, face.landmarks), RUNS);
    const net = await timeMedian(() => inference.run('face-parsing', { image: input }), RUNS);
    const labelled = await parseFace(inference, image, face.landmarks);
    const netCpu = await cpuPerRun(() => single.run('face-parsing', { image: input }), RUNS);
    const parseCpu = await cpuPerRun(() => parseFace(single, image, face.landmarks), RUNS);
    const paste = await timeMedian(() => pasteLabels(image.width, image.height, [labelled]), RUNS);
    const tfModel = await loadTfjs(bisenetSource(), 'wasm');
    const data = input.data as Float32Array;
    const peer = await timeMedian(() => runTfjs(tfModel, data, [1, PARSING_SIZE, PARSING_SIZE, 3], ['final_output']), RUNS);
    const peerCpu = await cpuPerRun(() => runTfjs(tfModel, data, [1, PARSING_SIZE, PARSING_SIZE, 3], ['final_output']), RUNS);
    tfModel.dispose();
    console.log(`parse one face (sample3, ${image.width}×${image.height}): crop + net + labels ${f(parse)} (net alone ${f(net)}), paste-back ${f(paste)}`);
    console.log(`  peer tfjs-wasm BiSeNetV2 512²: ${f(peer)}  → ORT ${(peer / net).toFixed(2)}× faster (net vs net)`);
    console.log(`  CPU time per run: ORT one thread ${f(netCpu)} (whole face: crop + net + labels ${f(parseCpu)}), tfjs-wasm ${f(peerCpu)}`);
  }
  const photo = await coverRgb('node_modules/@vladmandic/face-api/demo/sample1.jpg', 512);
  const cartoon = await timeMedian(() => cartoonize(inference, photo), RUNS);
  const x = Float32Array.from(photo.data, (v) => v / 127.5 - 1);
  const cartoonNet = await timeMedian(() => inference.run(CARTOON_MODEL, { image: new ort.Tensor('float32', x, [1, 512, 512, 3]) }), RUNS);
  const cartoonCpu = await cpuPerRun(() => single.run(CARTOON_MODEL, { image: new ort.Tensor('float32', x, [1, 512, 512, 3]) }), RUNS);
  const tfCartoon = await loadTfjs(cartoonSource(), 'wasm');
  const peer = await timeMedian(() => {
    const [y] = runTfjs(tfCartoon, x, [1, 512, 512, 3], ['final_output']);
    return Uint8ClampedArray.from(y!, (v) => (v + 1) * 127.5);
  }, RUNS);
  const tfCartoonCpu = await cpuPerRun(() => runTfjs(tfCartoon, x, [1, 512, 512, 3], ['final_output']), RUNS);
  tfCartoon.dispose();
  console.log(`cartoon 512²: pre + net + post ${f(cartoon)} (net alone ${f(cartoonNet)})`);
  console.log(`  peer tfjs-wasm White-box generator 512² (+ to 0..255): ${f(peer)}  → ORT ${(peer / cartoon).toFixed(2)}× faster`);
  console.log(`  CPU time per run: ORT one thread ${f(cartoonCpu)}, tfjs-wasm ${f(tfCartoonCpu)}`);
  await Promise.all([inference.dispose(), single.dispose()]);
}
