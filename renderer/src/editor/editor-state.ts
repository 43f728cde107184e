/**
 * Editor state per photo: the faces found, each face's source landmarks (as detected), its
 * geometry (gains, sliders, offsets) and the target landmarks derived from them, the photo's
 * style choice, the selected face and handles, and the undo history. Plain data; the canvas
 * renders it and edits go through the functions below.
 *
 * What undo restores is the photo's document — every face's geometry and the style choice — so
 * a style pick and a landmark drag sit on one history, in the order the artist made them.
 */
import type { Point } from '../../../common/geometry';
import type { DetectorNet, LandmarkName, StyleRegion } from '../../../common/names';
import { createStore } from '../state/store';
import { neutralGeometry, sameGeometry, targetOf, type FaceGeometry } from './geometry';
import { beginGesture as beginH, bailGesture as bailH, commitGesture as commitH, emptyHistory, record, redo as redoH, undo as undoH, type History } from './history';

export interface FaceEdit {
  box: [number, number, number, number];
  score: number;
  warnings: string[];
  source: Point[];
  geometry: FaceGeometry;
  target: Point[];
}

/** The style a photo is shown in; each photo has its own. */
export interface PhotoStyle {
  id: string | null;
  strength: number;
  preserveColor: boolean;
  region: StyleRegion;
}

export const NO_STYLE: PhotoStyle = { id: null, strength: 1, preserveColor: false, region: 'whole' };

/** What one undo step restores. `face` is where the edit happened, so undo shows it. */
export interface PhotoDoc {
  face: number;
  geometries: FaceGeometry[];
  style: PhotoStyle;
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
  style: PhotoStyle;
  history: History<PhotoDoc>;
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

export function emptyPhotoEdit(): PhotoEdit {
  return { status: 'detecting', faces: [], face: 0, selection: [], style: NO_STYLE, history: emptyHistory() };
}

export function patchPhoto(photoId: string, patch: Partial<PhotoEdit> | ((p: PhotoEdit) => Partial<PhotoEdit>)): void {
  editorStore.set((s) => {
    const current: PhotoEdit = s.byPhoto[photoId] ?? emptyPhotoEdit();
    const next = { ...current, ...(typeof patch === 'function' ? patch(current) : patch) };
    return { byPhoto: { ...s.byPhoto, [photoId]: next } };
  });
}

export function currentFace(p: PhotoEdit | null): FaceEdit | null {
  return p?.faces[p.face] ?? null;
}

/** `landmarks`: the photo's landmark model (each is exaggerated about its own mean). */
function withGeometry(f: FaceEdit, geometry: FaceGeometry, landmarks: LandmarkName | undefined): FaceEdit {
  return { ...f, geometry, target: targetOf(f.source, geometry, landmarks) };
}

export function docOf(p: PhotoEdit): PhotoDoc {
  return { face: p.face, geometries: p.faces.map((f) => f.geometry), style: p.style };
}

const sameDoc = (a: PhotoDoc, b: PhotoDoc): boolean =>
  JSON.stringify(a.style) === JSON.stringify(b.style) && a.geometries.length === b.geometries.length && a.geometries.every((g, i) => sameGeometry(g, b.geometries[i]!));

/** The photo with `doc` applied (faces whose geometry is unchanged keep their objects). */
function applyDoc(p: PhotoEdit, doc: PhotoDoc): Partial<PhotoEdit> {
  return {
    face: doc.face,
    style: doc.style,
    faces: p.faces.map((f, i) => {
      const g = doc.geometries[i] ?? neutralGeometry();
      return sameGeometry(f.geometry, g) ? f : withGeometry(f, g, p.landmarks);
    }),
  };
}

/** Live change during a gesture: not recorded (the gesture's commit records one command). */
export function setGeometryLive(photoId: string, geometry: FaceGeometry): void {
  patchPhoto(photoId, (p) => ({ faces: p.faces.map((f, i) => (i === p.face ? withGeometry(f, geometry, p.landmarks) : f)) }));
}

/** A finished edit of the current face: its geometry becomes `after`, recorded as one command. */
export function commitGeometry(photoId: string, label: string, after: FaceGeometry): void {
  patchPhoto(photoId, (p) => {
    const faces = p.faces.map((f, i) => (i === p.face ? withGeometry(f, after, p.landmarks) : f));
    const before = p.history.mark?.before ?? docOf(p);
    const h = { ...p.history, mark: null };
    return { faces, history: record(h, { label, before, after: docOf({ ...p, faces }) }, sameDoc) };
  });
}

/** A style choice for the photo, recorded as one command. */
export function commitStyle(photoId: string, label: string, style: PhotoStyle): void {
  patchPhoto(photoId, (p) => ({ style, history: record(p.history, { label, before: docOf(p), after: docOf({ ...p, style }) }, sameDoc) }));
}

/** Live change of the style controls during a gesture (a strength slider pull). */
export function setStyleLive(photoId: string, style: PhotoStyle): void {
  patchPhoto(photoId, { style });
}

/** Marks the start of a gesture: live changes until commitGesture or bailGesture are one command. */
export function beginGesture(photoId: string, label: string): void {
  patchPhoto(photoId, (p) => ({ history: beginH(p.history, label, docOf(p)) }));
}

export function commitGesture(photoId: string, label?: string): void {
  patchPhoto(photoId, (p) => ({ history: commitH(p.history, docOf(p), sameDoc, label) }));
}

/** Cancels the gesture in progress: the photo returns to its state at the mark. Returns whether there was one. */
export function bailGesture(photoId: string): boolean {
  const p = photoEdit(photoId);
  if (!p?.history.mark) return false;
  const [history, doc] = bailH(p.history);
  patchPhoto(photoId, (q) => ({ history, ...(doc ? applyDoc(q, doc) : {}) }));
  return true;
}

/** Undo or redo one edit of this photo; returns its label, or null when there is none (or a gesture runs). */
function step(photoId: string, direction: 'undo' | 'redo'): string | null {
  const p = photoEdit(photoId);
  if (!p) return null;
  const [history, cmd] = (direction === 'undo' ? undoH : redoH)(p.history);
  if (!cmd) return null;
  patchPhoto(photoId, (q) => ({ history, ...applyDoc(q, direction === 'undo' ? cmd.before : cmd.after) }));
  return cmd.label;
}

export const undoEdit = (photoId: string): string | null => step(photoId, 'undo');
export const redoEdit = (photoId: string): string | null => step(photoId, 'redo');
