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
  folded: boolean;
  notice: string | null;
  identity: number | null;
  /** performance.now() of the pointer move that the shown preview answers (for the e2e timing mark). */
  answeredAt: number | null;
}

export const previewStore = createStore<PreviewState>({ photoId: null, url: null, folded: false, notice: null, identity: null, answeredAt: null });

const LIVE_MAX_SIDE = 512;
const FINAL_MAX_SIDE = 2048;

let inFlight = false;
let queued: { client: StudioClient; photo: PhotoEntry; mode: 'live' | 'final' } | null = null;

function show(photoId: string, bytes: Uint8Array, patch: Partial<PreviewState>): void {
  const old = previewStore.get().url;
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
  previewStore.set({ photoId, url, ...patch });
  if (old) URL.revokeObjectURL(old);
}

export function clearPreview(): void {
  const old = previewStore.get().url;
  previewStore.set({ photoId: null, url: null, folded: false, notice: null, identity: null });
  if (old) URL.revokeObjectURL(old);
}

export function requestPreview(client: StudioClient, photo: PhotoEntry, mode: 'live' | 'final'): void {
  queued = { client, photo, mode: queued?.mode === 'final' ? 'final' : mode };
  if (!inFlight) void pump();
}

async function pump(): Promise<void> {
  while (queued) {
    const { client, photo, mode } = queued;
    queued = null;
    const edit = photoEdit(photo.photoId);
    const face = currentFace(edit);
    if (!edit || !face) continue;
    inFlight = true;
    const askedAt = performance.now();
    try {
      const r = await client.call('warp:render', {
        photoId: photo.photoId,
        face: edit.face,
        source: face.source,
        target: face.target,
        maxSide: mode === 'live' ? LIVE_MAX_SIDE : FINAL_MAX_SIDE,
        format: 'jpeg',
      });
      show(photo.photoId, r.image, { folded: r.folded, notice: r.notice ?? null, answeredAt: askedAt });
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

