/**
 * Faces and their 68 handles over the photo, in image pixels. Handles are coloured by region;
 * dragging one (or a box selection) moves the face's targets, mirrored when symmetry is locked.
 * The drag is one gesture: `onLive` fires while it moves (and answers false once the gesture was
 * cancelled, e.g. by Esc, which ends the drag), `onCommit` once on release.
 */
import type Konva from 'konva';
import { useEffect, useRef, useState } from 'react';
import { Circle, Group, Line, Rect } from 'react-konva';
import type { Point } from '../../../common/geometry';
import { dragLandmarks, pointsInRect } from './drag';
import type { FaceEdit } from './editor-state';
import { regionOf } from '../../../common/face68/regions';
import { CONTOURS, REGION_COLORS } from './regions';

export interface LandmarkOverlayProps {
  faces: FaceEdit[];
  face: number;
  selection: number[];
  symmetry: boolean;
  showHandles: boolean;
  imageSize: { width: number; height: number };
  viewScale: number;
  /** A pan owns the pointer (Space held or a pan running): handles and boxes don't take presses. */
  panning: boolean;
  onSelectFace: (i: number) => void;
  onSelection: (indices: number[]) => void;
  onGestureStart: () => void;
  /** `before` = targets when the gesture started, `after` = targets now. */
  onLive: (before: Point[], after: Point[]) => boolean;
  onCommit: (before: Point[], after: Point[]) => void;
}

function useShiftKey(): boolean {
  const [down, setDown] = useState(false);
  useEffect(() => {
    const on = (e: KeyboardEvent) => setDown(e.shiftKey);
    window.addEventListener('keydown', on);
    window.addEventListener('keyup', on);
    return () => {
      window.removeEventListener('keydown', on);
      window.removeEventListener('keyup', on);
    };
  }, []);
  return down;
}

export function LandmarkOverlay(props: LandmarkOverlayProps) {
  const { faces, face, selection, symmetry, showHandles, imageSize, viewScale, panning } = props;
  const shift = useShiftKey();
  const gesture = useRef<{ start: Point[]; anchor: Point; moved: number[] } | null>(null);
  /** Shift/Ctrl pressed on a handle: that press edits the selection, it never drags. */
  const selectPress = useRef(false);
  const [band, setBand] = useState<{ a: Point; b: Point } | null>(null);
  const bandRef = useRef(band);
  bandRef.current = band;
  const { onSelection } = props;
  const target = faces[face]?.target;
  // The band ends wherever the button is released — on a handle, off the canvas — not only over the catcher.
  useEffect(() => {
    if (!band) return;
    const up = () => {
      const b = bandRef.current;
      setBand(null);
      if (b && target) onSelection(pointsInRect(target, b.a, b.b));
    };
    window.addEventListener('pointerup', up);
    return () => window.removeEventListener('pointerup', up);
  }, [!!band, target, onSelection]);
  const px = 1 / viewScale; // one screen pixel in image pixels
  const active = faces[face];

  const pointerInImage = (e: Konva.KonvaEventObject<PointerEvent>): Point => {
    const group = e.target.getParent()!;
    const p = group.getRelativePointerPosition()!;
    return [p.x, p.y];
  };

  return (
    <Group name="landmarks">
      {faces.map((f, i) => (
        <Rect
          key={`box-${i}`}
          name="face-box"
          x={f.box[0]}
          y={f.box[1]}
          width={f.box[2]}
          height={f.box[3]}
          stroke={i === face ? '#f0a040' : '#ffffff'}
          opacity={i === face ? 0.9 : 0.55}
          strokeWidth={(i === face ? 2 : 1.5) * px}
          dash={i === face ? undefined : [6 * px, 4 * px]}
          listening={i !== face && !panning}
          onClick={() => props.onSelectFace(i)}
          onTap={() => props.onSelectFace(i)}
        />
      ))}
      {/* Shift+drag draws a selection band; without Shift the background pans. */}
      <Rect
        name="select-band-catcher"
        width={imageSize.width}
        height={imageSize.height}
        listening={(shift || !!band) && !!active && !panning}
        onPointerDown={(e) => {
          e.cancelBubble = true; // not a pan
          const p = pointerInImage(e);
          setBand({ a: p, b: p });
        }}
        onPointerMove={(e) => band && setBand({ a: band.a, b: pointerInImage(e) })}
      />
      {band && (
        <Rect
          x={Math.min(band.a[0], band.b[0])}
          y={Math.min(band.a[1], band.b[1])}
          width={Math.abs(band.b[0] - band.a[0])}
          height={Math.abs(band.b[1] - band.a[1])}
          stroke="#4fb3ff"
          dash={[4 * px, 3 * px]}
          strokeWidth={px}
          fill="#4fb3ff22"
          listening={false}
        />
      )}
      {active && showHandles && (
        <>
          {CONTOURS.map(({ span: [from, end], closed }) => (
            <Line
              key={`c-${from}`}
              points={active.target.slice(from, end).flat()}
              closed={closed}
              stroke={REGION_COLORS[regionOf(from)]}
              strokeWidth={1.2 * px}
              opacity={0.7}
              listening={false}
            />
          ))}
          {active.target.map((p, i) => {
            const selected = selection.includes(i);
            return (
              <Circle
                key={`h-${i}`}
                name={`handle handle-${i}`}
                x={p[0]}
                y={p[1]}
                radius={(selected ? 5 : 4) * px}
                hitStrokeWidth={8 * px}
                fill={REGION_COLORS[regionOf(i)]}
                stroke={selected ? '#ffffff' : '#000000'}
                strokeWidth={(selected ? 2 : 1) * px}
                draggable={!panning && !band}
                listening={!panning && !band}
                onPointerDown={(e) => {
                  e.cancelBubble = true; // not a pan
                  selectPress.current = e.evt.shiftKey || e.evt.ctrlKey || e.evt.metaKey;
                  if (selectPress.current) {
                    props.onSelection(selected ? selection.filter((k) => k !== i) : [...selection, i]);
                  } else if (!selected) {
                    props.onSelection([i]);
                  }
                }}
                onDragStart={(e) => {
                  if (selectPress.current) {
                    e.target.stopDrag();
                    e.target.position({ x: p[0], y: p[1] });
                    return;
                  }
                  const moved = selection.includes(i) ? selection : [i];
                  gesture.current = { start: active.target, anchor: p, moved };
                  props.onGestureStart();
                }}
                onDragMove={(e) => {
                  const g = gesture.current;
                  if (!g) return;
                  const delta: Point = [e.target.x() - g.anchor[0], e.target.y() - g.anchor[1]];
                  if (!props.onLive(g.start, dragLandmarks(g.start, g.moved, delta, symmetry))) {
                    // Cancelled (Esc): the drag ends here and the handle goes back with the face.
                    gesture.current = null;
                    e.target.stopDrag();
                    e.target.position({ x: p[0], y: p[1] });
                  }
                }}
                onDragEnd={(e) => {
                  const g = gesture.current;
                  gesture.current = null;
                  if (!g) return;
                  const delta: Point = [e.target.x() - g.anchor[0], e.target.y() - g.anchor[1]];
                  props.onCommit(g.start, dragLandmarks(g.start, g.moved, delta, symmetry));
                }}
              />
            );
          })}
        </>
      )}
    </Group>
  );
}
