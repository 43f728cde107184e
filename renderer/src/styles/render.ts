/** Renders a photo's chosen style on its current caricature (the warped face). */
import type { Req } from '../../../common/ipc/contract';
import type { StudioClient } from '../api/client';
import { currentFace, editorStore, type PhotoStyle } from '../editor/editor-state';
import { appStore, type PhotoEntry } from '../state/app-state';
import { showError } from '../state/notice';
import { setResult, styleKey } from './style-state';

let generation = 0;

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
    ...(face ? { face: { landmarks: face.source }, warp: { source: face.source, target: face.target } } : {}),
  };
}

export async function renderSelectedStyle(client: StudioClient, photo: PhotoEntry): Promise<void> {
  const edit = editorStore.get().byPhoto[photo.photoId] ?? null;
  const style = edit?.style;
  if (!style?.id) return setResult(null, null);
  const key = styleKey(edit);
  const mine = ++generation;
  appStore.set({ busy: { label: 'Rendering style…' } });
  try {
    const r = await client.call('style:render', selectedStyleRequest(photo, { ...style, id: style.id }, 2048));
    if (mine === generation) setResult(photo.photoId, r.image, key);
  } catch (e) {
    showError(e);
  } finally {
    if (mine === generation) appStore.set({ busy: null });
  }
}
