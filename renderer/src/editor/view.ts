/**
 * The canvas view as numbers: the photo fitted into the host with a margin, scaled by `zoom` and
 * moved by `pan` (screen px). Pure, so zooming about the cursor is tested on its own.
 */
export interface ViewInput {
  host: { width: number; height: number };
  image: { width: number; height: number };
  zoom: number;
  pan: { x: number; y: number };
}

export const VIEW_MARGIN = 24;
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 16;

/** Screen px per image px, and the screen position of the image's top-left corner. */
export function viewTransform(v: ViewInput): { scale: number; x: number; y: number } {
  const fit = v.host.width && v.host.height ? Math.min((v.host.width - 2 * VIEW_MARGIN) / v.image.width, (v.host.height - 2 * VIEW_MARGIN) / v.image.height) : 0;
  const scale = Math.max(fit, 1e-3) * v.zoom;
  return { scale, x: (v.host.width - v.image.width * scale) / 2 + v.pan.x, y: (v.host.height - v.image.height * scale) / 2 + v.pan.y };
}

/**
 * Zoom by `factor` keeping the image point under `cursor` (host px) where it is: the pan that puts
 * it back under the cursor after the scale changes.
 */
export function zoomAbout(v: ViewInput, factor: number, cursor: { x: number; y: number }): { zoom: number; pan: { x: number; y: number } } {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
  const before = viewTransform(v);
  const u = (cursor.x - before.x) / before.scale;
  const w = (cursor.y - before.y) / before.scale;
  const after = viewTransform({ ...v, zoom, pan: { x: 0, y: 0 } });
  return { zoom, pan: { x: cursor.x - u * after.scale - after.x, y: cursor.y - w * after.scale - after.y } };
}
