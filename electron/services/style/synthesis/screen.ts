/**
 * Periodic screens in an artwork — hatching, engraving, halftone dots, line screens: marks laid on
 * a lattice fixed in the image's coordinates, whose width or size follows the tone. Copied by
 * patch synthesis at arbitrary offsets, such marks land at a random phase against each other (the
 * vote averages them to grey) and against any screen the viewer expects. Keeping every offset
 * (source − target) on the screen's lattice keeps them in phase: the output is screened as if the
 * same screen had been laid over the sitter.
 *
 * Detection: the power spectrum of a central crop of the artwork's luminance (Hann window). A
 * screen is a few sharp peaks at periods of 2.2–16 px, each far above the median power of its
 * frequency ring; a photo or a painting spreads its fine detail's power over many frequencies.
 * The strength is the share of that band's power in the screen's peaks; the waves are the
 * strongest peak and the strongest one across it that is no harmonic of it (crossed lines, dot
 * screens). The lattice of offsets that keep the screen's phase is then the set of o with k·o an
 * integer for every wave k (one wave: a family of lines).
 */
import type { Rgb8 } from './guides.js';

/** One plane wave of the screen, in cycles per pixel of the artwork. */
export interface Wave {
  fx: number;
  fy: number;
}

export interface Screen {
  /** One wave (parallel lines) or two (crossed lines, dots); empty: no screen. */
  waves: Wave[];
  /** Share of the fine detail's power (periods 2.2–16 px) held by the strongest peaks, 0..1. */
  strength: number;
}

/** A screen in a shared Float64Array: [waves, fx1, fy1, fx2, fy2, strength]. */
export const SCREEN_SLOTS = 6;

export function writeScreen(s: Screen, out: Float64Array): void {
  out.set([s.waves.length, s.waves[0]?.fx ?? 0, s.waves[0]?.fy ?? 0, s.waves[1]?.fx ?? 0, s.waves[1]?.fy ?? 0, s.strength]);
}

export function readScreen(b: Float64Array): Screen {
  const waves = [{ fx: b[1]!, fy: b[2]! }, { fx: b[3]!, fy: b[4]! }].slice(0, b[0]!);
  return { waves, strength: b[5]! };
}

/** Periods the detector looks at, px: finer is below what a pyramid level can hold; coarser is texture, not a screen. */
const MIN_PERIOD = 2.2;
const MAX_PERIOD = 16;
/**
 * A screen's peak stands this many times above its ring's median power (3×3 bins against 9 median
 * bins). Measured at 256²: hatching 890–7700 (its second direction 140–590), halftone dots and
 * engraving 2800–21000; demo photos and the lines, posterised and painterly filters of them ≤ 36;
 * the gallery's paintings ≤ 75 (JPEG and resampling grids) but for one (below).
 */
const PEAK_RATIO = 100;
/**
 * A screen holds at least this share of the fine detail's power. Screens measured: 0.32–0.79 (the
 * least: hatching drawn mostly in solid ink). Kandinsky's *En campo gris* at 256–1024 px: 0.08–0.20
 * (its flowing parallel lines stand out as peaks, but most of its detail is elsewhere).
 */
const MIN_STRENGTH = 0.25;
/** Peaks counted in the strength (a screen's fundamentals and their first harmonics and sums). */
const PEAKS = 6;

/** In-place radix-2 FFT of n complex values (n a power of two); `cos`/`sin` hold e^(−2πik/n) for k < n/2. */
function fft(re: Float64Array, im: Float64Array, n: number, cos: Float64Array, sin: Float64Array): void {
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!;
      re[i] = re[j]!;
      re[j] = tr;
      const ti = im[i]!;
      im[i] = im[j]!;
      im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let i = 0; i < n; i += len)
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const cr = cos[k * stride]!;
        const ci = sin[k * stride]!;
        const xr = re[b]! * cr - im[b]! * ci;
        const xi = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
  }
}

/**
 * Power spectrum of an n×n plane (mean removed, Hann window), row-major, bin (u, v) at v·n + u.
 * The plane is real: two rows go through one complex FFT, and only half the columns are
 * transformed (the other half mirrors them) — half the work of a plain 2-D FFT.
 */
