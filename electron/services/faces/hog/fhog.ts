/**
 * dlib's extract_fhog_features (Felzenszwalb's HOG: 18 contrast-sensitive orientations, 9
 * insensitive, 4 texture planes per 8-px cell) on an RGB image, in dlib's float32 arithmetic:
 * Math.fround after each operation dlib does in float, so the features — and the detector's
 * scores — match dlib's own. dlib computes most columns eight at a time (SIMD) and the last few
 * one by one, and the two loops differ in small ways (which colour wins a tie of gradient
 * strengths, how a cell's bilinear weight is rounded); each column follows the loop dlib runs it in.
 * The planes come out padded for a filterRows × filterCols scan, as dlib pads them.
 */
import type { RgbImage } from '../../images/decode.js';
import { FHOG_PLANES } from './model.js';
import { fhogVotes, type VoteTaps } from './fhog-wasm.js';

const f = Math.fround;
const DIRECTIONS = [
  [1.0, 0.0], [0.9397, 0.342], [0.766, 0.6428], [0.5, 0.866], [0.1736, 0.9848],
  [-0.1736, 0.9848], [-0.5, 0.866], [-0.766, 0.6428], [-0.9397, 0.342],
].map(([x, y]) => [f(x!), f(y!)] as const);
const EPS = f(0.0001);
const TEXTURE = f(2 * 0.2357);
const G = 255;

/** The orientation bin (0–17) of every integer gradient (dy + 255)·511 + dx + 255, as dlib snaps it in float32. */
let orientationTable: Uint8Array | undefined;
export function orientations(): Uint8Array {
  if (orientationTable) return orientationTable;
  const t = new Uint8Array((2 * G + 1) * (2 * G + 1));
  for (let gy = -G; gy <= G; gy++) {
    for (let gx = -G; gx <= G; gx++) {
      let best = 0;
      let bestO = 0;
      for (let o = 0; o < 9; o++) {
        const dot = f(f(gx * DIRECTIONS[o]![0]) + f(gy * DIRECTIONS[o]![1]));
        if (dot > best) { best = dot; bestO = o; } else if (-dot > best) { best = -dot; bestO = o + 9; }
      }
      t[(gy + G) * (2 * G + 1) + gx + G] = bestO;
    }
  }
  return (orientationTable = t);
}

export interface Fhog {
  rows: number;
  cols: number;
  /** FHOG_PLANES planes of rows × cols, plane after plane. */
  planes: Float32Array;
}

/** Per image column: which histogram columns it votes into and with what weights; below simdEnd, dlib's SIMD columns. */
export function columnVotes(visibleCols: number, cellSize: number): VoteTaps {
  const first = new Int32Array(visibleCols);
  const w0 = new Float32Array(visibleCols);
  const w1 = new Float32Array(visibleCols);
  let simdEnd = 1;
  while (simdEnd < visibleCols - 7) simdEnd += 8;
  for (let x = 1; x < visibleCols; x++) {
    if (x < simdEnd) {
      const xp = f(f(f(x + 0.5) / cellSize) + 0.5);
      const ixp = Math.trunc(xp);
      first[x] = ixp;
      w0[x] = f(xp - ixp);
    } else {
      const xp = f((x + 0.5) / cellSize - 0.5);
      const ixp = Math.floor(xp);
      first[x] = ixp + 1;
      w0[x] = f(xp - ixp);
    }
    w1[x] = f(1 - w0[x]!);
  }
  return { first, w0, w1, simdEnd };
}

/** Per image row: where its top histogram row starts (a float index, rows of histCols cells of 18 bins) and its vertical weights. */
export function rowVotes(visibleRows: number, cellSize: number, histCols: number): { rowTop: Int32Array; vy0: Float32Array; vy1: Float32Array } {
  const rowTop = new Int32Array(visibleRows);
  const vy0 = new Float32Array(visibleRows);
  const vy1 = new Float32Array(visibleRows);
  for (let y = 1; y < visibleRows; y++) {
    const yp = f((y + 0.5) / cellSize - 0.5);
    const iyp = Math.floor(yp);
    vy0[y] = f(yp - iyp);
    vy1[y] = f(1 - vy0[y]!);
    rowTop[y] = (iyp + 1) * histCols * 18;
  }
  return { rowTop, vy0, vy1 };
}

/** The cell grid of an image: cells per column and row, and the histograms' row length (a cell of border either side). */
export function cellGrid(width: number, height: number, cellSize: number): { cellsNr: number; cellsNc: number; histCols: number; visibleNr: number; visibleNc: number } {
  const cellsNr = Math.trunc(f(height / cellSize) + 0.5);
  const cellsNc = Math.trunc(f(width / cellSize) + 0.5);
  return { cellsNr, cellsNc, histCols: cellsNc + 2, visibleNr: Math.min(cellsNr * cellSize, height) - 1, visibleNc: Math.min(cellsNc * cellSize, width) - 1 };
}

