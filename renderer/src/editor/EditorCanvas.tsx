/**
 * The canvas with the editor on it: the photo (or its live warp or styled preview), the landmark
 * overlay, where the fold guard held an edit back, and the photo's style as a badge.
 */
import { useCallback, useEffect, useRef } from 'react';
import { Circle, Group } from 'react-konva';
import { CanvasView } from '../components/CanvasView';
import type { PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { beginGesture, commitGeometry, currentFace, editorStore, patchPhoto, photoEdit, setGeometryLive } from './editor-state';
import { geometryAfterDrag, type FaceGeometry } from './geometry';
import { LandmarkOverlay } from './LandmarkOverlay';
import { ParsingOverlay } from '../components/ParsingOverlay';
import { previewStore, requestPreview, type PreviewState } from './preview';
import { useClient } from '../api/context';
import { renderSelectedStyle } from '../styles/render';
import { styleKey, styleStore } from '../styles/style-state';

const NONE_HELD: PreviewState['heldBack'] = [];

function StyleBadge({ photoId }: { photoId: string }) {
  const style = useStore(editorStore, (s) => s.byPhoto[photoId]?.style ?? null);
  const name = useStore(styleStore, (s) => s.styles.find((x) => x.id === style?.id)?.name ?? style?.id);
  if (!style?.id) return null;
  const extras = [style.strength < 1 ? `${Math.round(style.strength * 100)}%` : '', style.region !== 'whole' ? style.region : '', style.preserveColor ? 'original colours' : ''].filter(Boolean);
  return (
    <div className="badge style-badge" data-testid="style-badge" title="The style this photo is shown and exported in (Styles tab)">
      Style: {name}
      {extras.length ? ` · ${extras.join(' · ')}` : ''}
    </div>
  );
}

export function EditorCanvas({ photo }: { photo: PhotoEntry }) {
  const client = useClient();
  const gestureStart = useRef<FaceGeometry | null>(null);
  const edit = useStore(editorStore, (s) => s.byPhoto[photo.photoId] ?? null);
  const symmetry = useStore(editorStore, (s) => s.symmetry);
  const showHandles = useStore(editorStore, (s) => s.showHandles);
  const preview = useStore(previewStore, (s) => (s.photoId === photo.photoId ? s.image : null));
  const heldBack = useStore(previewStore, (s) => (s.photoId === photo.photoId ? s.heldBack : NONE_HELD));
  const key = styleKey(edit);
  const inGesture = !!edit?.history.mark;
  // A styled result shows only for the geometry and style it was made for; while a drag moves, the warp preview shows.
  const styled = useStore(styleStore, (s) => (s.resultFor === photo.photoId && s.resultKey === key ? s.resultUrl : null));
  useEffect(() => {
    // Re-style after each committed change of geometry or style (undo/redo included), not on every live move.
    if (!inGesture) void renderSelectedStyle(client, photo);
  }, [key, inGesture, photo.photoId]);
  const deselect = useCallback(() => patchPhoto(photo.photoId, { selection: [] }), [photo.photoId]);
  const onSelection = useCallback((selection: number[]) => patchPhoto(photo.photoId, { selection }), [photo.photoId]);
  return (
    <CanvasView
      photo={photo}
      displayUrl={styled}
      displayImage={preview}
      onEmptyClick={deselect}
      overlay={(viewScale, panning) =>
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
              panning={panning}
              onSelectFace={(face) => patchPhoto(photo.photoId, { face, selection: [] })}
              onSelection={onSelection}
              onGestureStart={() => {
                gestureStart.current = currentFace(edit)?.geometry ?? null;
                beginGesture(photo.photoId, 'Move landmarks');
              }}
              onLive={(before, after) => {
                const f = currentFace(edit);
                const g0 = gestureStart.current;
                // Esc bails the gesture: its mark is gone, and this drag must stop editing.
                if (!f || !g0 || !photoEdit(photo.photoId)?.history.mark) {
                  gestureStart.current = null;
                  return false;
                }
                setGeometryLive(photo.photoId, geometryAfterDrag(f.source, g0, before, after));
                requestPreview(client, photo, 'live');
                return true;
              }}
              onCommit={(before, after) => {
                const f = currentFace(edit);
                const g0 = gestureStart.current;
                gestureStart.current = null;
                if (!f || !g0 || !photoEdit(photo.photoId)?.history.mark) return;
                commitGeometry(photo.photoId, 'Move landmarks', geometryAfterDrag(f.source, g0, before, after));
                requestPreview(client, photo, 'final');
              }}
            />
            {heldBack.map((c, i) => (
              <Circle key={`fold-${i}`} name="fold-mark" x={c.x} y={c.y} radius={c.r + 16 / viewScale} stroke="#ffce5c" strokeWidth={2.5 / viewScale} dash={[6 / viewScale, 4 / viewScale]} listening={false} />
            ))}
          </>
        ) : null
      }
    >
      <StyleBadge photoId={photo.photoId} />
    </CanvasView>
  );
}
