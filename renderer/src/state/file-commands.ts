/** The File menu's sheet and preset commands, shared by the native menu and the toolbar. */
import type { StudioClient } from '../api/client';
import { showError } from './notice';
import { currentFace, editorStore } from '../editor/editor-state';
import { styleStore } from '../styles/style-state';
import { saveSheet } from '../variations/actions';
import { variationsStore } from '../variations/variations-state';
import { appStore, currentPhoto } from './app-state';
import { delivered, downloadOrSave } from './save';

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
 * there is one, as a PNG (sRGB, orientation applied, same size as the input). The host renders
 * and saves it (export:image): only the request crosses, not the pixels (the web host returns
 * them for the browser's download).
 */
export async function exportImageCommand(client: StudioClient): Promise<void> {
  const photo = currentPhoto(appStore.get());
  if (!photo) return;
  const edit = editorStore.get().byPhoto[photo.photoId] ?? null;
  const face = currentFace(edit);
  const { selectedId, strength, preserveColor, region } = styleStore.get();
  if (!selectedId && !(face && edit)) {
    appStore.set({ notice: { kind: 'info', text: 'Nothing to export yet: edit the face or pick a style first.' } });
    return;
  }
  const suggestedName = `${photo.name.replace(/\.[^.]+$/, '')}-caricature.png`;
  appStore.set({ busy: { label: 'Rendering at full resolution…' } });
  try {
    const r = await client.call('export:image', {
      photoId: photo.photoId,
      suggestedName,
      ...(face && edit ? { edit: { face: edit.face, source: face.source, target: face.target } } : {}),
      ...(selectedId ? { style: { styleId: selectedId, strength, preserveColor, region } } : {}),
    });
    delivered(r, suggestedName, 'png', r.image);
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
