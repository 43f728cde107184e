/**
 * What kind of tones an artwork has, read from its pixels alone, and the poster model: a poster
 * or screen print is a few flat inks, laid where the smoothed photo crosses fixed thresholds
 * (evenly spaced over the value range: PIL's ImageOps.posterize, Photoshop's Posterize, a print
 * of a few inks by tone). The thresholds are the photo's, not the artwork's quantiles: the
 * artwork is another photo, so how much of it each ink covers says nothing about where the
 * sitter's inks fall.
 */
import { chroma, luminance, type Rgb8 } from './guides.js';

/** How an artwork's tones relate to a photo's (see `toneKind`). */
export type ToneKind = 'ink' | 'poster' | 'paint';

export type Poster =
  /** Each channel quantised on its own: level i of channel c is `levels[c][i]` (ascending). */
  | { kind: 'channels'; levels: number[][] }
  /** The luminance quantised: level i (darkest first) is the ink `inks[i]` (RGB 0..1). */
  | { kind: 'luminance'; inks: Array<[number, number, number]> };

/** Share of the pixels a colour must cover to count as an ink (outlines and antialiasing cover less, each). */
const MIN_SHARE = 0.01;
/** Share of a channel's pixels a level must hold. */
const MIN_LEVEL = 0.03;
/**
 * Values this close are one level: two neighbouring 6-bit bins of one ink. At 6/255 the
 * posterised filter's two brightest reds (250, 255) were one level, red was cut into 3 bands
 * instead of 4 (tuning engine 0.76 → 0.73 and held out 0.94 → 0.88 at 3/255).
 */
const MERGE = 3 / 255;
/** For telling a poster: the colours each covering this share (a 64-ink poster's inks all count; a painting's colours are spread thinner). */
const POSTER_INK = 0.001;

/**
 * One channel's levels (0..1, ascending) from weighted values (the inks' values, their shares):
 * values within `MERGE` of their neighbour merge (one ink split over two colour bins stays one
 * level) at their weighted mean; levels under `MIN_LEVEL` of the weight are dropped.
 */
export function channelLevels(values: Array<[value: number, weight: number]>): number[] {
  const v = [...values].sort((a, b) => a[0] - b[0]);
  const total = v.reduce((s, [, w]) => s + w, 0);
  const groups: Array<[sum: number, weight: number, last: number]> = [];
  for (const [x, w] of v) {
    const g = groups[groups.length - 1];
    if (g && x - g[2] <= MERGE) [g[0], g[1], g[2]] = [g[0] + x * w, g[1] + w, x];
    else groups.push([x * w, w, x]);
  }
  return groups.filter((g) => g[1] >= MIN_LEVEL * total).map((g) => g[0] / g[1]);
}

/**
 * The colours (6 bits per channel) covering at least `minShare` of the pixels each, most common
 * first, as RGB 0..1 means, their shares and the share they cover together. `flatOnly`: counting
 * only pixels inside a flat area (their four neighbours the same colour), so a poster's outlines and
 * the blends along its edges are not taken for inks (asking the same 2 or 3 px away as well, for
 * thicker outlines, dropped real inks of small areas: tuning posterised 0.745 → 0.81).
 */
export function dominantColours(img: Rgb8, minShare = MIN_SHARE, flatOnly = false): { colours: Array<[number, number, number]>; shares: number[]; share: number } {
  const { width: w, height: h } = img;
  const n = w * h;
  const key = (i: number) => ((img.data[3 * i]! >> 2) << 12) | ((img.data[3 * i + 1]! >> 2) << 6) | (img.data[3 * i + 2]! >> 2);
  // One bin per 6-bit colour (2^18): a flat table, not a map, so a painting's many colours stay cheap.
  const count = new Uint32Array(1 << 18);
  const sum = new Uint32Array(3 << 18);
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (flatOnly) {
      const x = i % w;
      const y = (i - x) / w;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1 || key(i - 1) !== k || key(i + 1) !== k || key(i - w) !== k || key(i + w) !== k) continue;
    }
    count[k]! += 1;
    for (let c = 0; c < 3; c++) sum[3 * k + c]! += img.data[3 * i + c]!;
  }
  const big: number[] = [];
  for (let k = 0; k < count.length; k++) if (count[k]! > 0 && count[k]! >= minShare * n) big.push(k);
  big.sort((a, b) => count[b]! - count[a]!);
  return {
    colours: big.map((k) => [0, 1, 2].map((c) => sum[3 * k + c]! / count[k]! / 255) as [number, number, number]),
    shares: big.map((k) => count[k]! / n),
    share: big.reduce((s, k) => s + count[k]!, 0) / n,
  };
}

/** The chroma (BT.601 Cb, Cr) not explained by a linear function of luminance, RMS: ~0 for one ink on one paper, however dark or light. */
export function residualChroma(img: Rgb8): number {
  const n = img.width * img.height;
  const y = luminance(img);
  const [cb, cr] = chroma(img);
  const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / n;
  const my = mean(y);
  let res = 0;
  for (const c of [cb, cr]) {
    const mc = mean(c);
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const dy = y[i]! - my;
      sxy += dy * (c[i]! - mc);
      sxx += dy * dy;
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    for (let i = 0; i < n; i++) res += (c[i]! - mc - slope * (y[i]! - my)) ** 2;
  }
  return Math.sqrt(res / n);
}

