/**
 * The variation sheet: a title, then R×C cells each with a two-line caption (seed, style, preset
 * name), as one PNG whose tEXt chunks carry the same facts (Title, Software, and one JSON
 * "Cells" list), written atomically.
 */
import sharp from 'sharp';
import { encodePng, type RgbImage } from '../images/decode.js';
import { writeFileAtomic } from '../settings/atomic.js';
import { printable } from '../../../common/text.js';
import { addTextChunks } from './png-text.js';
import { MODELS_KEYWORD } from './model-credits.js';

export const PAD = 8;
export const TITLE_H = 40;
export const CAPTION_H = 34;

export interface SheetCell {
  image: RgbImage;
  seed: number;
  style: string;
  styleLabel: string;
  preset: string;
}

export interface Sheet {
  title: string;
  rows: number;
  cols: number;
  cells: SheetCell[];
  /** The models that made the cells (model-credits.ts), for the "Models" text chunk. */
  models?: string | undefined;
}

/** Text for an SVG text element. */
export function xmlText(s: string): string {
  return printable(s).replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Cell k's top-left corner in the sheet (row-major). */
export function cellOrigin(k: number, cols: number, cell: number): { left: number; top: number } {
  const r = Math.floor(k / cols);
  const c = k % cols;
  return { left: PAD + c * (cell + PAD), top: TITLE_H + r * (cell + CAPTION_H + PAD) };
}

export function sheetSize(rows: number, cols: number, cell: number): { width: number; height: number } {
  return { width: PAD + cols * (cell + PAD), height: TITLE_H + rows * (cell + CAPTION_H + PAD) };
}

export function captionLines(c: SheetCell): [string, string] {
  return [`seed ${c.seed} · ${c.styleLabel}`, c.preset];
}

/** Font size (px) that fits `chars` characters in the cell width: sans-serif averages ≈ 0.55 em per character. */
export function captionFontSize(cell: number, chars: number): number {
  return Math.max(7, Math.min(12, Math.floor(cell / (0.55 * Math.max(1, chars)))));
}

export async function composeSheet(sheet: Sheet): Promise<Uint8Array> {
  const first = sheet.cells[0];
  if (!first || sheet.cells.length !== sheet.rows * sheet.cols) throw new Error(`composeSheet: ${sheet.cells.length} cells for a ${sheet.rows}×${sheet.cols} grid`);
  const cell = first.image.width;
  const { width, height } = sheetSize(sheet.rows, sheet.cols, cell);
  const text: string[] = [`<text x="${PAD}" y="27" font-family="sans-serif" font-size="20" font-weight="bold" fill="#222">${xmlText(sheet.title)}</text>`];
  const layers: sharp.OverlayOptions[] = sheet.cells.map((c, k) => {
    const { left, top } = cellOrigin(k, sheet.cols, cell);
    const [a, b] = captionLines(c);
    const size = captionFontSize(cell, Math.max(a.length, b.length));
    text.push(`<text x="${left}" y="${top + cell + 14}" font-family="sans-serif" font-size="${size}" fill="#222">${xmlText(a)}</text>`);
    text.push(`<text x="${left}" y="${top + cell + 29}" font-family="sans-serif" font-size="${size}" fill="#666">${xmlText(b)}</text>`);
    return { input: Buffer.from(c.image.data), raw: { width: c.image.width, height: c.image.height, channels: 3 }, left, top };
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${text.join('')}</svg>`;
  const buf = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([...layers, { input: Buffer.from(svg), left: 0, top: 0 }])
    .removeAlpha()
    .raw()
    .toBuffer();
  const png = await encodePng({ width, height, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) });
  return addTextChunks(png, {
    Title: printable(sheet.title),
    Software: 'Caricature Studio',
    Grid: `${sheet.rows}x${sheet.cols}`,
    Cells: JSON.stringify(sheet.cells.map((c) => ({ seed: c.seed, style: c.style, preset: c.preset }))),
    ...(sheet.models ? { [MODELS_KEYWORD]: sheet.models } : {}),
  });
}

export async function writeSheet(path: string, sheet: Sheet): Promise<Uint8Array> {
  const png = await composeSheet(sheet);
  await writeFileAtomic(path, png);
  return png;
}
