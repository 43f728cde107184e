/**
 * Worker entry of guided synthesis: runs one rank of a run (run.ts) on the shared buffers it is
 * sent. Bundled by electron-vite as out/main/synthesis-worker.cjs; run from source under tsx.
 */
import { parentPort } from 'node:worker_threads';
import { Cancelled, runRank } from './run.js';
import type { Plan, SharedBuffers } from './plan.js';

export type WorkerRequest = { plan: Plan; buffers: SharedBuffers; rank: number; size: number };
export type WorkerReply = { type: 'progress'; fraction: number } | { type: 'done' } | { type: 'cancelled' } | { type: 'error'; message: string };

const port = parentPort;
if (!port) throw new Error('synthesis worker: not started as a worker thread');
port.on('message', (req: WorkerRequest) => {
  const post = (m: WorkerReply) => port.postMessage(m);
  try {
    runRank({ ...req, ...(req.rank === 0 ? { progress: (fraction: number) => post({ type: 'progress', fraction }) } : {}) });
    post({ type: 'done' });
  } catch (e) {
    post(e instanceof Cancelled ? { type: 'cancelled' } : { type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