/** One ink on one paper: each RGB channel (0..1) as `a[c] + b[c]·Y` of the luminance Y. */
export interface InkRamp {
  a: [number, number, number];
  b: [number, number, number];
}

/**
 * The artwork's ink ramp (least squares of each channel on luminance) when it is one ink on one
 * paper (residual chroma < ONE_INK), else undefined: what such an artwork's every pixel is, so
 * the sitter drawn its way takes no colour the artwork does not have. `residual`: the artwork's
 * residualChroma, where the caller has it already (toneKind's).
 */
export function inkRamp(img: Rgb8, residual = residualChroma(img)): InkRamp | undefined {
  if (residual >= ONE_INK) return undefined;
  const n = img.width * img.height;
  let sy = 0;
  let syy = 0;
  const sc = [0, 0, 0];
  const syc = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const r = img.data[3 * i]! / 255;
    const g = img.data[3 * i + 1]! / 255;
    const b = img.data[3 * i + 2]! / 255;
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    sy += y;
    syy += y * y;
    sc[0]! += r;
    sc[1]! += g;
    sc[2]! += b;
    syc[0]! += y * r;
    syc[1]! += y * g;
    syc[2]! += y * b;
  }
  const vy = syy / n - (sy / n) ** 2;
  const slope = (c: number) => (vy > 1e-9 ? (syc[c]! / n - (sy / n) * (sc[c]! / n)) / vy : 0);
  const b = [slope(0), slope(1), slope(2)] as [number, number, number];
  const a = [0, 1, 2].map((c) => sc[c]! / n - b[c]! * (sy / n)) as [number, number, number];
  return { a, b };
}

/** Residual chroma below which an artwork is one ink on one paper: measured ≤ 0.001 on drawn lines and hatching; ≥ 0.04 on colour photos and paintings. */
const ONE_INK = 0.01;

/**
 * 'ink': drawn on paper — one ink ramp on one paper (lines, hatching, pencil, charcoal), or colour
 * marks on mostly white paper (coloured pencil): its tones are the artist's and the paper's, so
 * the photo's are carried onto them. 'poster': nine tenths of the pixels in a few flat colours.
 * 'paint': anything else in full colour — a painting's or a cartoon's colours are the subject's,
 * so the photo keeps its own.
 */
export function toneKind(art: Rgb8, residual = residualChroma(art)): ToneKind {
  if (residual < ONE_INK) return 'ink';
  // A poster: measured ≥ 0.97 for four levels per channel with outlines, ≤ 0.45 on photos and paintings.
  if (dominantColours(art, POSTER_INK).share >= 0.9) return 'poster';
  // Paper: the demo photos' median luminance is 0.09-0.54 (and their paintings' and cartoons'),
  // a coloured-pencil dodge's 0.82-0.92.
  return medianLuminance(art) >= PAPER ? 'ink' : 'paint';
}

/** Median luminance at or above which a colour artwork is marks on paper, not paint. */
const PAPER = 0.75;

function medianLuminance(img: Rgb8): number {
  const h = new Uint32Array(256);
  const n = img.width * img.height;
  for (let i = 0; i < n; i++) h[Math.round(0.299 * img.data[3 * i]! + 0.587 * img.data[3 * i + 1]! + 0.114 * img.data[3 * i + 2]!)]! += 1;
  let acc = 0;
  for (let v = 0; v < 256; v++) if ((acc += h[v]!) * 2 >= n) return v / 255;
  return 1;
}

/**
 * The poster model of a 'poster' artwork: per-channel levels when its colours are (close to)
 * every combination of them, else its inks ordered by luminance (a print of a few inks by tone:
 * fewer colours than some channel has levels).
 */
/** A poster's inks: the colours of its flat areas (`dominantColours`, flat only), with their shares. */
export function inksOf(art: Rgb8): { colours: Array<[number, number, number]>; shares: number[] } {
  return dominantColours(art, MIN_SHARE, true);
}

/** The poster model from its inks (default: all of `inksOf`; the caller drops outline inks, outlines.ts). */
export function posterOf(art: Rgb8, inks: { colours: Array<[number, number, number]>; shares: number[] } = inksOf(art)): Poster {
  const { colours, shares } = inks;
  const levels = [0, 1, 2].map((c) => channelLevels(colours.map((col, k) => [col[c]!, shares[k]!])));
  if (colours.length <= Math.max(...levels.map((l) => l.length))) {
    const lum = (c: [number, number, number]) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
    return { kind: 'luminance', inks: [...colours].sort((a, b) => lum(a) - lum(b)) };
  }
  return { kind: 'channels', levels: levels.map((l) => (l.length ? l : [0.5])) };
}

/** Level index of `v` (0..1) among `k` levels at evenly spaced thresholds: ⌊v·k⌋, clamped. */
export function evenLevel(v: number, k: number): number {
  return Math.max(0, Math.min(k - 1, Math.floor(v * k)));
}
