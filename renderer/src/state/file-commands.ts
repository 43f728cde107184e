/** The File menu's sheet and preset commands, shared by the native menu and the toolbar. */
import type { StudioClient } from '../api/client';
import { showError } from './notice';
import { currentFace, editorStore } from '../editor/editor-state';
import { selectedStyleRequest } from '../styles/render';
import { styleStore } from '../styles/style-state';
import { saveSheet } from '../variations/actions';
import { variationsStore } from '../variations/variations-state';
import { appStore, currentPhoto } from './app-state';
import { downloadOrSave } from './save';

export async function saveSheetCommand(client: StudioClient): Promise<void> {
  const photo = currentPhoto(appStore.get());
  if (!photo || variationsStore.get().photoId !== photo.photoId || !variationsStore.get().cells.length) {
    appStore.set({ notice: { kind: 'info', text: 'Open the Variations tab to make a sheet first.' } });
    return;
  }
  await saveSheet(client, photo);
}

/**
 * The caricature at the photo's full resolution: the warped photo, in the selected style when
 * there is one, as a PNG (sRGB, orientation applied, same size as the input).
 */
export async function exportImageCommand(client: StudioClient): Promise<void> {
  const photo = currentPhoto(appStore.get());
  if (!photo) return;
  const edit = editorStore.get().byPhoto[photo.photoId] ?? null;
  const face = currentFace(edit);
  const { selectedId } = styleStore.get();
  const full = Math.max(photo.width, photo.height);
  appStore.set({ busy: { label: 'Rendering at full resolution…' } });
  try {
    let png: Uint8Array;
    if (selectedId) {
      const r = await client.call('style:render', selectedStyleRequest(photo, selectedId, Math.min(8192, full)));
      png = r.image;
    } else if (face && edit) {
      png = (await client.call('warp:render', { photoId: photo.photoId, face: edit.face, source: face.source, target: face.target, format: 'png' })).image;
    } else {
      appStore.set({ notice: { kind: 'info', text: 'Nothing to export yet: edit the face or pick a style first.' } });
      return;
    }
    await downloadOrSave(client, `${photo.name.replace(/\.[^.]+$/, '')}-caricature.png`, 'png', png);
  } catch (e) {
    showError(e);
  } finally {
    appStore.set({ busy: null });
  }
}

/** Saves the current face's edit as a preset and writes it to a file. */
export async function exportPresetCommand(client: StudioClient): Promise<void> {
  const photo = currentPhoto(appStore.get());
  const edit = photo ? (editorStore.get().byPhoto[photo.photoId] ?? null) : null;
  const face = currentFace(edit);
  if (!photo || !edit || !face) {
    appStore.set({ notice: { kind: 'info', text: 'Open a photo with a face and edit it to export a preset.' } });
    return;
  }
  try {
    const name = `${photo.name.replace(/\.[^.]+$/, '')} caricature`.slice(0, 100);
    const saved = await client.call('presets:save', { photoId: photo.photoId, face: edit.face, source: face.source, target: face.target, name });
    const file = await client.call('presets:export', { id: saved.id });
    await downloadOrSave(client, file.fileName, 'json', new TextEncoder().encode(file.json));
  } catch (e) {
    showError(e);
  }
}

export async function importPresetFile(client: StudioClient, file: File): Promise<void> {
  try {
    const r = await client.call('presets:import', { json: await file.text() });
    appStore.set({ notice: { kind: 'info', text: `Imported preset “${r.name}”; apply it from the Warp tab.` } });
  } catch (e) {
    showError(e);
  }
}
