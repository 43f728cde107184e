/** The canvas with the editor on it: the photo (or its live warp preview) and the landmark overlay. */
import { useEffect, useRef } from 'react';
import { CanvasView } from '../components/CanvasView';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { commitGeometry, currentFace, editorStore, patchPhoto, setGeometryLive } from './editor-state';
import { geometryAfterDrag, type FaceGeometry } from './geometry';
import { LandmarkOverlay } from './LandmarkOverlay';
import { ParsingOverlay } from '../components/ParsingOverlay';
import { previewStore, requestPreview } from './preview';
import { useClient } from '../api/context';
import { renderSelectedStyle } from '../styles/render';
import { geometryKey, styleStore } from '../styles/style-state';

export function EditorCanvas({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const gestureStart = useRef<FaceGeometry | null>(null);
  const edit = useStore(editorStore, (s) => s.byPhoto[photo.photoId] ?? null);
  const symmetry = useStore(editorStore, (s) => s.symmetry);
  const showHandles = useStore(editorStore, (s) => s.showHandles);
  const preview = useStore(previewStore, (s) => (s.photoId === photo.photoId ? s.image : null));
  const face = currentFace(edit);
  const key = geometryKey(face?.target);
  // A styled result shows only for the geometry it was made for; while a drag moves, the warp preview shows.
  const styled = useStore(styleStore, (s) => (s.resultFor === photo.photoId && s.resultKey === key ? s.resultUrl : null));
  const selectedStyle = useStore(styleStore, (s) => s.selectedId);
  const committed = edit?.history.undo.length ?? 0;
  useEffect(() => {
    if (!gestureStart.current) void renderSelectedStyle(client, photo);
    // Re-style after each committed edit (undo/redo included), not on every live move.
  }, [selectedStyle, committed, edit?.history.redo.length, edit?.face]);
  return (
    <CanvasView
      photo={photo}
      displayUrl={styled}
      displayImage={preview}
      overlay={(viewScale) =>
        edit && edit.status === 'ready' ? (
          <>
          <ParsingOverlay photo={photo} />
          <LandmarkOverlay
            faces={edit.faces}
            face={edit.face}
            selection={edit.selection}
            symmetry={symmetry}
            showHandles={showHandles}
            imageSize={photo}
            viewScale={viewScale}
            onSelectFace={(face) => patchPhoto(photo.photoId, { face, selection: [] })}
            onSelection={(selection) => patchPhoto(photo.photoId, { selection })}
            onGestureStart={() => {
              gestureStart.current = currentFace(edit)?.geometry ?? null;
            }}
            onLive={(before, after) => {
              const f = currentFace(edit);
              const g0 = gestureStart.current;
              if (!f || !g0) return;
              setGeometryLive(photo.photoId, geometryAfterDrag(f.source, g0, before, after));
              requestPreview(client, photo, 'live');
            }}
            onCommit={(before, after) => {
              const f = currentFace(edit);
              const g0 = gestureStart.current;
              gestureStart.current = null;
              if (!f || !g0) return;
              commitGeometry(photo.photoId, 'Move landmarks', g0, geometryAfterDrag(f.source, g0, before, after));
              requestPreview(client, photo, 'final');
            }}
          />
          </>
        ) : null
      }
    />
  );
}
