/**
 * The built-in drawing styles: id, name and parameter vector (the "style embedding" of a drawing
 * style is its parameter vector, in the order listed here). The recipe in build/recipes/style/
 * reads the same table, so a graph's `params` input and this table cannot drift apart.
 * Lengths are in pixels of the rendered image.
 */
export interface ParamSpec {
  name: string;
  min: number;
  max: number;
  default: number;
}

export interface DrawingStyle {
  id: string;
  name: string;
  /** ONNX model name in native-models/manifest.json. */
  model: string;
  params: ParamSpec[];
}

const p = (name: string, min: number, max: number, dflt: number): ParamSpec => ({ name, min, max, default: dflt });

const lineParams = [p('lineSigma', 0.5, 3, 1.2), p('lineSharpness', 20, 400, 120), p('lineThreshold', 0, 0.05, 0.008)];

export const DRAWING_STYLES: DrawingStyle[] = [
  { id: 'pencil', name: 'Pencil sketch', model: 'style-pencil', params: [...lineParams, p('shading', 0, 1, 0.75), p('grain', 0, 1, 0.5)] },
  { id: 'ink', name: 'Ink', model: 'style-ink', params: [...lineParams, p('hatchSpacing', 3, 12, 5), p('hatch', 0, 1, 0.6)] },
  { id: 'charcoal', name: 'Charcoal', model: 'style-charcoal', params: [p('lineSigma', 1, 4, 2), p('contrast', 0.5, 3, 1.6), p('grain', 0, 1, 0.35), p('lines', 0, 1, 0.7)] },
  {
    id: 'comic',
    name: 'Comic',
    model: 'style-comic',
    params: [...lineParams, p('levels', 2, 8, 4), p('dotPeriod', 3, 12, 6), p('dots', 0, 1, 0.7), p('saturation', 0, 2, 1.3)],
  },
  {
    id: 'watercolour',
    name: 'Watercolour',
    model: 'style-watercolour',
    params: [p('sharpness', 1, 12, 6), p('granulation', 0, 1, 0.35), p('edgeDarkening', 0, 1, 0.6), p('paper', 0, 1, 0.35), p('wash', 0, 1, 0.3)],
  },
  { id: 'oil', name: 'Oil paint', model: 'style-oil', params: [p('sharpness', 1, 12, 12), p('flow', 0, 1, 0.8), p('texture', 0, 1, 0.25), p('saturation', 0.5, 2, 1.3)] },
  {
    id: 'pop',
    name: 'Pop art',
    model: 'style-pop',
    params: [
      p('shadowR', 0, 1, 0.12), p('shadowG', 0, 1, 0.1), p('shadowB', 0, 1, 0.4),
      p('darkR', 0, 1, 0.9), p('darkG', 0, 1, 0.12), p('darkB', 0, 1, 0.5),
      p('midR', 0, 1, 1), p('midG', 0, 1, 0.6), p('midB', 0, 1, 0.1),
      p('lightR', 0, 1, 1), p('lightG', 0, 1, 0.95), p('lightB', 0, 1, 0.55),
      p('toneBias', -0.3, 0.3, 0), p('outline', 0, 1, 0.8),
    ],
  },
  { id: 'colour-caricature', name: 'Colour caricature', model: 'style-colour', params: [...lineParams, p('lines', 0, 1, 0.9), p('saturation', 0.5, 2, 1.2)] },
];

export function drawingStyle(id: string): DrawingStyle | undefined {
  return DRAWING_STYLES.find((s) => s.id === id);
}

export function defaultParams(style: DrawingStyle): number[] {
  return style.params.map((q) => q.default);
}

/** Clamps a parameter vector into the style's ranges; missing entries take their defaults. */
export function clampParams(style: DrawingStyle, values: readonly number[] | undefined): Float32Array {
  return Float32Array.from(style.params, (q, i) => {
    const v = values?.[i];
    return v === undefined || !Number.isFinite(v) ? q.default : Math.min(q.max, Math.max(q.min, v));
  });
}

/**
 * Example-based styles (style-example graph): the pyramid depth and patch size fixed in the graph,
 * and the parameters an artwork's embedding carries besides its statistics and patch banks.
 */
export const EXAMPLE_LEVELS = 3;
export const EXAMPLE_PATCH = 5;
export const EXAMPLE_PARAMS: ParamSpec[] = [p('swap', 0, 1, 0.85), p('detail', 0, 1.5, 0.7)];
