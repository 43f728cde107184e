/**
 * Live warp preview. While a handle moves, previews are requested at a small size with at most
 * two requests in flight (the newest target wins, stale ones are never sent); on release one
 * display-size render follows. Every edited face of the photo is sent, so a group photo keeps
 * each face's caricature while one of them is worked on. The likeness meter is likeness.ts.
 */
import type { StudioClient } from '../api/client';
import type { PhotoEntry } from '../state/app-state';
import { clearNotice, notify, showError } from '../state/notice';
import { createStore } from '../state/store';
import { currentFace, photoEdit } from './editor-state';
import { foldWords, heldBack, heldBackCircles, warpRequest } from './warp-request';

export interface PreviewState {
  photoId: string | null;
  url: string | null;
  /** The decoded preview, handed to the canvas as is (no second decode). */
  image: HTMLImageElement | null;
  folded: boolean;
  /** Where the fold guard held the edit back: one circle per region (image px). */
  heldBack: Array<{ x: number; y: number; r: number }>;
}

export const previewStore = createStore<PreviewState>({ photoId: null, url: null, image: null, folded: false, heldBack: [] });

const LIVE_MAX_SIDE = 512;
const FINAL_MAX_SIDE = 2048;

/** performance.measure() name of "pointer moved → its preview's pixels on screen" (read by npm run bench). */
export const POINTER_TO_PREVIEW = 'warp:pointer-to-preview';

/**
 * Two requests may be in flight: while the host warps one preview, the next one's bytes travel
 * and decode. Each request has a sequence number and a result older than the one on screen is
 * dropped, so the newest edit always wins (and the release's full render comes last).
 */
const MAX_IN_FLIGHT = 2;

interface Job {
  client: StudioClient;
  photo: PhotoEntry;
  mode: 'live' | 'final';
  movedAt: number;
}

let inFlight = 0;
let nextSeq = 0;
let shownSeq = -1;
let queued: Job | null = null;

/** Publishes a preview once its pixels are decoded, so the canvas swaps images without a blank frame. */
async function show(seq: number, job: Job, bytes: Uint8Array, patch: Partial<PreviewState>): Promise<boolean> {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/jpeg' }));
  const img = new Image();
  img.src = url;
  await img.decode().catch(() => undefined);
  if (seq < shownSeq) {
    URL.revokeObjectURL(url);
    return false;
  }
  shownSeq = seq;
  const old = previewStore.get().url;
  previewStore.set({ photoId: job.photo.photoId, url, image: img, ...patch });
  if (old) URL.revokeObjectURL(old);
  // React commits in a microtask and Konva then schedules its draw for the next frame; a frame
  // callback registered after that runs right after the draw, when the new pixels are on the canvas.
  if (job.mode === 'live') queueMicrotask(() => requestAnimationFrame(() => performance.measure(POINTER_TO_PREVIEW, { start: job.movedAt })));
  return true;
}

export function clearPreview(): void {
  const old = previewStore.get().url;
  shownSeq = nextSeq;
  previewStore.set({ photoId: null, url: null, image: null, folded: false, heldBack: [] });
  if (old) URL.revokeObjectURL(old);
}

export function requestPreview(client: StudioClient, photo: PhotoEntry, mode: 'live' | 'final'): void {
  // A newer move supersedes a queued one, but its timing starts at the older, still-unanswered move.
  queued = { client, photo, mode: queued?.mode === 'final' ? 'final' : mode, movedAt: queued?.movedAt ?? performance.now() };
  pump();
}

function pump(): void {
  while (queued && inFlight < MAX_IN_FLIGHT) {
    const job = queued;
    queued = null;
    const seq = nextSeq++;
    inFlight++;
    void run(job, seq).finally(() => {
      inFlight--;
      pump();
    });
  }
}

async function run(job: Job, seq: number): Promise<void> {
  const { client, photo, mode } = job;
  const edit = photoEdit(photo.photoId);
  const face = currentFace(edit);
  if (!edit || !face) return;
  try {
    const req = warpRequest(photo.photoId, edit, mode === 'live' ? LIVE_MAX_SIDE : FINAL_MAX_SIDE, 'jpeg');
    const r = await client.call('warp:render', req);
    const held = heldBack(face.source, face.target, r.target);
    if (!(await show(seq, job, r.image, { folded: r.folded, heldBack: heldBackCircles(face.target, held) }))) return;
    // The fold message holds for the edit on screen only: an unfolded render takes it away.
    if (r.folded && held.length) notify(`fold:${photo.photoId}`, 'warning', foldWords(held), photo.photoId);
    else clearNotice(`fold:${photo.photoId}`);
  } catch (e) {
    showError(e);
  }
}

/** Re-renders after an edit that is not a drag (undo, redo, slider, preset). */
export function refreshPreview(client: StudioClient, photo: PhotoEntry): void {
  requestPreview(client, photo, 'final');
}

