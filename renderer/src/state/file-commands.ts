/** The File menu's sheet and preset commands, shared by the native menu and the toolbar. */
import type { StudioClient } from '../api/client';
import { notify, showError } from './notice';
import { markExported } from './session';
import { currentFace, editorStore } from '../editor/editor-state';
import { warpRequest } from '../editor/warp-request';
import { saveSheet } from '../variations/actions';
import { variationsStore } from '../variations/variations-state';
import { appStore, currentPhoto } from './app-state';
import { delivered, downloadOrSave } from './save';
import { engineFields } from '../styles/render';

export async function saveSheetCommand(client: StudioClient): Promise<void> {
  const photo = currentPhoto(appStore.get());
  if (!photo || variationsStore.get().photoId !== photo.photoId || !variationsStore.get().cells.length) {
    notify('sheet', 'info', 'Open the Variations tab to make a sheet first.');
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
  const style = edit?.style;
  if (!style?.id && !(face && edit)) {
    notify('export', 'info', 'Nothing to export yet: edit the face or pick a style first.');
    return;
  }
  const suggestedName = `${photo.name.replace(/\.[^.]+$/, '')}-caricature.png`;
  const started = performance.now();
  const label = `Rendering ${photo.width}×${photo.height} at full resolution…`;
  appStore.set({ busy: { label } });
  // The host does not report progress for one warp, so the seconds tick: a long export visibly runs.
  const tick = setInterval(() => appStore.set({ busy: { label: `${label} ${Math.round((performance.now() - started) / 1000)} s` } }), 1000);
  try {
    // Every edited face of the photo, as on screen.
    const others = face && edit ? warpRequest(photo.photoId, edit, undefined, 'png').others : undefined;
    const r = await client.call('export:image', {
      photoId: photo.photoId,
      suggestedName,
      ...(face && edit ? { edit: { face: edit.face, source: face.source, target: face.target, ...(others ? { others } : {}) } } : {}),
      // The engine as on screen: a marks style exports its marks (synthesised at ≤ 1024 px, enlarged to the photo's size).
      ...(style?.id ? { style: { styleId: style.id, strength: style.strength, preserveColor: style.preserveColor, region: style.region, ...engineFields(style.id) } } : {}),
    });
    delivered(r, suggestedName, 'png', r.image);
    markExported(photo.photoId);
  } catch (e) {
    showError(e);
  } finally {
    clearInterval(tick);
    appStore.set({ busy: null });
  }
}

/** Saves the current face's edit as a preset and writes it to a file. */
export async function exportPresetCommand(client: StudioClient): Promise<void> {
  const photo = currentPhoto(appStore.get());
  const edit = photo ? (editorStore.get().byPhoto[photo.photoId] ?? null) : null;
  const face = currentFace(edit);
  if (!photo || !edit || !face) {
    notify('export-preset', 'info', 'Open a photo with a face and edit it to export a preset.');
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
    notify('preset-import', 'info', `Imported preset “${r.name}”; apply it from the Warp tab.`);
  } catch (e) {
    showError(e);
  }
}
