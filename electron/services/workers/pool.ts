/**
 * CPU-heavy pure functions off the host's main thread (DESIGN §3: heavy work never blocks the
 * main process event loop). A table of tasks — plain functions of structured-cloneable values —
 * runs either in a small pool of worker_threads (the hosts) or on the calling thread (recipes,
 * unit tests); callers see the same async `run` either way.
 *
 * The worker's entry file sits beside the module that creates the pool, with that module's own
 * extension: `geometry-worker.ts` next to `geometry-pool.ts` under tsx (tests, CLI, web host),
 * `geometry-worker.cjs` next to the bundled `out/main/index.cjs` in the Electron build (an
 * entry of its own in electron.vite.config.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ServiceError, type ErrorCode } from '../../../common/errors.js';

// A task table holds functions of any signature; `run` recovers each one's own types.
export type TaskTable = Record<string, (...args: any[]) => unknown>;

export interface TaskRunner<T extends TaskTable> {
  run<K extends keyof T & string>(task: K, ...args: Parameters<T[K]>): Promise<Awaited<ReturnType<T[K]>>>;
  close(): Promise<void>;
}

/** What a worker posts back for one task. */
export type TaskReply = { id: number; value: unknown } | { id: number; error: { message: string; code?: ErrorCode } };
export interface TaskRequest {
  id: number;
  task: string;
  args: unknown[];
}

/** The same tasks on the calling thread (recipes, benches' baseline, unit tests). */
export function inThread<T extends TaskTable>(tasks: T): TaskRunner<T> {
  return {
    run: async <K extends keyof T & string>(task: K, ...args: Parameters<T[K]>): Promise<Awaited<ReturnType<T[K]>>> => {
      const value: unknown = await tasks[task]!(...args);
      return value as Awaited<ReturnType<T[K]>>;
    },
    close: async () => undefined,
  };
}

/** Rebuilds a worker's error on this side: a ServiceError keeps its code, anything else is a bug. */
export function replyError(e: { message: string; code?: ErrorCode }): Error {
  return e.code ? new ServiceError(e.code, e.message) : new Error(e.message);
}

/** The worker entry beside `callerUrl` (that module's import.meta.url), with its extension. */
export function workerEntry(callerUrl: string, name: string): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(callerUrl).pathname)?.[0] ?? '.js';
  return new URL(`${name}${ext}`, callerUrl);
}

/** A worker thread on `entry` (workerEntry), with tsx's loader registered first when it is TypeScript. */
export function spawnWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  // Under tsx the loader hooks are per thread and a worker does not inherit them: register tsx in
  // the worker before importing the TypeScript entry (tsx is a dev dependency; the app ships .cjs).
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

interface Slot {
  worker: Worker;
  busy?: { id: number; resolve: (v: unknown) => void; reject: (e: Error) => void };
}

/**
 * A fixed number of workers started on first use, one task each at a time, the rest queued in
 * order. A worker that dies fails its task and is replaced; idle workers don't keep a CLI alive.
 */
export class WorkerPool<T extends TaskTable> implements TaskRunner<T> {
  private readonly slots: Slot[] = [];
  private readonly queue: Array<{ req: TaskRequest; resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  private nextId = 1;
  private closed = false;

  /** `size` defaults to one worker per spare core, at most 2 (the work comes one edit at a time). */
  constructor(
    private readonly entry: URL,
    private readonly size = Math.max(1, Math.min(2, availableParallelism() - 1)),
  ) {}

  run<K extends keyof T & string>(task: K, ...args: Parameters<T[K]>): Promise<Awaited<ReturnType<T[K]>>> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { id: this.nextId++, task, args }, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new Error('The worker pool is closed.'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const { req, resolve, reject } = this.queue.shift()!;
      slot.busy = { id: req.id, resolve, reject };
      slot.worker.ref();
      slot.worker.postMessage(req);
    }
  }

  private start(): Slot {
    const slot: Slot = { worker: spawnWorker(this.entry) };
    const done = (): Slot['busy'] => {
      const b = slot.busy;
      slot.busy = undefined;
      slot.worker.unref();
      return b;
    };
    slot.worker.on('message', (m: TaskReply) => {
      const b = done();
      if (!b || b.id !== m.id) return;
      if ('error' in m) b.reject(replyError(m.error));
      else b.resolve(m.value);
      this.pump();
    });
    const lost = (e: Error) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      done()?.reject(e);
      if (!this.closed) this.pump();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`A worker thread stopped (exit code ${code}).`)));
    slot.worker.unref();
    this.slots.push(slot);
    return slot;
  }
}
