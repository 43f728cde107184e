/** Renders the selected style on the current caricature (the warped face) of a photo. */
import type { Req } from '../../../common/ipc/contract';
import type { StudioClient } from '../api/client';
import { IpcError } from '../api/client';
import { currentFace, editorStore } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { geometryKey, setResult, styleStore } from './style-state';

let generation = 0;

/** style:render for the selected style and controls on the photo's current caricature (its warped face). */
export function selectedStyleRequest(photo: PhotoEntry, styleId: string, maxSide: number): Req<'style:render'> {
  const { strength, preserveColor, region } = styleStore.get();
  const face = currentFace(editorStore.get().byPhoto[photo.photoId] ?? null);
  return {
    photoId: photo.photoId,
    styleId,
    strength,
    preserveColor,
    region,
    maxSide,
    ...(face ? { face: { landmarks: face.source }, warp: { source: face.source, target: face.target } } : {}),
  };
}

export async function renderSelectedStyle(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const { selectedId } = styleStore.get();
  if (!selectedId) return setResult(null, null);
  const face = currentFace(editorStore.get().byPhoto[photo.photoId] ?? null);
  const mine = ++generation;
  styleStore.set({ rendering: true });
  appStore.set({ busy: { label: 'Rendering style…' } });
  try {
    const r = await client.call('style:render', selectedStyleRequest(photo, selectedId, 2048));
    if (mine === generation) setResult(photo.photoId, r.image, geometryKey(face?.target));
  } catch (e) {
    appStore.set({ notice: { kind: 'error', text: e instanceof IpcError ? e.message : String(e) } });
  } finally {
    if (mine === generation) {
      styleStore.set({ rendering: false });
      appStore.set({ busy: null });
    }
  }
}