function powerSpectrum(plane: Float32Array, n: number): Float64Array {
  let mean = 0;
  for (let i = 0; i < n * n; i++) mean += plane[i]!;
  mean /= n * n;
  const hann = new Float64Array(n);
  const cos = new Float64Array(n >> 1);
  const sin = new Float64Array(n >> 1);
  for (let i = 0; i < n; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  for (let k = 0; k < n >> 1; k++) [cos[k], sin[k]] = [Math.cos((-2 * Math.PI * k) / n), Math.sin((-2 * Math.PI * k) / n)];
  // Row spectra for u = 0..n/2, as (re, im) columns-to-be: specRe[u·n + y].
  const h = (n >> 1) + 1;
  const specRe = new Float64Array(h * n);
  const specIm = new Float64Array(h * n);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let y = 0; y < n; y += 2) {
    for (let x = 0; x < n; x++) {
      re[x] = (plane[y * n + x]! - mean) * hann[x]! * hann[y]!;
      im[x] = (plane[(y + 1) * n + x]! - mean) * hann[x]! * hann[y + 1]!;
    }
    fft(re, im, n, cos, sin);
    // Z = A + iB with A, B real: A(k) = (Z(k) + Z*(n−k)) / 2, B(k) = (Z(k) − Z*(n−k)) / 2i.
    for (let u = 0; u < h; u++) {
      const w = (n - u) & (n - 1);
      const [zr, zi, wr, wi] = [re[u]!, im[u]!, re[w]!, -im[w]!];
      specRe[u * n + y] = 0.5 * (zr + wr);
      specIm[u * n + y] = 0.5 * (zi + wi);
      specRe[u * n + y + 1] = 0.5 * (zi - wi);
      specIm[u * n + y + 1] = -0.5 * (zr - wr);
    }
  }
  const p = new Float64Array(n * n);
  for (let u = 0; u < h; u++) {
    re.set(specRe.subarray(u * n, u * n + n));
    im.set(specIm.subarray(u * n, u * n + n));
    fft(re, im, n, cos, sin);
    for (let v = 0; v < n; v++) {
      const e = re[v]! * re[v]! + im[v]! * im[v]!;
      p[v * n + u] = e;
      // A real plane's power is symmetric about the origin.
      p[((n - v) & (n - 1)) * n + ((n - u) & (n - 1))] = e;
    }
  }
  return p;
}

/**
 * The largest crop the detector looks at, px: 512² pins a wave's frequency to ~0.02 of a bin, so
 * an offset across a 1024-px render keeps the phase within ~0.05 of a cycle.
 */
const CROP = 512;

/** The screen of an artwork (none when it is smaller than 32 px on a side); `maxCrop` bounds the crop's side. */
export function detectScreen(img: Rgb8, maxCrop = CROP): Screen {
  const side = Math.min(img.width, img.height);
  if (side < 32) return { waves: [], strength: 0 };
  // A screen is the same everywhere: a central crop says all.
  const n = Math.min(maxCrop, 2 ** Math.floor(Math.log2(side)));
  const x0 = (img.width - n) >> 1;
  const y0 = (img.height - n) >> 1;
  const crop = new Float32Array(n * n);
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      const i = 3 * ((y0 + y) * img.width + x0 + x);
      crop[y * n + x] = (0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!) / 255;
    }
  return screenOf(powerSpectrum(crop, n), n);
}

const freq = (u: number, n: number) => (u < n / 2 ? u : u - n) / n;

