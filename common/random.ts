/**
 * The one seeded generator of the project (APMM noise and training, style patch sampling,
 * procedural textures in recipes): the same seed gives the same numbers on every machine (plain
 * 32-bit integer arithmetic and Math.log/cos/sqrt on doubles), which is what makes "same seed →
 * identical sheet" and byte-identical model rebuilds hold.
 */

/** mulberry32: a small, well-mixed 32-bit generator; returns uniforms in [0, 1). */
export function uniformRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box–Muller; 1 − u keeps log() away from 0. */
export function gaussianRng(seed: number): () => number {
  const u = uniformRng(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const a = 2 * Math.PI * u();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
}

/** n standard normal values from `seed`, each scaled by the temperature (the noise scale). */
export function noise(seed: number, n: number, temperature = 1): Float32Array {
  const g = gaussianRng(seed);
  return Float32Array.from({ length: n }, () => temperature * g());
}

/**
 * Seed of cell k under a sheet seed: a hash, not seed + k, so neighbouring sheet seeds do not
 * share cells (seed 1 cell 1 ≠ seed 2 cell 0).
 */
export function cellSeed(sheetSeed: number, k: number): number {
  let h = Math.imul((sheetSeed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ Math.imul(k + 1, 0xc2b2ae35), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}
