/**
 * The likeness meter's measurements, keyed by what they measure (photo, face, target landmarks),
 * so the meter always reads the face, photo and edit on screen: switching faces or photos, or
 * opening a variation, changes the key and a measurement for the new key is made (or reused).
 */
import { useEffect } from 'react';
import type { StudioClient } from '../api/client';
import { showError } from '../state/notice';
import { createStore, useStore } from '../state/store';
import { geometryKey } from '../styles/style-state';
import { currentFace, editorStore, type PhotoEdit } from './editor-state';

export const likenessStore = createStore<{ cosine: Record<string, number> }>({ cosine: {} });

export function likenessKey(photoId: string, edit: PhotoEdit | null): string | null {
  const face = currentFace(edit);
  return edit && face ? `${photoId}#${edit.face}#${geometryKey(face.target)}` : null;
}

let running: string | null = null;
let wanted: { client: StudioClient; photoId: string } | null = null;

async function measure(client: StudioClient, photoId: string): Promise<void> {
  const edit = editorStore.get().byPhoto[photoId] ?? null;
  const key = likenessKey(photoId, edit);
  const face = currentFace(edit);
  if (!key || !edit || !face || likenessStore.get().cosine[key] !== undefined) return;
  running = key;
  try {
    const r = await client.call('warp:identity', { photoId, face: edit.face, source: face.source, target: face.target });
    likenessStore.set((s) => ({ cosine: { ...s.cosine, [key]: r.similarity } }));
  } catch (e) {
    showError(e);
  } finally {
    running = null;
  }
  // The edit moved on while this one was measured: measure what is on screen now.
  const next = wanted;
  wanted = null;
  if (next) void measure(next.client, next.photoId);
}

/** The cosine for the photo's current face and edit; null while it is being measured or a gesture runs. */
export function useLikeness(client: StudioClient, photoId: string): number | null {
  const key = useStore(editorStore, (s) => likenessKey(photoId, s.byPhoto[photoId] ?? null));
  const inGesture = useStore(editorStore, (s) => !!s.byPhoto[photoId]?.history.mark);
  const ready = useStore(editorStore, (s) => s.byPhoto[photoId]?.status === 'ready');
  const cosine = useStore(likenessStore, (s) => (key ? s.cosine[key] : undefined));
  useEffect(() => {
    if (!key || inGesture || !ready || cosine !== undefined) return;
    if (running) wanted = { client, photoId };
    else void measure(client, photoId);
  }, [key, inGesture, ready, cosine, client, photoId]);
  return cosine ?? null;
}
