/** Variation grid actions: fill (progressive, cancellable), reroll, open a cell in the editor, save the sheet. */
import type { StudioClient } from '../api/client';
import { IpcError, newJobId } from '../api/client';
import { beginGesture, commitGesture, currentFace, editorStore, NO_STYLE, patchPhoto, setGeometryLive } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { downloadOrSave } from '../state/save';
import { notify, showError } from '../state/notice';
import { styleStore } from '../styles/style-state';
import { blendStore, CELL_SIZE, variationsRequest, variationsStore, type Cell } from './variations-state';

function fail(e: unknown): void {
  if (e instanceof IpcError && e.code === 'cancelled') return;
  showError(e);
}

function faceOf(photo: PhotoEntry) {
  const edit = editorStore.get().byPhoto[photo.photoId] ?? null;
  const face = currentFace(edit);
  return face && edit ? { index: edit.face, face } : null;
}

export async function fillGrid(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const f = faceOf(photo);
  if (!f) return;
  const s = variationsStore.get();
  if (s.jobId) await cancelGrid(client);
  const jobId = newJobId('variations');
  const req = variationsRequest(s, photo.photoId, f.index, f.face.source);
  variationsStore.set({ jobId, progress: { done: 0, total: req.rows * req.cols }, photoId: photo.photoId });
  try {
    const r = await client.call('apmm:variations', req, { jobId, onProgress: (p) => variationsStore.set({ progress: { done: p.done, total: p.total } }) });
    for (const c of variationsStore.get().cells) URL.revokeObjectURL(c.url);
    const cells: Cell[] = r.cells.map((c) => ({ ...c, url: URL.createObjectURL(new Blob([c.image as BlobPart], { type: 'image/jpeg' })) }));
    const keep = variationsStore.get().locks.length === cells.length ? variationsStore.get().locks : cells.map(() => ({ geometry: false, style: false }));
    variationsStore.set({ cells, locks: keep, selected: Math.min(variationsStore.get().selected, cells.length - 1) });
  } catch (e) {
    fail(e);
  } finally {
    if (variationsStore.get().jobId === jobId) variationsStore.set({ jobId: null, progress: null });
  }
}

export async function cancelGrid(client: StudioClient): Promise<void> {
  const { jobId } = variationsStore.get();
  if (jobId) await client.call('jobs:cancel', { jobId }).catch(() => undefined);
  variationsStore.set({ jobId: null, progress: null });
}

export function reroll(client: StudioClient, photo: PhotoEntry): Promise<void> {
  variationsStore.set({ seed: Math.floor(Math.random() * 0xffffffff) });
  return fillGrid(client, photo);
}

/**
 * The cell's geometry becomes an editable edit of the face and its style the photo's style, as
 * one undoable step. The style enters the gallery once: a cell whose style is already there (the
 * same style seed gives the same name and content) reuses that entry.
 */
export async function openCellInEditor(client: StudioClient, photo: PhotoEntry, cell: Cell): Promise<void> {
  const f = faceOf(photo);
  if (!f) return;
  try {
    const st = await client.call('apmm:style', { styleSeed: cell.styleSeed });
    const doc = st.embedding
      ? { format: 'caricature-studio/style', version: 1, name: `Variation ${cell.styleLabel}`.slice(0, 100), embedding: st.embedding }
      : { format: 'caricature-studio/style', version: 1, name: `${st.label} (variation)`.slice(0, 100), drawing: { base: st.id, params: st.params } };
    const known = (await client.call('style:list', {})).styles.find((x) => x.kind === 'user' && x.name === doc.name);
    const entry = known ?? (await client.call('style:import', { json: JSON.stringify(doc) }));
    if (!known) styleStore.set({ styles: (await client.call('style:list', {})).styles });
    const style = editorStore.get().byPhoto[photo.photoId]?.style ?? NO_STYLE;
    beginGesture(photo.photoId, `Variation ${cell.index + 1}`);
    setGeometryLive(photo.photoId, { gains: {}, sliders: {}, offsets: cell.offsets });
    patchPhoto(photo.photoId, { style: { ...style, id: entry.id } });
    commitGesture(photo.photoId);
    appStore.set({ mode: 'editor' });
    notify('variation-opened', 'info', `Opened variation ${cell.index + 1} in the editor${known ? '' : ` (style “${entry.name}” added to the gallery)`}.`);
  } catch (e) {
    fail(e);
  }
}

