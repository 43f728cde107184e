/** Editor actions that call the services: face detection after a photo opens, streams. */
import type { StudioClient } from '../api/client';
import { IpcError } from '../api/client';
import { appStore } from '../state/app-state';
import { editorStore, patchPhoto } from './editor-state';
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
  patchPhoto(photoId, { status: 'detecting', detector: undefined, landmarks: undefined, faces: [], face: 0, selection: [], history: emptyHistory() });
  appStore.set({ busy: { label: 'Finding faces and landmarks…' } });
  try {
    const r = await client.call('faces:detect', { photoId, again });
    const faces = r.faces.map((f) => ({ box: f.box, score: f.score, warnings: f.warnings, source: f.landmarks, geometry: neutralGeometry(), target: f.landmarks }));
    patchPhoto(photoId, faces.length ? { status: 'ready', faces, detector: r.detector, landmarks: r.landmarks } : { status: 'no-face', faces, message: 'No face was found in this photo. Try a photo where the face is larger, frontal and well lit.' });
    const warnings = [...r.warnings, ...r.faces.flatMap((f, i) => f.warnings.map((w) => (r.faces.length > 1 ? `Face ${i + 1}: ${w}` : w)))];
    if (!faces.length) appStore.set({ notice: { kind: 'warning', text: 'No face was found in this photo.' } });
    else if (warnings.length) appStore.set({ notice: { kind: 'warning', text: warnings.join(' ') } });
  } catch (e) {
    const message = e instanceof IpcError ? e.message : String(e);
    patchPhoto(photoId, { status: e instanceof IpcError && e.code === 'no-face' ? 'no-face' : 'error', message });
    appStore.set({ notice: { kind: e instanceof IpcError && e.code === 'no-face' ? 'warning' : 'error', text: message } });
  } finally {
    detecting.delete(photoId);
    appStore.set({ busy: null });
  }
}
