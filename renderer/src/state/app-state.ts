/** The studio's application state (photos, selection, view, messages) as data. */
import type { Res } from '../../../common/ipc/contract';
import type { Notice } from './notice';
import { createStore } from './store';

export interface PhotoEntry {
  photoId: string;
  name: string;
  width: number;
  height: number;
  /** Object URL of the display JPEG; `scale` is display px per image px. */
  previewUrl: string;
  scale: number;
}

export interface Busy {
  label: string;
  done?: number;
  total?: number;
}

export interface AppState {
  /** What the workspace shows: the editor canvas or the variation grid. */
  mode: 'editor' | 'variations';
  photos: PhotoEntry[];
  currentId: string | null;
  zoom: number;
  /** Screen px the view is moved by from the centred position. */
  pan: { x: number; y: number };
  showBefore: boolean;
  busy: Busy | null;
  notices: Notice[];
  /** Photos the host closed to free memory: kept in the strip as placeholders until dismissed, since a notice can be replaced at once. */
  closedForMemory: Array<{ photoId: string; name: string }>;
  info: Res<'app:info'> | null;
}

export const appStore = createStore<AppState>({
  mode: 'editor',
  photos: [],
  currentId: null,
  zoom: 1,
  pan: { x: 0, y: 0 },
  showBefore: false,
  busy: null,
  notices: [],
  closedForMemory: [],
  info: null,
});

export function currentPhoto(s: AppState): PhotoEntry | null {
  return s.photos.find((p) => p.photoId === s.currentId) ?? null;
}
