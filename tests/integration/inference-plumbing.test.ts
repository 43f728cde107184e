/**
 * The inference service's plumbing with real ONNX Runtime on the CPU: a model file hashed once per
 * version, provider fallbacks reported by app:info and `cli doctor`, a GPU run that throws run
 * again on the CPU, sessions per model + preference + threads released only after their runs,
 * and a warm-up run per session. This machine has no GPU: the failing provider is faked at the
 * session-factory seam (a real CPU session whose runs throw), never the model.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { checkModels, defaultModelsDir, loadVerified, readManifest } from '../../electron/services/inference/manifest.js';
import { InferenceService, type SessionFactory } from '../../electron/services/inference/service.js';
import { warmUpFeeds, warmUpShape } from '../../electron/services/inference/warm-up.js';
import { doctor } from '../../electron/services/inference/doctor.js';
import { appHandlers } from '../../electron/hosts/handlers/app.js';
import { doctorCommand } from '../../electron/hosts/cli/commands/doctor.js';
import { WARP_MODEL } from '../../electron/services/warp/engine.js';
import type { Services } from '../../electron/hosts/services.js';
import type { ProviderName } from '../../common/names.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'inference-plumbing-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A models folder with the warp graph only (10 kB: cheap to load many times). */
async function modelsWithWarp(): Promise<string> {
  const d = mkdtempSync(path.join(dir, 'models-'));
  const entry = (await readManifest()).models.find((m) => m.name === WARP_MODEL)!;
  copyFileSync(path.join(defaultModelsDir(), entry.file), path.join(d, entry.file));
  writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ models: [entry] }));
  return d;
}

/** The warp graph's inputs for a 4×4 grey picture and an identity spline. */
function warpFeeds(): Record<string, ort.Tensor> {
  return {
    image: new ort.Tensor('uint8', new Uint8Array(48).fill(90), [1, 4, 4, 3]),
    centers: new ort.Tensor('float32', new Float32Array([0, 0, 1, 0, 0, 1]), [3, 2]),
    weights: new ort.Tensor('float32', new Float32Array(6), [3, 2]),
    affine: new ort.Tensor('float32', new Float32Array([0, 0, 1, 0, 0, 1]), [3, 2]),
    probes: new ort.Tensor('float32', new Float32Array([0.5, 0.5]), [1, 2]),
  };
}

interface FakeLog {
  created: ProviderName[];
  runs: Array<{ provider: ProviderName; inputs: string[] }>;
  released: ProviderName[];
}

/**
 * Real CPU sessions, labelled with the provider asked for. `failCreate` providers fail to load;
 * `failRunsAfter` providers run their first n runs (the warm-up…) and then throw, as a GPU whose
 * driver faults mid-session does.
 */
function fakeGpu(opts: { failCreate?: ProviderName[]; failRunsAfter?: Partial<Record<ProviderName, number>> }): { factory: SessionFactory; log: FakeLog } {
  const log: FakeLog = { created: [], runs: [], released: [] };
  const factory: SessionFactory = async (bytes, provider) => {
    if (opts.failCreate?.includes(provider)) throw new Error(`${provider} error 100: no CUDA-capable device is detected\n(stack)`);
    const real = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
    log.created.push(provider);
    let n = 0;
    const limit = opts.failRunsAfter?.[provider] ?? Infinity;
    return {
      run: async (feeds: Record<string, ort.Tensor>) => {
        log.runs.push({ provider, inputs: Object.keys(feeds) });
        if (n++ >= limit) throw new Error(`${provider} error 700: an illegal memory access was encountered`);
        return real.run(feeds);
      },
      release: async () => {
        log.released.push(provider);
        await real.release();
      },
    } as unknown as ort.InferenceSession;
  };
  return { factory, log };
}

const withCuda = () => ['cuda', 'cpu'] as ProviderName[];

test('a model file is hashed once per version: same size and mtime reuse the hash, a new mtime rehashes', async () => {
  const d = await modelsWithWarp();
  const file = path.join(d, 'warp-tps.onnx');
  // A whole-second mtime, which utimes can set back exactly (a Date keeps only milliseconds).
  const atime = new Date(2026, 0, 1);
  const mtime = new Date(2026, 0, 2);
  utimesSync(file, atime, mtime);
  assert.deepEqual((await checkModels(d)).map((m) => m.status), ['ok']);
  // Same size, same mtime, other bytes: the cached hash stands (no file read, no sha256).
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] = 0xff - bytes[bytes.length - 1]!;
  writeFileSync(file, bytes);
  utimesSync(file, atime, mtime);
  assert.deepEqual((await checkModels(d)).map((m) => m.status), ['ok'], 'unchanged size and mtime: not hashed again');
  // Touched: hashed again, and refused.
  utimesSync(file, atime, new Date(mtime.getTime() + 5000));
  assert.deepEqual((await checkModels(d)).map((m) => m.status), ['mismatch']);
  await assert.rejects(loadVerified(WARP_MODEL, d), /does not match its sha256/);
});

