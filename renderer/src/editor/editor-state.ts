/**
 * Editor state per photo: the faces found, each face's source landmarks (as detected), its
 * geometry (gains, sliders, offsets) and the target landmarks derived from them, the selected
 * face and handles, and the undo history. Plain data; the canvas renders it and edits go through
 * the functions below.
 */
import type { Point } from '../../../common/geometry';
import type { DetectorNet, LandmarkName } from '../../../common/names';
import { createStore } from '../state/store';
import { sameGeometry, targetOf, type FaceGeometry } from './geometry';
import { emptyHistory, record, redo as redoH, undo as undoH, type History } from './history';

export interface FaceEdit {
  box: [number, number, number, number];
  score: number;
  warnings: string[];
  source: Point[];
  geometry: FaceGeometry;
  target: Point[];
}

export interface PhotoEdit {
  status: 'detecting' | 'ready' | 'no-face' | 'error';
  message?: string;
  /** The net whose boxes these are ('auto' resolves to one of them per photo). */
  detector?: DetectorNet;
  /** The landmark model that placed the points. */
  landmarks?: LandmarkName;
  faces: FaceEdit[];
  face: number;
  selection: number[];
  history: History<FaceGeometry>;
}

export interface EditorState {
  byPhoto: Record<string, PhotoEdit>;
  symmetry: boolean;
  showHandles: boolean;
}

export const editorStore = createStore<EditorState>({ byPhoto: {}, symmetry: true, showHandles: true });

export function photoEdit(photoId: string | null): PhotoEdit | null {
  return photoId ? (editorStore.get().byPhoto[photoId] ?? null) : null;
}

export function patchPhoto(photoId: string, patch: Partial<PhotoEdit> | ((p: PhotoEdit) => Partial<PhotoEdit>)): void {
  editorStore.set((s) => {
    const current: PhotoEdit = s.byPhoto[photoId] ?? { status: 'detecting', faces: [], face: 0, selection: [], history: emptyHistory() };
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    return { byPhoto: { ...s.byPhoto, [photoId]: next } };
  });
}

export function currentFace(p: PhotoEdit | null): FaceEdit | null {
  return p?.faces[p.face] ?? null;
}

function withGeometry(f: FaceEdit, geometry: FaceGeometry, landmarks: LandmarkName | undefined): FaceEdit {
  return { ...f, geometry, target: targetOf(f.source, geometry, landmarks) };
}

/** Live change during a gesture: not recorded (the gesture's release records one command). */
export function setGeometryLive(photoId: string, geometry: FaceGeometry): void {
  patchPhoto(photoId, (p) => ({ faces: p.faces.map((f, i) => (i === p.face ? withGeometry(f, geometry, p.landmarks) : f)) }));
}

/** A finished edit: the face's geometry becomes `after`, and one undoable command is recorded. */
export function commitGeometry(photoId: string, label: string, before: FaceGeometry, after: FaceGeometry): void {
  patchPhoto(photoId, (p) => ({
    faces: p.faces.map((f, i) => (i === p.face ? withGeometry(f, after, p.landmarks) : f)),
    history: record(p.history, { label, key: `${photoId}#${p.face}`, before, after }, sameGeometry),
  }));
}

function restore(photoId: string, key: string, g: FaceGeometry): void {
  const face = Number(key.split('#')[1]);
  patchPhoto(photoId, (p) => ({ face, faces: p.faces.map((f, i) => (i === face ? withGeometry(f, g, p.landmarks) : f)) }));
}

/** Undo or redo one edit of this photo; returns its label, or null when there is none. */
function step(photoId: string, direction: 'undo' | 'redo'): string | null {
  const p = photoEdit(photoId);
  if (!p) return null;
  const [history, cmd] = (direction === 'undo' ? undoH : redoH)(p.history);
  if (!cmd) return null;
  patchPhoto(photoId, { history });
  restore(photoId, cmd.key, direction === 'undo' ? cmd.before : cmd.after);
  return cmd.label;
}

export const undoEdit = (photoId: string): string | null => step(photoId, 'undo');
export const redoEdit = (photoId: string): string | null => step(photoId, 'redo');
