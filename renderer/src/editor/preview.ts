/**
 * Live warp preview. While a handle moves, previews are requested at a small size with at most
 * one request in flight (the newest target wins, stale ones are never sent); on release one
 * display-size render follows, then the identity meter is refreshed.
 */
import type { StudioClient } from '../api/client';
import { IpcError } from '../api/client';
import { appStore, type PhotoEntry } from '../state/app-state';
import { createStore } from '../state/store';
import { currentFace, photoEdit } from './editor-state';

export interface PreviewState {
  photoId: string | null;
  url: string | null;
  /** The decoded preview, handed to the canvas as is (no second decode). */
  image: HTMLImageElement | null;
  folded: boolean;
  notice: string | null;
  identity: number | null;
}

export const previewStore = createStore<PreviewState>({ photoId: null, url: null, image: null, folded: false, notice: null, identity: null });

const LIVE_MAX_SIDE = 512;
const FINAL_MAX_SIDE = 2048;

/** performance.measure() name of "pointer moved → its preview's pixels on screen" (read by npm run bench). */
export const POINTER_TO_PREVIEW = 'warp:pointer-to-preview';

let inFlight = false;
let queued: { client: StudioClient; photo: PhotoEntry; mode: 'live' | 'final'; movedAt: number } | null = null;

/** Publishes a preview once its pixels are decoded, so the canvas swaps images without a blank frame. */
async function show(photoId: string, bytes: Uint8Array, patch: Partial<PreviewState>, movedAt: number, mode: 'live' | 'final'): Promise<void> {
  const old = previewStore.get().url;
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
  const img = new Image();
  img.src = url;
  await img.decode().catch(() => undefined);
  previewStore.set({ photoId, url, image: img, ...patch });
  if (old) URL.revokeObjectURL(old);
  // Konva draws on the next frame; the frame after that has the new pixels on screen.
  if (mode === 'live') requestAnimationFrame(() => requestAnimationFrame(() => performance.measure(POINTER_TO_PREVIEW, { start: movedAt })));
}

export function clearPreview(): void {
  const old = previewStore.get().url;
  previewStore.set({ photoId: null, url: null, image: null, folded: false, notice: null, identity: null });
  if (old) URL.revokeObjectURL(old);
}

export function requestPreview(client: StudioClient, photo: PhotoEntry, mode: 'live' | 'final'): void {
  // A newer move supersedes a queued one, but its timing starts at the older, still-unanswered move.
  queued = { client, photo, mode: queued?.mode === 'final' ? 'final' : mode, movedAt: queued?.movedAt ?? performance.now() };
  if (!inFlight) void pump();
}

async function pump(): Promise<void> {
  while (queued) {
    const { client, photo, mode, movedAt } = queued;
    queued = null;
    const edit = photoEdit(photo.photoId);
    const face = currentFace(edit);
    if (!edit || !face) continue;
    inFlight = true;
    try {
      const r = await client.call('warp:render', {
        photoId: photo.photoId,
        face: edit.face,
        source: face.source,
        target: face.target,
        maxSide: mode === 'live' ? LIVE_MAX_SIDE : FINAL_MAX_SIDE,
        format: 'jpeg',
      });
      await show(photo.photoId, r.image, { folded: r.folded, notice: r.notice ?? null }, movedAt, mode);
      if (r.folded && r.notice) appStore.set({ notice: { kind: 'warning', text: r.notice } });
      if (mode === 'final') {
        const id = await client.call('warp:identity', { photoId: photo.photoId, face: edit.face, source: face.source, target: face.target });
        previewStore.set({ identity: id.similarity });
      }
    } catch (e) {
      appStore.set({ notice: { kind: 'error', text: e instanceof IpcError ? e.message : String(e) } });
    } finally {
      inFlight = false;
    }
  }
}

/** Re-renders after an edit that is not a drag (undo, redo, slider, preset). */
export function refreshPreview(client: StudioClient, photo: PhotoEntry): void {
  requestPreview(client, photo, 'final');
}

