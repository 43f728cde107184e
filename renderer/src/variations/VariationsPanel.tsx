/** Variations tab: grid size, seed, temperature, global locks, reroll/cancel, sheet and preset export. */
import { useEffect } from 'react';
import { useClient } from '../api/context';
import { editorStore } from '../editor/editor-state';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { cancelGrid, exportCellsAsPresets, fillGrid, reroll, saveSheet } from './actions';
import { variationsStore } from './variations-state';

const SIZES = [2, 3, 4, 5, 6];

export function VariationsPanel({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const s = useStore(variationsStore, (x) => x);
  const ready = useStore(editorStore, (x) => x.byPhoto[photo.photoId]?.status === 'ready');
  useEffect(() => {
    if (ready && (s.photoId !== photo.photoId || !s.cells.length) && !s.jobId) void fillGrid(client, photo);
  }, [client, photo.photoId, ready]);
  if (!ready) return <p className="muted">Variations need a photo with a face.</p>;
  const size = (k: 'rows' | 'cols') => (
    <select aria-label={k === 'rows' ? 'Rows' : 'Columns'} value={s[k]} onChange={(e) => variationsStore.set({ [k]: Number(e.currentTarget.value) })}>
      {SIZES.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
  return (
    <div data-testid="variations-panel">
      <h3>Grid</h3>
      <div className="row">
        <label>Size</label>
        {size('rows')} × {size('cols')}
      </div>
      <div className="row">
        <label htmlFor="v-seed">Seed</label>
        <input id="v-seed" type="number" min={0} max={4294967295} value={s.seed} onChange={(e) => variationsStore.set({ seed: Math.max(0, Math.min(4294967295, Math.floor(Number(e.currentTarget.value) || 0))) })} />
      </div>
      <div className="row">
        <label htmlFor="v-temp">Temperature</label>
        <input id="v-temp" type="range" min={0} max={2} step={0.05} value={s.temperature} onChange={(e) => variationsStore.set({ temperature: Number(e.currentTarget.value) })} />
        <span className="value">{s.temperature.toFixed(2)}</span>
      </div>
      <label className="check">
        <input type="checkbox" checked={s.lockGeometry} onChange={(e) => variationsStore.set({ lockGeometry: e.currentTarget.checked })} /> Lock geometry (of the selected cell)
      </label>
      <label className="check">
        <input type="checkbox" checked={s.lockStyle} onChange={(e) => variationsStore.set({ lockStyle: e.currentTarget.checked })} /> Lock style (of the selected cell)
      </label>
      <div className="row wrap">
        <button className="primary" disabled={!!s.jobId} onClick={() => void fillGrid(client, photo)}>
          Generate
        </button>
        <button disabled={!!s.jobId} onClick={() => void reroll(client, photo)} data-testid="reroll">
          Reroll
        </button>
        {s.jobId && <button onClick={() => void cancelGrid(client)}>Cancel</button>}
      </div>
      {s.progress && (
        <p className="muted small" data-testid="variations-progress">
          Rendering {s.progress.done}/{s.progress.total}…
        </p>
      )}
      <h3>Export</h3>
      <div className="row wrap">
        <button disabled={!s.cells.length || !!s.jobId} onClick={() => void saveSheet(client, photo)} data-testid="save-sheet">
          Save sheet as PNG…
        </button>
        <button disabled={!s.cells.length || !!s.jobId} onClick={() => void exportCellsAsPresets(client, photo)}>
          All cells as presets
        </button>
      </div>
      <p className="muted small">Geometry and style are sampled from noise by the APMM networks. G / S on a cell keep its geometry or style when you reroll; Edit opens it in the editor.</p>
    </div>
  );
}
