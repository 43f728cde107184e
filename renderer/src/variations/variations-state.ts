/** The variation grid (APMM automatic mode) as data: its request, cells, locks and job. */
import type { Req, Res } from '../../../common/ipc/contract';
import { createStore } from '../state/store';

export type Cell = Res<'apmm:variations'>['cells'][number] & { url: string };
export type CellLock = { geometry: boolean; style: boolean };

export interface VariationsState {
  rows: number;
  cols: number;
  seed: number;
  temperature: number;
  lockGeometry: boolean;
  lockStyle: boolean;
  cells: Cell[];
  locks: CellLock[];
  selected: number;
  jobId: string | null;
  progress: { done: number; total: number } | null;
  photoId: string | null;
}

export const variationsStore = createStore<VariationsState>({
  rows: 3,
  cols: 3,
  seed: 1,
  temperature: 1,
  lockGeometry: false,
  lockStyle: false,
  cells: [],
  locks: [],
  selected: 0,
  jobId: null,
  progress: null,
  photoId: null,
});

export const CELL_SIZE = 256;

/**
 * The request for the current grid. Global locks pin every cell to the selected cell's seeds;
 * per-cell locks keep that cell's seeds; everything else is drawn from the sheet seed.
 */
export function variationsRequest(s: VariationsState, photoId: string, face: number, source: Req<'apmm:variations'>['source']): Req<'apmm:variations'> {
  const pinned = s.cells[s.selected];
  const sameGrid = s.cells.length === s.rows * s.cols;
  const locks = sameGrid
    ? s.cells.map((c, i) => {
        const l = s.locks[i];
        if (!l || (!l.geometry && !l.style)) return null;
        return { ...(l.geometry ? { geometrySeed: c.seed } : {}), ...(l.style ? { styleSeed: c.styleSeed } : {}) };
      })
    : undefined;
  return {
    photoId,
    face,
    ...(source ? { source } : {}),
    rows: s.rows,
    cols: s.cols,
    seed: s.seed,
    temperature: s.temperature,
    cellSize: CELL_SIZE,
    ...(s.lockGeometry && pinned ? { geometrySeed: pinned.seed } : {}),
    ...(s.lockStyle && pinned ? { styleSeed: pinned.styleSeed } : {}),
    ...(locks?.some(Boolean) ? { locks } : {}),
  };
}

/** The in-between strip of two cells (APMM interpolation in the generators' latent spaces). */
export interface Blend {
  from: number;
  to: number;
  steps: Array<{ t: number; url: string; plausible: boolean }>;
}

export const blendStore = createStore<{ blend: Blend | null; busy: boolean }>({ blend: null, busy: false });
