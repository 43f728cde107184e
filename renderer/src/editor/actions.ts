/** Editor actions that call the services: face detection after a photo opens, streams. */
import type { StudioClient } from '../api/client';
import { IpcError } from '../api/client';
import { appStore } from '../state/app-state';
import { clearNotice, notify } from '../state/notice';
import { applyRestoredEdit } from '../state/session';
import { editorStore, NO_STYLE, patchPhoto } from './editor-state';
import { neutralGeometry } from './geometry';
import { emptyHistory } from './history';

const detecting = new Set<string>();

/**
 * Finds the faces of a photo once; the first run also loads the models (progress shown).
 * `again` replaces them with the current detector's, which starts the photo's edits afresh.
 */
export async function detectFaces(client: StudioClient, photoId: string, again = false): Promise<void> {
  if (detecting.has(photoId) || (!again && editorStore.get().byPhoto[photoId])) return;
  detecting.add(photoId);
  patchPhoto(photoId, { status: 'detecting', detector: undefined, landmarks: undefined, faces: [], face: 0, selection: [], style: editorStore.get().byPhoto[photoId]?.style ?? NO_STYLE, history: emptyHistory() });
  clearNotice(`faces:${photoId}`);
  appStore.set({ busy: { label: 'Finding faces and landmarks…' } });
  try {
    const r = await client.call('faces:detect', { photoId, again });
    const faces = r.faces.map((f) => ({ box: f.box, score: f.score, warnings: f.warnings, source: f.landmarks, geometry: neutralGeometry(), target: f.landmarks }));
    patchPhoto(photoId, faces.length ? { status: 'ready', faces, detector: r.detector, landmarks: r.landmarks } : { status: 'no-face', faces, message: 'No face was found in this photo. Try a photo where the face is larger, frontal and well lit.' });
    applyRestoredEdit(photoId);
    const warnings = [...r.warnings, ...r.faces.flatMap((f, i) => f.warnings.map((w) => (r.faces.length > 1 ? `Face ${i + 1}: ${w}` : w)))];
    if (!faces.length) notify(`faces:${photoId}`, 'warning', 'No face was found in this photo.', photoId);
    else if (warnings.length) notify(`faces:${photoId}`, 'warning', warnings.join(' '), photoId);
  } catch (e) {
    const message = e instanceof IpcError ? e.message : String(e);
    patchPhoto(photoId, { status: e instanceof IpcError && e.code === 'no-face' ? 'no-face' : 'error', message });
    notify(`faces:${photoId}`, e instanceof IpcError && e.code === 'no-face' ? 'warning' : 'error', message, photoId);
  } finally {
    detecting.delete(photoId);
    appStore.set({ busy: null });
  }
}