export async function saveSheet(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const f = faceOf(photo);
  if (!f) return;
  const s = variationsStore.get();
  // Every cell pinned to the seeds it shows, so the sheet is exactly the grid on screen.
  const req = { ...variationsRequest({ ...s, locks: s.cells.map(() => ({ geometry: true, style: true })), lockGeometry: false, lockStyle: false }, photo.photoId, f.index, f.face.source), title: `Caricature Studio — ${photo.name}` };
  appStore.set({ busy: { label: 'Composing the sheet…' } });
  try {
    const r = await client.call('apmm:sheet', req, { onProgress: (p) => appStore.set({ busy: { label: 'Composing the sheet…', done: p.done, total: p.total } }) });
    await downloadOrSave(client, `${photo.name.replace(/\.[^.]+$/, '')}-variations-${s.seed}.png`, 'png', r.png);
  } catch (e) {
    fail(e);
  } finally {
    appStore.set({ busy: null });
  }
}

/**
 * Every cell as a preset named by its sheet and cell ("portrait sheet 7 cell 3"); a cell already
 * saved under that name (the same sheet seed and cell give the same geometry) is not saved twice.
 */
export async function exportCellsAsPresets(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const f = faceOf(photo);
  if (!f) return;
  const { cells, seed } = variationsStore.get();
  const existing = new Set((await client.call('presets:list', {})).presets.map((p) => p.name));
  const base = photo.name.replace(/\.[^.]+$/, '');
  let n = 0;
  for (const c of cells) {
    const name = `${base} sheet ${seed} cell ${c.index + 1}`.slice(-100);
    if (existing.has(name)) continue;
    await client
      .call('presets:save', { photoId: photo.photoId, face: f.index, source: f.face.source, target: c.target, name, notes: `APMM sample: geometry seed ${c.seed}, style ${c.styleLabel}` })
      .then(() => n++, fail);
  }
  const skipped = cells.length - n;
  notify('cells-saved', 'info', `Saved ${n} variation${n === 1 ? '' : 's'} as presets${skipped ? ` (${skipped} already saved)` : ''}.`);
}

/** Geometry and style between the selected cell and `other`, as a strip of cells. */
export async function blendCells(client: StudioClient, photo: PhotoEntry, other: number): Promise<void> {
  const f = faceOf(photo);
  const s = variationsStore.get();
  const a = s.cells[s.selected];
  const b = s.cells[other];
  if (!f || !a || !b || a === b) return;
  blendStore.set({ busy: true });
  try {
    const r = await client.call(
      'apmm:interpolate',
      {
        photoId: photo.photoId,
        face: f.index,
        source: f.face.source,
        from: { geometrySeed: a.seed, styleSeed: a.styleSeed },
        to: { geometrySeed: b.seed, styleSeed: b.styleSeed },
        temperature: s.temperature,
        steps: 6,
        cellSize: CELL_SIZE,
      },
      { jobId: newJobId('blend') },
    );
    for (const st of blendStore.get().blend?.steps ?? []) URL.revokeObjectURL(st.url);
    blendStore.set({
      blend: { from: s.selected, to: other, steps: r.steps.map((st) => ({ t: st.t, plausible: st.plausible, url: URL.createObjectURL(new Blob([st.image as BlobPart], { type: 'image/jpeg' })) })) },
    });
  } catch (e) {
    fail(e);
  } finally {
    blendStore.set({ busy: false });
  }
}