/** The screen in an n×n power spectrum. */
function screenOf(p: Float64Array, n: number): Screen {
  const m = n - 1; // n is a power of two: & m wraps negative bins too
  const at = (u: number, v: number) => p[(v & m) * n + (u & m)]!;
  const lo = 1 / MAX_PERIOD;
  const hi = 1 / MIN_PERIOD;
  const top = Math.min(n >> 1, Math.ceil(hi * n));
  // The half plane (v > 0, or v = 0 and u > 0; a real image's spectrum is symmetric) within the band, with each bin's ring.
  const bins = new Int32Array(3 * (top + 1) * (2 * top + 1));
  let nb = 0;
  for (let v = 0; v <= top; v++)
    for (let u = -top; u <= top; u++) {
      if (v === 0 && u <= 0) continue;
      const f = Math.sqrt(u * u + v * v) / n;
      if (f >= lo && f <= hi) [bins[nb], bins[nb + 1], bins[nb + 2], nb] = [u, v, Math.round(f * n), nb + 3];
    }
  // The background at each frequency radius: the median power of its ring. A photo's power falls
  // with frequency, so a raw maximum sits at the band's low edge; a screen's peak towers over its ring.
  const count = new Int32Array(top + 2);
  for (let i = 2; i < nb; i += 3) count[bins[i]!]!++;
  const rings = Array.from(count, (c) => new Float64Array(c));
  count.fill(0);
  let band = 0;
  for (let i = 0; i < nb; i += 3) {
    const c = at(bins[i]!, bins[i + 1]!);
    band += 2 * c;
    rings[bins[i + 2]!]![count[bins[i + 2]!]!++] = c;
  }
  const floor = rings.map((r) => (r.length ? r.sort()[r.length >> 1]! : 0));
  const peaks: Array<{ u: number; v: number; e: number; pbr: number }> = [];
  for (let i = 0; i < nb; i += 3) {
    const [u, v] = [bins[i]!, bins[i + 1]!];
    const c = at(u, v);
    let max = true;
    let e = 0;
    for (let dv = -1; dv <= 1; dv++)
      for (let du = -1; du <= 1; du++) {
        const q = at(u + du, v + dv);
        e += q;
        if ((du || dv) && q > c) max = false;
      }
    // What the peak holds above its ring's background (a Hann-windowed peak spans 3×3 bins).
    const bg = 9 * floor[bins[i + 2]!]!;
    if (max) peaks.push({ u, v, e: e - bg, pbr: e / bg });
  }
  if (band <= 0 || peaks.length === 0) return { waves: [], strength: 0 };
  peaks.sort((a, b) => b.e - a.e);
  const screen = peaks.filter((q) => q.pbr >= PEAK_RATIO).slice(0, PEAKS);
  if (screen.length === 0) return { waves: [], strength: 0 };
  // Both halves of the plane hold each peak.
  const strength = Math.min(1, (2 * screen.reduce((s, q) => s + q.e, 0)) / band);
  if (strength < MIN_STRENGTH) return { waves: [], strength: 0 };
  const waves = [refine(at, screen[0]!, n)];
  const k1 = waves[0]!;
  // The strongest other peak across the first (not a sideband of it: the tone modulates the
  // marks) and no harmonic of it, however weak: every peak that stands out so far is the
  // screen's (hatching's second direction shows in the mid tones only).
  for (const q of screen.slice(1)) {
    const k = refine(at, q, n);
    const sin = Math.abs(k1.fx * k.fy - k1.fy * k.fx) / (Math.hypot(k1.fx, k1.fy) * Math.hypot(k.fx, k.fy));
    if (sin > 0.25 && !harmonic(k, k1, 1.5 / n)) {
      waves.push(k);
      break;
    }
  }
  return { waves, strength };
}

/**
 * Whether k is h·k1 for some whole h up to 8, on the torus of frequencies a pixel grid holds: thin
 * lines drawn on pixels have harmonics, and those past half a cycle per pixel alias to other
 * directions. Any offset that keeps k1's phase keeps theirs: they add nothing to the lattice.
 */
function harmonic(k: Wave, k1: Wave, tol: number): boolean {
  const wrap = (v: number) => v - Math.round(v);
  for (let h = -8; h <= 8; h++) if (Math.abs(h) >= 1 && Math.hypot(wrap(k.fx - h * k1.fx), wrap(k.fy - h * k1.fy)) < tol * Math.abs(h)) return true;
  return false;
}

/** A peak's frequency to a fraction of a bin: the vertex of a parabola through log power on each axis. */
function refine(at: (u: number, v: number) => number, { u, v }: { u: number; v: number }, n: number): Wave {
  const vertex = (a: number, b: number, c: number) => {
    const [la, lb, lc] = [Math.log(a + 1e-30), Math.log(b + 1e-30), Math.log(c + 1e-30)];
    const d = la - 2 * lb + lc;
    return d < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (la - lc)) / d)) : 0;
  };
  const du = vertex(at(u - 1, v), at(u, v), at(u + 1, v));
  const dv = vertex(at(u, v - 1), at(u, v), at(u, v + 1));
  return { fx: (freq(u, n) * n + du) / n, fy: (freq(v, n) * n + dv) / n };
}

/**
 * The offsets that keep a screen's phase at one pyramid level: `snap` moves an offset to the
 * nearest integer offset o with k·o near an integer for every wave k (read the result from x, y).
 */
export class Lattice {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly two: boolean;
  /** Inverse of [k1; k2] (two waves), for the nearest lattice point in wave coordinates. */
  private readonly i00: number;
  private readonly i01: number;
  private readonly i10: number;
  private readonly i11: number;
  /** How far a snap can move an offset, px (≈ the longest period): the margin kept from the source's edge before snapping. */
  readonly reach: number;
  /** The shortest period at this level, px. */
  readonly period: number;
  x = 0;
  y = 0;

