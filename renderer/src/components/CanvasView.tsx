/**
 * The photo canvas (react-konva): the current photo fitted to the view, with zoom (wheel, menu)
 * and pan (drag the background). Overlays (faces, landmark handles) draw in image pixels inside
 * the same transformed group, so they stay aligned at every zoom.
 */
import type Konva from 'konva';
import { useEffect, useState, type ReactNode } from 'react';
import { Group, Image as KImage, Layer, Rect, Stage } from 'react-konva';
import { appStore, type PhotoEntry } from '../state/app-state';
import { useStore } from '../state/store';
import { useElementSize, useImage } from './useImage';

export interface CanvasViewProps {
  photo: PhotoEntry;
  /** Shown instead of the photo (e.g. a warped or styled preview), drawn over the same image rect. */
  displayUrl?: string | null;
  /** The same, already decoded (live previews: no second decode on the way to the screen). */
  displayImage?: HTMLImageElement | null;
  /** Image-pixel overlay; receives the stage px per image px so handles can keep a constant size. */
  overlay?: (viewScale: number) => ReactNode;
}

export function CanvasView({ photo, displayUrl, displayImage, overlay }: CanvasViewProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const zoom = useStore(appStore, (s) => s.zoom);
  const showBefore = useStore(appStore, (s) => s.showBefore);
  const original = useImage(photo.previewUrl);
  const loaded = useImage(displayUrl ?? null);
  const edited = displayUrl ? loaded : (displayImage ?? null);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  useEffect(() => setPan({ x: 0, y: 0 }), [photo.photoId]);

  const margin = 24;
  const fit = size.width && size.height ? Math.min((size.width - 2 * margin) / photo.width, (size.height - 2 * margin) / photo.height) : 0;
  const viewScale = Math.max(fit, 1e-3) * zoom;
  const x = (size.width - photo.width * viewScale) / 2 + pan.x;
  const y = (size.height - photo.height * viewScale) / 2 + pan.y;
  const shown = showBefore || !edited ? original : edited;

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const factor = e.evt.deltaY < 0 ? 1.1 : 1 / 1.1;
    appStore.set((s) => ({ zoom: Math.min(16, Math.max(0.1, s.zoom * factor)) }));
  };

  return (
    <div className="canvas-host" ref={ref} data-testid="canvas-host" data-view-x={x} data-view-y={y} data-view-scale={viewScale}>
      {size.width > 0 && (
        <Stage width={size.width} height={size.height} onWheel={onWheel}>
          <Layer>
            <Rect
              name="background"
              width={size.width}
              height={size.height}
              fill="#1b1d22"
              draggable
              onDragMove={(e) => {
                setPan((p) => ({ x: p.x + e.target.x(), y: p.y + e.target.y() }));
                e.target.position({ x: 0, y: 0 });
              }}
            />
            <Group x={x} y={y} scaleX={viewScale} scaleY={viewScale}>
              {shown && <KImage image={shown} width={photo.width} height={photo.height} name="photo" listening={false} />}
              {!showBefore && overlay?.(viewScale)}
            </Group>
          </Layer>
        </Stage>
      )}
      {showBefore && <div className="badge before-badge">Before</div>}
    </div>
  );
}
