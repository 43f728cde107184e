/** Renders the selected style on the current caricature (the warped face) of a photo. */
import type { Req } from '../../../common/ipc/contract';
import type { StudioClient } from '../api/client';
import { IpcError, newJobId } from '../api/client';
import { currentFace, editorStore } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { geometryKey, marksAvailable, setResult, styleStore } from './style-state';

let generation = 0;

/** style:render for the selected style and controls on the photo's current caricature (its warped face). */
export function selectedStyleRequest(photo: PhotoEntry, styleId: string, maxSide: number): Req<'style:render'> {
  const { strength, preserveColor, region, engine, detail, styles } = styleStore.get();
  // The engine is sent only for a style that can use the marks engine; any other renders its own way.
  const marks = engine === 'marks' && marksAvailable(styles.find((s) => s.id === styleId));
  const face = currentFace(editorStore.get().byPhoto[photo.photoId] ?? null);
  return {
    photoId: photo.photoId,
    styleId,
    strength,
    preserveColor,
    region,
    maxSide,
    ...(marks ? { engine, detail } : {}),
    ...(face ? { face: { landmarks: face.source }, warp: { source: face.source, target: face.target } } : {}),
  };
}

/** The live preview's longest side: guided synthesis at this size takes a fraction of a second. */
export const PREVIEW_SIDE = 256;

/** Stops the full-resolution render in flight, if any (its preview stays on the canvas). */
export function cancelFullRender(client: StudioClient): void {
  const job = styleStore.get().fullRender;
  if (job) void client.call('jobs:cancel', { jobId: job.jobId }).catch(() => undefined);
}

/**
 * Renders the selected style. Marks (guided synthesis) first come as a low-resolution preview, then
 * the full-resolution render runs as a cancellable job with progress; a newer render supersedes it.
 */
export async function renderSelectedStyle(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const { selectedId, styles, engine } = styleStore.get();
  if (!selectedId) return setResult(null, null);
  const face = currentFace(editorStore.get().byPhoto[photo.photoId] ?? null);
  const key = geometryKey(face?.target);
  const mine = ++generation;
  cancelFullRender(client);
  const marks = engine === 'marks' && marksAvailable(styles.find((s) => s.id === selectedId));
  styleStore.set({ rendering: true, fullRender: null });
  appStore.set({ busy: { label: marks ? 'Rendering a preview…' : 'Rendering style…' } });
  try {
    if (marks) {
      const preview = await client.call('style:render', { ...selectedStyleRequest(photo, selectedId, PREVIEW_SIDE), quality: 'preview' });
      if (mine !== generation) return;
      setResult(photo.photoId, preview.image, key);
      appStore.set({ busy: null });
      const jobId = newJobId('style-full');
      styleStore.set({ fullRender: { jobId, percent: 0 } });
      const full = await client.call('style:render', selectedStyleRequest(photo, selectedId, 2048), {
        jobId,
        onProgress: (p) => mine === generation && styleStore.set({ fullRender: { jobId, percent: Math.round((100 * p.done) / Math.max(1, p.total)) } }),
      });
      if (mine === generation) setResult(photo.photoId, full.image, key);
    } else {
      const r = await client.call('style:render', selectedStyleRequest(photo, selectedId, 2048));
      if (mine === generation) setResult(photo.photoId, r.image, key);
    }
  } catch (e) {
    if (!(e instanceof IpcError && e.code === 'cancelled')) appStore.set({ notice: { kind: 'error', text: e instanceof IpcError ? e.message : String(e) } });
  } finally {
    if (mine === generation) {
      styleStore.set({ rendering: false, fullRender: null });
      appStore.set({ busy: null });
    }
  }
}