test('a GPU that cannot load a model falls back to the CPU, and app:info and cli doctor say so', async () => {
  const { factory, log } = fakeGpu({ failCreate: ['cuda'] });
  const inference = new InferenceService({ modelsDir: await modelsWithWarp(), preference: 'cuda', createSession: factory, available: withCuda });
  after(() => inference.dispose());
  await inference.run(WARP_MODEL, warpFeeds());
  assert.deepEqual(log.created, ['cpu']);
  assert.deepEqual(await inference.loadedProviders(), { [WARP_MODEL]: 'cpu' });
  const warning = /The cuda provider failed for warp-tps \(cuda error 100: no CUDA-capable device is detected\); falling back\./;
  assert.match(inference.warnings().join('\n'), warning);
  assert.equal(inference.warnings()[0]!.includes('(stack)'), false, 'one line of the error, not its stack');

  assert.match((await doctor(inference)).warnings.join('\n'), warning);
  const services = { inference, faces: { detector: 'auto', landmarks: 'precise' } } as unknown as Services;
  const info = await appHandlers('cli')['app:info']({}, { services, photos: undefined as never, cancel: () => false, signal: new AbortController().signal, progress: () => undefined });
  assert.match(info.warnings.join('\n'), warning);
  const lines: string[] = [];
  await doctorCommand.run([], { services, stdout: (t) => lines.push(t), stderr: () => undefined });
  assert.ok(lines.some((l) => l.startsWith('warning: ') && warning.test(l)), lines.join('\n'));
});

test('a GPU run that throws is run again on the CPU, which serves the model from then on', async () => {
  const { factory, log } = fakeGpu({ failRunsAfter: { cuda: 1 } });
  const inference = new InferenceService({ modelsDir: await modelsWithWarp(), preference: 'cuda', createSession: factory, available: withCuda });
  after(() => inference.dispose());
  const cpu = new InferenceService({ modelsDir: await modelsWithWarp(), preference: 'cpu' });
  after(() => cpu.dispose());
  const want = await cpu.run(WARP_MODEL, warpFeeds());

  assert.equal((await inference.load(WARP_MODEL)).provider, 'cuda', 'the warm-up ran on the GPU');
  const got = await inference.runOn(WARP_MODEL, warpFeeds());
  assert.equal(got.provider, 'cpu');
  assert.deepEqual(got.outputs.warped!.data, want.warped!.data);
  assert.match(inference.warnings().join('\n'), /A cuda run of warp-tps failed \(cuda error 700: an illegal memory access was encountered\); running it on the CPU from now on\./);
  assert.deepEqual(await inference.loadedProviders(), { [WARP_MODEL]: 'cpu' });
  await inference.run(WARP_MODEL, warpFeeds());
  assert.deepEqual(
    log.runs.map((r) => r.provider),
    ['cuda', 'cuda', 'cpu', 'cpu', 'cpu'],
    'GPU warm-up, GPU run that threw; CPU warm-up, the retry, the next run',
  );
  assert.deepEqual(log.released, ['cuda'], 'the failed GPU session is released');
  // A CPU run that throws is the caller's error: no retry, no warning.
  await assert.rejects(inference.run(WARP_MODEL, { image: warpFeeds().image! }), /input/i);
  assert.equal(inference.warnings().length, 1);
});

test('sessions are kept per model, preference and threads; the old ones are released after their runs end', async () => {
  const { factory, log } = fakeGpu({});
  const modelsDir = await modelsWithWarp();
  const inference = new InferenceService({ modelsDir, preference: 'cuda', createSession: factory, available: withCuda });
  after(() => inference.dispose());
  const a = await inference.load(WARP_MODEL);
  assert.equal(await inference.load(WARP_MODEL), a, 'one session per model and preference');
  const inFlight = inference.runOn(WARP_MODEL, warpFeeds());
  // Until the run holds its session (it is admitted first, then takes the GPU one).
  while (log.runs.length < 2) await new Promise((r) => setImmediate(r));
  inference.setPreference('cpu');
  const b = await inference.load(WARP_MODEL);
  assert.notEqual(b, a);
  assert.equal(b.provider, 'cpu');
  assert.equal((await inFlight).provider, 'cuda', 'the run that started on the GPU session finishes there');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(log.released, ['cuda'], 'released once its run ended');
  // Another thread count is another session.
  const other = new InferenceService({ modelsDir, preference: 'cpu', threads: 1, createSession: factory, available: withCuda });
  after(() => other.dispose());
  assert.notEqual(await other.load(WARP_MODEL), b);
});

test('each session is warmed up once, with zeros of the declared shapes (named dims small)', async () => {
  const { factory, log } = fakeGpu({});
  const inference = new InferenceService({ modelsDir: await modelsWithWarp(), preference: 'cpu', createSession: factory, available: withCuda });
  after(() => inference.dispose());
  await Promise.all([inference.load(WARP_MODEL), inference.load(WARP_MODEL)]);
  assert.deepEqual(log.runs, [{ provider: 'cpu', inputs: ['image', 'centers', 'weights', 'affine', 'probes'] }]);
  assert.deepEqual(warmUpShape([1, 'H', 'W', 3]), [1, 32, 32, 3]);
  assert.deepEqual(warmUpShape(['N', 2]), [1, 2]);
  assert.deepEqual(warmUpShape([1, 'H', 'W', 'C']), [1, 32, 32, 3]);
  const entry = (await readManifest()).models.find((m) => m.name === WARP_MODEL)!;
  const feeds = warmUpFeeds(entry);
  assert.deepEqual([feeds.image!.type, feeds.image!.dims], ['uint8', [1, 32, 32, 3]]);
  // Every shipped model accepts its warm-up (a failure would only be a warning on the CPU).
  const real = new InferenceService({ preference: 'cpu' });
  after(() => real.dispose());
  // (Models this machine has not built are not there to load; dlib's trees are not an ONNX graph.)
  for (const m of (await checkModels()).filter((x) => x.status !== 'missing' && x.file.endsWith('.onnx'))) assert.deepEqual((await real.load(m.name)).warnings, [], m.name);
  assert.deepEqual(real.warnings(), []);
});
