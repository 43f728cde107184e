/**
 * The style gallery (the styles, their thumbnails per face) and the styled result shown on the
 * canvas. Which style a photo is shown in is the photo's own (PhotoEdit.style), on its undo history.
 */
import type { Res } from '../../../common/ipc/contract';
import { createStore } from '../state/store';

export type StyleEntry = Res<'style:list'>['styles'][number];
export type ArtworkEngine = 'marks' | 'texture';

/** A style the marks engine can render: an artwork whose image was kept (the catalogue says 'marks'; colour and texture is its alternative). */
export function marksAvailable(entry: StyleEntry | null | undefined): boolean {
  return entry?.hasImage === true && entry.engine === 'marks';
}

export interface StyleState {
  styles: StyleEntry[];
  /**
   * Artwork styles with a kept image: guided synthesis from the artwork's own strokes ('marks', the
   * default: a 256-px preview at once, then the full render) or the colour-and-texture graph
   * ('texture', the fast one). A session choice, not a photo's.
   */
  engine: ArtworkEngine;
  /** Marks: patch radius 1 (fine) .. 4 (broad strokes). */
  detail: number;
  /** Marks: the artwork's strokes' share 0..1 (a drawing's; a painting or a poster takes its square); the rest follows the sitter's lines exactly. */
  strokes: number;
  /** The full-resolution marks render in flight: its job id and progress (percent), for the bar and Cancel. */
  fullRender: { jobId: string; percent: number } | null;
  /** Thumbnail object URLs per `${photoId}#${face}` then style id. */
  thumbs: Record<string, Record<string, string>>;
  /** The styled result for `resultFor` (photo id), shown on the canvas instead of the photo. */
  resultUrl: string | null;
  resultFor: string | null;
  /** styleKey() of the geometry and style the result was rendered with. */
  resultKey: string;
}

export const styleStore = createStore<StyleState>({
  styles: [],
  engine: 'marks',
  detail: 2,
  strokes: 0.7,
  fullRender: null,
  thumbs: {},
  resultUrl: null,
  resultFor: null,
  resultKey: '',
});

export function setResult(photoId: string | null, bytes: Uint8Array | null, key = ''): void {
  const old = styleStore.get().resultUrl;
  const resultUrl = bytes ? URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'image/png' })) : null;
  styleStore.set({ resultUrl, resultFor: bytes ? photoId : null, resultKey: key });
  if (old) URL.revokeObjectURL(old);
}

/** Identifies the geometry a styled result was rendered for, so a stale one is never shown. */
export function geometryKey(target: ReadonlyArray<readonly [number, number]> | undefined): string {
  return target ? target.map((p) => `${p[0].toFixed(2)},${p[1].toFixed(2)}`).join(';') : '';
}

/** The geometry of every face and the style controls a styled result was made with. */
export function styleKey(edit: { faces: ReadonlyArray<{ target: ReadonlyArray<readonly [number, number]> }>; style: object } | null): string {
  return edit ? `${JSON.stringify(edit.style)}|${edit.faces.map((f) => geometryKey(f.target)).join('|')}` : '';
}