/** Every cell's 18 orientation bins (with a border of empty cells), as dlib's fhog votes them (fhog-wasm.ts). */
export function gradientHistograms(img: RgbImage, cellSize: number): Float32Array {
  const { cellsNr, histCols, visibleNr, visibleNc } = cellGrid(img.width, img.height, cellSize);
  const { rowTop, vy0, vy1 } = rowVotes(visibleNr, cellSize, histCols);
  return fhogVotes(img.data, img.width, visibleNr, visibleNc, columnVotes(visibleNc, cellSize), rowTop, vy0, vy1, (cellsNr + 2) * histCols * 18, histCols, orientations());
}

export function extractFhog(img: RgbImage, cellSize: number, filterRows: number, filterCols: number): Fhog {
  const { cellsNr, cellsNc, histCols } = cellGrid(img.width, img.height, cellSize);
  const hogNr = Math.max(cellsNr - 2, 0);
  const hogNc = Math.max(cellsNc - 2, 0);
  if (hogNr === 0 || hogNc === 0) return { rows: 0, cols: 0, planes: new Float32Array(0) };
  const hist = gradientHistograms(img, cellSize);

  // Each cell's energy, then each 2×2 block's normaliser.
  const norm = new Float32Array(cellsNr * cellsNc);
  for (let r = 0; r < cellsNr; r++) {
    for (let c = 0; c < cellsNc; c++) {
      const base = ((r + 1) * histCols + c + 1) * 18;
      let n = 0;
      for (let o = 0; o < 9; o++) {
        const s = f(hist[base + o]! + hist[base + o + 9]!);
        n = f(n + f(s * s));
      }
      norm[r * cellsNc + c] = n;
    }
  }
  const bNc = cellsNc - 1;
  const clip = new Float32Array((cellsNr - 1) * bNc);
  const scale = new Float32Array((cellsNr - 1) * bNc);
  for (let r = 0; r < cellsNr - 1; r++) {
    for (let c = 0; c < bNc; c++) {
      const i = r * cellsNc + c;
      const sum = f(f(f(f(norm[i]! + norm[i + 1]!) + norm[i + cellsNc]!) + norm[i + cellsNc + 1]!) + EPS);
      const nn = f(f(0.2) * f(Math.sqrt(sum)));
      clip[r * bNc + c] = nn;
      scale[r * bNc + c] = f(f(0.1) / nn);
    }
  }

  const rows = hogNr + filterRows - 1;
  const outCols = hogNc + filterCols - 1;
  const plane = rows * outCols;
  const planes = new Float32Array(FHOG_PLANES * plane);
  const rowOff = Math.trunc((filterRows - 1) / 2);
  const colOff = Math.trunc((filterCols - 1) / 2);
  for (let y = 0; y < hogNr; y++) {
    for (let x = 0; x < hogNc; x++) {
      // The four blocks holding this cell are dlib's four SIMD lanes: (y+1,x+1), (y,x+1), (y+1,x), (y,x).
      const b0 = (y + 1) * bNc + x + 1, b1 = y * bNc + x + 1, b2 = (y + 1) * bNc + x, b3 = y * bNc + x;
      const nn0 = clip[b0]!, nn1 = clip[b1]!, nn2 = clip[b2]!, nn3 = clip[b3]!;
      const n0 = scale[b0]!, n1 = scale[b1]!, n2 = scale[b2]!, n3 = scale[b3]!;
      let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      const base = ((y + 2) * histCols + x + 2) * 18;
      const out = (y + rowOff) * outCols + x + colOff;
      // Contrast-sensitive bins, three at a time as dlib adds them into the texture sums.
      for (let o = 0; o < 18; o += 3) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let j = 0; j < 3; j++) {
          const v = hist[base + o + j]!;
          const l0 = f(Math.min(v, nn0) * n0), l1 = f(Math.min(v, nn1) * n1), l2 = f(Math.min(v, nn2) * n2), l3 = f(Math.min(v, nn3) * n3);
          // dlib's horizontal sum of four lanes (SSE2): (l0 + l2) + (l1 + l3).
          planes[(o + j) * plane + out] = f(f(l0 + l2) + f(l1 + l3));
          if (j === 0) { s0 = l0; s1 = l1; s2 = l2; s3 = l3; } else { s0 = f(s0 + l0); s1 = f(s1 + l1); s2 = f(s2 + l2); s3 = f(s3 + l3); }
        }
        t0 = f(t0 + s0); t1 = f(t1 + s1); t2 = f(t2 + s2); t3 = f(t3 + s3);
      }
      for (let o = 0; o < 9; o++) {
        const v = f(hist[base + o]! + hist[base + o + 9]!);
        const l0 = f(Math.min(v, nn0) * n0), l1 = f(Math.min(v, nn1) * n1), l2 = f(Math.min(v, nn2) * n2), l3 = f(Math.min(v, nn3) * n3);
        planes[(18 + o) * plane + out] = f(f(l0 + l2) + f(l1 + l3));
      }
      planes[27 * plane + out] = f(t0 * TEXTURE);
      planes[28 * plane + out] = f(t1 * TEXTURE);
      planes[29 * plane + out] = f(t2 * TEXTURE);
      planes[30 * plane + out] = f(t3 * TEXTURE);
    }
  }
  return { rows, cols: outCols, planes };
}
