/**
 * The one seeded generator of the project (APMM noise, style patch sampling, procedural textures
 * in recipes): the same seed gives the same numbers on every machine, which is what makes
 * "same seed → identical sheet" and byte-identical model rebuilds hold.
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
