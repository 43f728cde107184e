/**
 * Guided synthesis off the calling thread: two worker threads (the project's 2-core target) share
 * each run's buffers and split its rows. Runs are serialised; the workers stay warm between runs.
 * A cancel raises the shared flag: the workers stop at their next row (milliseconds) and the
 * run's promise rejects at once with 'cancelled'. Not workers/pool.ts's WorkerPool (one task,
 * one reply): here both workers run one job together at shared barriers and post progress; they
 * are started the same way (spawnWorker, workerEntry).
 */
import type { Worker } from 'node:worker_threads';
import { ServiceError } from '../../../../common/errors.js';
import { spawnWorker, workerEntry } from '../../workers/pool.js';
import type { Rgb8 } from './guides.js';
import { allocate, makePlan, type FacePair, type Planes, type SynthesisOptions } from './plan.js';
import type { WorkerReply, WorkerRequest } from './synthesis-worker.js';

export interface RunOptions {
  signal?: AbortSignal | undefined;
  /** Fraction done, 0..1. */
  progress?: ((fraction: number) => void) | undefined;
}

export class SynthesisPool {
  private workers: Worker[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly size = 2) {}

  private spawn(): Worker[] {
    if (this.workers.length === 0) {
      for (let i = 0; i < this.size; i++) {
        // synthesis-worker.ts beside this file under tsx; synthesis-worker.cjs beside index.cjs when bundled.
        const w = spawnWorker(workerEntry(import.meta.url, 'synthesis-worker'));
        w.unref(); // an idle pool never keeps a CLI or test process alive
        this.workers.push(w);
      }
    }
    return this.workers;
  }

  /** Synthesises `photo` in the artwork's marks; resolves to the composed RGB image. */
  run(artwork: Rgb8, photo: Rgb8, options: SynthesisOptions, faces?: FacePair, planes: Planes = {}, opts: RunOptions = {}): Promise<Rgb8> {
    const job = this.queue.then(() => this.runNow(artwork, photo, options, faces, planes, opts));
    // The next run waits for this one's workers to be idle, whatever its outcome.
    this.queue = job.catch(() => undefined);
    // The caller hears of a cancel at once, even while a worker finishes a step it can't interrupt.
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new ServiceError('cancelled', 'The style render was cancelled.'));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      job.then(
        (r) => resolve(r.result),
        (e: unknown) => reject(e),
      ).finally(() => opts.signal?.removeEventListener('abort', onAbort));
    });
  }

  private runNow(artwork: Rgb8, photo: Rgb8, options: SynthesisOptions, faces: FacePair | undefined, planes: Planes, opts: RunOptions): Promise<{ result: Rgb8 }> {
    const cancelled = () => new ServiceError('cancelled', 'The style render was cancelled.');
    if (opts.signal?.aborted) return Promise.reject(cancelled());
    const plan = makePlan(artwork, photo, options, faces, planes);
    const buffers = allocate(plan, artwork, photo, planes);
    const control = new Int32Array(buffers.control);
    const workers = this.spawn();
    return new Promise((resolve, reject) => {
      let left = workers.length;
      let failure: Error | undefined;
      const onAbort = () => {
        Atomics.store(control, 0, 1);
        Atomics.notify(control, 2);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const finish = () => {
        opts.signal?.removeEventListener('abort', onAbort);
        for (const w of workers) w.removeAllListeners('message').removeAllListeners('error');
        if (failure) reject(failure);
        else resolve({ result: { width: photo.width, height: photo.height, data: new Uint8Array(buffers.out) } });
      };
      workers.forEach((w, rank) => {
        w.on('message', (m: WorkerReply) => {
          if (m.type === 'progress') return opts.progress?.(m.fraction);
          if (m.type === 'cancelled') failure ??= cancelled();
          if (m.type === 'error') {
            failure ??= new ServiceError('internal', `Guided synthesis failed: ${m.message}`);
            onAbort(); // the other rank must not wait at a barrier for this one
          }
          if (--left === 0) finish();
        });
        w.on('error', (e) => {
          failure ??= new ServiceError('internal', `Guided synthesis failed: ${e.message}`);
          onAbort();
          if (--left === 0) finish();
        });
        const req: WorkerRequest = { plan, buffers, rank, size: workers.length };
        w.postMessage(req);
      });
    });
  }

  async dispose(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
