/** Renders a photo's chosen style on its current caricature (the warped face). */
import type { Req } from '../../../common/ipc/contract';
import type { StudioClient } from '../api/client';
import { IpcError, newJobId } from '../api/client';
import { currentFace, editorStore, type PhotoStyle } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { showError } from '../state/notice';
import { marksAvailable, setResult, styleKey, styleStore } from './style-state';

let generation = 0;

/** Whether the marks engine renders this style: chosen (the default), and the style keeps its artwork image. */
function usesMarks(styleId: string): boolean {
  const { engine, styles } = styleStore.get();
  return engine === 'marks' && marksAvailable(styles.find((s) => s.id === styleId));
}

/** The engine fields of a request: sent only for a style the marks engine renders; any other renders its own way. */
export function engineFields(styleId: string): { engine?: 'marks'; detail?: number; strokes?: number } {
  const { detail, strokes } = styleStore.get();
  return usesMarks(styleId) ? { engine: 'marks', detail, strokes } : {};
}

/** style:render for the photo's style and controls on its current caricature (its warped face). */
export function selectedStyleRequest(photo: PhotoEntry, style: PhotoStyle & { id: string }, maxSide: number): Req<'style:render'> {
  const face = currentFace(editorStore.get().byPhoto[photo.photoId] ?? null);
  return {
    photoId: photo.photoId,
    styleId: style.id,
    strength: style.strength,
    preserveColor: style.preserveColor,
    region: style.region,
    maxSide,
    ...engineFields(style.id),
    ...(face ? { face: { landmarks: face.source }, warp: { source: face.source, target: face.target } } : {}),
  };
}

/** The live preview's longest side for the marks engine. */
export const PREVIEW_SIDE = 256;

/** Stops the full-resolution render in flight, if any (its preview stays on the canvas). */
export function cancelFullRender(client: StudioClient): void {
  const job = styleStore.get().fullRender;
  if (job) void client.call('jobs:cancel', { jobId: job.jobId }).catch(() => undefined);
}

/**
 * Renders the photo's style. With the marks engine (guided synthesis) a
 * low-resolution preview comes first, then the full-resolution render runs as a cancellable job
 * with progress; a newer render supersedes it.
 */
export async function renderSelectedStyle(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const edit = editorStore.get().byPhoto[photo.photoId] ?? null;
  const style = edit?.style;
  if (!style?.id) return setResult(null, null);
  const chosen = { ...style, id: style.id };
  const key = styleKey(edit);
  const mine = ++generation;
  cancelFullRender(client);
  const marks = usesMarks(style.id);
  styleStore.set({ fullRender: null });
  appStore.set({ busy: { label: marks ? 'Rendering a preview…' : 'Rendering style…' } });
  try {
    if (marks) {
      const preview = await client.call('style:render', { ...selectedStyleRequest(photo, chosen, PREVIEW_SIDE), quality: 'preview' });
      if (mine !== generation) return;
      setResult(photo.photoId, preview.image, key);
      appStore.set({ busy: null });
      const jobId = newJobId('style-full');
      styleStore.set({ fullRender: { jobId, percent: 0 } });
      const full = await client.call('style:render', selectedStyleRequest(photo, chosen, 2048), {
        jobId,
        onProgress: (p) => mine === generation && styleStore.set({ fullRender: { jobId, percent: Math.round((100 * p.done) / Math.max(1, p.total)) } }),
      });
      if (mine === generation) setResult(photo.photoId, full.image, key);
    } else {
      const r = await client.call('style:render', selectedStyleRequest(photo, chosen, 2048));
      if (mine === generation) setResult(photo.photoId, r.image, key);
    }
  } catch (e) {
    if (!(e instanceof IpcError && e.code === 'cancelled')) showError(e);
  } finally {
    if (mine === generation) {
      styleStore.set({ fullRender: null });
      appStore.set({ busy: null });
    }
  }
}