  constructor(waves: readonly Wave[], scale: number) {
    const [a, b] = waves;
    if (!a) throw new Error('Lattice: a screen without waves');
    this.x1 = a.fx * scale;
    this.y1 = a.fy * scale;
    this.two = b !== undefined;
    this.x2 = b ? b.fx * scale : 0;
    this.y2 = b ? b.fy * scale : 0;
    const det = this.x1 * this.y2 - this.y1 * this.x2;
    const k = this.two ? 1 / det : 0;
    [this.i00, this.i01, this.i10, this.i11] = [this.y2 * k, -this.y1 * k, -this.x2 * k, this.x1 * k];
    const f1 = Math.hypot(this.x1, this.y1);
    const f2 = this.two ? Math.hypot(this.x2, this.y2) : f1;
    this.period = 1 / Math.max(f1, f2);
    this.reach = Math.ceil(0.75 / Math.min(f1, f2) + 1);
  }

  /** Squared phase error (cycles) of an integer offset. */
  error(ox: number, oy: number): number {
    const a = this.x1 * ox + this.y1 * oy;
    const b = this.x2 * ox + this.y2 * oy;
    return (a - Math.round(a)) ** 2 + (b - Math.round(b)) ** 2;
  }

  snap(ox: number, oy: number): void {
    let px: number;
    let py: number;
    const a = this.x1 * ox + this.y1 * oy;
    if (this.two) {
      // The lattice point with the nearest whole wave counts (Babai rounding; the screens' waves are far from parallel).
      const ma = Math.round(a);
      const mb = Math.round(this.x2 * ox + this.y2 * oy);
      px = this.i00 * ma + this.i01 * mb;
      py = this.i10 * ma + this.i11 * mb;
    } else {
      // Across the lines to the nearest one.
      const d = (Math.round(a) - a) / (this.x1 * this.x1 + this.y1 * this.y1);
      px = ox + d * this.x1;
      py = oy + d * this.y1;
    }
    // The lattice point lies between pixels: the integer corner around it with the least phase error
    // (a second wave of 0 adds nothing to the error of a one-wave screen).
    const fx = Math.floor(px);
    const fy = Math.floor(py);
    let best = Infinity;
    for (let j = 0; j <= 1; j++)
      for (let i = 0; i <= 1; i++) {
        const e = this.error(fx + i, fy + j);
        if (e < best) {
          best = e;
          this.x = fx + i;
          this.y = fy + j;
        }
      }
  }
}

/**
 * Below this period (px) a level's screen is blurred away by the pyramid's halving and its phase
 * means nothing; the search there is free and the finer levels put the marks in phase.
 */
const MIN_SNAP_PERIOD = 3;

/** The lattice at pyramid level `level` (the artwork halved `level` times), or none. */
export function levelLattice(screen: Screen, level: number): Lattice | undefined {
  if (screen.waves.length === 0) return undefined;
  const lat = new Lattice(screen.waves, 2 ** level);
  return lat.period >= MIN_SNAP_PERIOD ? lat : undefined;
}

const BEND = 4;

/**
 * The strokes' share on a screened artwork: 1 − (1 − strokes)^(1 + BEND·strength). The guide under
 * the marks is there because copied marks land a pixel or two off the sitter's edges; marks kept
 * in phase with their screen are its texture, and a smooth guide over them only greys the screen.
 * The ends of the control stay (0: the guide, 1: the marks alone). Measured on the tuning photos'
 * hatching (pairs that are not all solid ink): hedge 0.3 → 0.53 and 0.64, no hedge → 0.43 and 0.55;
 * BEND 2, 4, 8 within 0.01 of each other.
 */
export function screenStrokes(strokes: number, screen: Screen): number {
  const s = Math.min(1, Math.max(0, strokes));
  // Only where the finest level keeps the phase: out of phase, the marks need the guide as much as any.
  return levelLattice(screen, 0) === undefined ? strokes : 1 - (1 - s) ** (1 + BEND * screen.strength);
}

/** Whether an image is screened, decided once per pixel buffer on a 256² crop (~8 ms; the frequency's precision is not needed here). */
const screened = new WeakMap<Uint8Array, boolean>();
export function hasScreen(img: Rgb8): boolean {
  let s = screened.get(img.data);
  if (s === undefined) screened.set(img.data, (s = detectScreen(img, 256).waves.length > 0));
  return s;
}
