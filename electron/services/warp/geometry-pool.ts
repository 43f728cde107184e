/**
 * Where the warp's geometry runs: a worker pool for the hosts, so a big edit's fit and fold
 * prevention never hold Electron's main thread (or the web host's socket) for tens of ms; the
 * calling thread for recipes and tests that warp one image.
 */
import { inThread, WorkerPool, workerEntry, type TaskRunner } from '../workers/pool.js';
import { WARP_GEOMETRY } from './geometry-tasks.js';

export type WarpGeometry = TaskRunner<typeof WARP_GEOMETRY>;

export const inThreadGeometry: WarpGeometry = inThread(WARP_GEOMETRY);

export function geometryPool(size?: number): WarpGeometry {
  return new WorkerPool<typeof WARP_GEOMETRY>(workerEntry(import.meta.url, 'geometry-worker'), size);
}
