/** Renders the selected style on the current caricature (the warped face) of a photo. */
import type { StudioClient } from '../api/client';
import { IpcError } from '../api/client';
import { currentFace, editorStore } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { geometryKey, setResult, styleStore } from './style-state';

let generation = 0;

export async function renderSelectedStyle(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const { selectedId, strength, preserveColor, region } = styleStore.get();
  if (!selectedId) return setResult(null, null);
  const face = currentFace(editorStore.get().byPhoto[photo.photoId] ?? null);
  const mine = ++generation;
  styleStore.set({ rendering: true });
  appStore.set({ busy: { label: 'Rendering style…' } });
  try {
    const r = await client.call('style:render', {
      photoId: photo.photoId,
      styleId: selectedId,
      strength,
      preserveColor,
      region,
      ...(face ? { face: { landmarks: face.source }, warp: { source: face.source, target: face.target } } : {}),
      maxSide: 2048,
    });
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
