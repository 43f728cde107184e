/**
 * The photo canvas (react-konva): the current photo fitted to the view, with zoom (wheel about the
 * cursor, menu) and pan (Space+drag or middle-drag anywhere, or drag the photo or the margin
 * outside the handles). Overlays (faces, landmark handles) draw in image pixels inside the same
 * transformed group, so they stay aligned at every zoom.
 */
import type Konva from 'konva';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Group, Image as KImage, Layer, Rect, Stage } from 'react-konva';
import { appStore, type PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { viewTransform, zoomAbout } from '../editor/view';
import { useElementSize, useImage } from './useImage';

export interface CanvasViewProps {
  photo: PhotoEntry;
  /** Shown instead of the photo (e.g. a warped or styled preview), drawn over the same image rect. */
  displayUrl?: string | null;
  /** The same, already decoded (live previews: no second decode on the way to the screen). */
  displayImage?: HTMLImageElement | null;
  /** Image-pixel overlay; receives the stage px per image px, and whether a pan owns the pointer. */
  overlay?: (viewScale: number, panning: boolean) => ReactNode;
  /** A click on the photo or the margin that was not a pan (deselects). */
  onEmptyClick?: () => void;
  /** Drawn over the canvas, outside the transformed group (badges). */
  children?: ReactNode;
}

function useSpaceKey(): boolean {
  const [down, setDown] = useState(false);
  useEffect(() => {
    const typing = (t: EventTarget | null) => t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement;
    const on = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || typing(e.target)) return;
      if (e.type === 'keydown') e.preventDefault(); // no page scroll, no button press
      setDown(e.type === 'keydown');
    };
    const off = () => setDown(false);
    window.addEventListener('keydown', on);
    window.addEventListener('keyup', on);
    window.addEventListener('blur', off);
    return () => {
      window.removeEventListener('keydown', on);
      window.removeEventListener('keyup', on);
      window.removeEventListener('blur', off);
    };
  }, []);
  return down;
}

export function CanvasView({ photo, displayUrl, displayImage, overlay, onEmptyClick, children }: CanvasViewProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const zoom = useStore(appStore, (s) => s.zoom);
  const pan = useStore(appStore, (s) => s.pan);
  const showBefore = useStore(appStore, (s) => s.showBefore);
  const original = useImage(photo.previewUrl);
  const loaded = useImage(displayUrl ?? null);
  const edited = displayUrl ? loaded : (displayImage ?? null);
  const space = useSpaceKey();
  const drag = useRef<{ x: number; y: number; moved: number } | null>(null);
  const [panning, setPanning] = useState(false);
  useEffect(() => {
    appStore.set({ pan: { x: 0, y: 0 } });
  }, [photo.photoId]);

  const view = { host: size, image: photo, zoom, pan };
  const { scale: viewScale, x, y } = viewTransform(view);
  const shown = showBefore || !edited ? original : edited;

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const cursor = e.target.getStage()?.getPointerPosition() ?? { x: size.width / 2, y: size.height / 2 };
    appStore.set(zoomAbout(view, e.evt.deltaY < 0 ? 1.1 : 1 / 1.1, cursor));
  };

  // A pan starts with the middle button anywhere, with Space held anywhere, or with the left
  // button on the photo or the margin (a handle or a face box takes its own press).
  const onPointerDown = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const empty = e.target.name() === 'background' || e.target.name() === 'photo' || e.target === e.target.getStage();
    if (e.evt.button === 1 || space || (e.evt.button === 0 && empty && !e.evt.shiftKey)) {
      e.evt.preventDefault();
      drag.current = { x: e.evt.clientX, y: e.evt.clientY, moved: 0 };
      setPanning(true);
    }
  };
  useEffect(() => {
    if (!panning) return;
    const move = (e: PointerEvent) => {
      const d = drag.current;
      if (!d) return;
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      drag.current = { x: e.clientX, y: e.clientY, moved: d.moved + Math.hypot(dx, dy) };
      appStore.set((s) => ({ pan: { x: s.pan.x + dx, y: s.pan.y + dy } }));
    };
    const up = () => {
      const d = drag.current;
      drag.current = null;
      setPanning(false);
      if (d && d.moved < 3) onEmptyClick?.();
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [panning, onEmptyClick]);

  return (
    <div
      className={`canvas-host${space || panning ? ' pan' : ''}`}
      ref={ref}
      data-testid="canvas-host"
      data-view-x={x}
      data-view-y={y}
      data-view-scale={viewScale}
      onAuxClick={(e) => e.preventDefault()}
      onMouseDown={(e) => e.button === 1 && e.preventDefault() /* no autoscroll */}
    >
      {size.width > 0 && (
        <Stage width={size.width} height={size.height} onWheel={onWheel} onPointerDown={onPointerDown}>
          <Layer>
            <Rect name="background" width={size.width} height={size.height} fill="#1b1d22" />
            <Group x={x} y={y} scaleX={viewScale} scaleY={viewScale}>
              {shown && <KImage image={shown} width={photo.width} height={photo.height} name="photo" />}
              {!showBefore && overlay?.(viewScale, space || panning)}
            </Group>
          </Layer>
        </Stage>
      )}
      {showBefore && <div className="badge before-badge">Before</div>}
      {children}
    </div>
  );
}
