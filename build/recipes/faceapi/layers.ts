/**
 * tfjs layers of face-api expressed as ONNX nodes, with the weights read from face-api's files.
 *
 * Layout: the graph input stays NHWC like tfjs, is transposed once to NCHW, and every filter is
 * permuted at build time (tfjs conv [kh,kw,ci,co] → ONNX [co,ci,kh,kw], depthwise [kh,kw,C,1] →
 * [C,1,kh,kw]). Permuting uint8 codes moves values without changing them, so quantised weights
 * stay uint8 in the file and are dequantised in the graph (Cast → Mul scale → Add min); ORT folds
 * those constants once at session creation, so inference pays nothing for it.
 *
 * Spatial sizes are static (each net has a fixed input size), so TF's 'same' padding can be
 * written as explicit ONNX pads: on a stride-2 conv over an even size TF pads only after
 * (pads [0,0,1,1]), which ONNX's auto_pad SAME_UPPER would also do but explicit pads say so.
 */
import type { AttrValue, GraphBuilder } from '../../onnx/builder.js';
import type { TfjsTensor } from './weights.js';

/** A value in the graph: NCHW with a dynamic batch and known C, H, W. */
export interface Feature {
  name: string;
  c: number;
  h: number;
  w: number;
}

export type Padding = 'same' | 'valid';

/** TF padding for one spatial axis: output size and [before, after] pads. */
export function tfPads(size: number, kernel: number, stride: number, padding: Padding): { out: number; before: number; after: number } {
  if (padding === 'valid') return { out: Math.floor((size - kernel) / stride) + 1, before: 0, after: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/** Reorders a row-major tensor's axes (like numpy.transpose). */
export function permute<T extends Uint8Array | Float32Array>(data: T, shape: number[], perm: number[]): T {
  const rank = shape.length;
  const outShape = perm.map((p) => shape[p]!);
  const inStrides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1]! * shape[i + 1]!;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < data.length; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += idx[i]! * inStrides[perm[i]!]!;
    out[o] = data[src]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++idx[i]! < outShape[i]!) break;
      idx[i] = 0;
    }
  }
  return out;
}

export const CONV_PERM = [3, 2, 0, 1];
export const DEPTHWISE_PERM = [2, 3, 0, 1];

export class TfjsGraph {
  private readonly unused: Set<string>;

  constructor(
    readonly g: GraphBuilder,
    private readonly weights: Map<string, TfjsTensor>,
  ) {
    this.unused = new Set(weights.keys());
  }

  /** The raw tfjs tensor (for constants the recipe precomputes, e.g. SSD anchors). */
  tensor(name: string): TfjsTensor {
    const t = this.weights.get(name);
    if (!t) throw new Error(`weight ${name} not found`);
    this.unused.delete(name);
    return t;
  }

  /** A weight as a float32 graph value, axes permuted at build time. */
  weight(name: string, perm?: number[]): string {
    const t = this.tensor(name);
    const data = perm ? permute(t.data, t.shape, perm) : t.data;
    const dims = perm ? perm.map((p) => t.shape[p]!) : t.shape;
    const label = name.replace(/[^A-Za-z0-9]+/g, '_');
    if (!t.quant) return this.g.init(label, { dtype: 'float32', dims, data });
    const codes = this.g.init(`${label}_q`, { dtype: 'uint8', dims, data });
    const f = this.g.op1('Cast', [codes], { to: 1 });
    const scaled = this.g.op1('Mul', [f, this.g.f32('scale', [t.quant.scale], [])]);
    return this.g.op1('Add', [scaled, this.g.f32('min', [t.quant.min], [])]);
  }

  /** Every weight of the file must be used: a leftover means a layer was missed. */
  assertAllUsed(ignore: (name: string) => boolean = () => false): void {
    const left = [...this.unused].filter((n) => !ignore(n));
    if (left.length) throw new Error(`unused weights: ${left.join(', ')}`);
  }

  /** A weight's values as ORT's in-graph dequantisation computes them (float32 Cast → Mul → Add), axes permuted. */
  values(name: string, perm?: number[]): Float32Array {
    const t = this.tensor(name);
    const data = perm ? permute(t.data, t.shape, perm) : t.data;
    if (!t.quant) return Float32Array.from(data);
    const scale = Math.fround(t.quant.scale);
    const min = Math.fround(t.quant.min);
    return Float32Array.from(data, (q) => Math.fround(Math.fround(q * scale) + min));
  }

  /** NHWC graph input [N,S,S,3] (raw 0..255 pixel values) → NCHW, unscaled (see convNormalised). */
  nhwcRawInput(name: string, size: number): Feature {
    this.g.input(name, 'float32', ['N', size, size, 3]);
    return { name: this.g.op1('Transpose', [name], { perm: [0, 3, 1, 2] }), c: 3, h: size, w: size };
  }

  /**
   * tf.conv2d 'valid' (+ bias) of (x − sub) / div, with the normalisation folded into the filters
   * and bias: W·(x − s)/d + b = (W/d)·x + (b − Σ W·s/d). Exact in real arithmetic only where the
   * conv reads no padding (a padded zero would stand for −s/d), hence 'valid' only. It saves the
   * graph two full-size elementwise passes over the input (Sub, Div).
   */
  convNormalised(x: Feature, filters: string, bias: string, stride: number, sub: number[], div: number): Feature {
    const [kh, kw, ci, co] = this.tensor(filters).shape as [number, number, number, number];
    if (ci !== x.c || sub.length !== ci) throw new Error(`${filters}: expects ${ci} channels, got ${x.c} and ${sub.length} means`);
    const w = this.values(filters, CONV_PERM);
    const b = this.values(bias);
    const folded = new Float32Array(w.length);
    const shift = new Float32Array(co);
    const taps = ci * kh * kw;
    for (let o = 0; o < co; o++) {
      let acc = b[o]!;
      for (let k = 0; k < taps; k++) {
        const v = w[o * taps + k]!;
        folded[o * taps + k] = v / div;
        acc -= (v * sub[Math.floor(k / (kh * kw))]!) / div;
      }
      shift[o] = acc;
    }
    const label = filters.replace(/[^A-Za-z0-9]+/g, '_');
    const ph = tfPads(x.h, kh, stride, 'valid');
    const pw = tfPads(x.w, kw, stride, 'valid');
    const name = this.g.op1('Conv', [x.name, this.g.init(`${label}_folded`, { dtype: 'float32', dims: [co, ci, kh, kw], data: folded }), this.g.f32(`${label}_bias_folded`, shift)], {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
    });
    return { name, c: co, h: ph.out, w: pw.out };
  }

  /** NHWC graph input [N,S,S,3] (raw 0..255 pixel values) → NCHW after (x − sub) / div. */
  nhwcInput(name: string, size: number, sub: number[], div: number): Feature {
    this.g.input(name, 'float32', ['N', size, size, 3]);
    const centred = this.g.op1('Sub', [name, this.g.f32('mean', sub, [sub.length])]);
    const scaled = this.g.op1('Div', [centred, this.g.f32('div', [div], [])]);
    return { name: this.g.op1('Transpose', [scaled], { perm: [0, 3, 1, 2] }), c: 3, h: size, w: size };
  }

  /** tf.conv2d (+ bias): filters in tfjs layout [kh,kw,ci,co]. */
  conv(x: Feature, filters: string, bias: string | null, stride: number, padding: Padding): Feature {
    const t = this.tensor(filters);
    const [kh, kw, ci, co] = t.shape as [number, number, number, number];
    if (ci !== x.c) throw new Error(`${filters}: expects ${ci} channels, got ${x.c}`);
    const ph = tfPads(x.h, kh, stride, padding);
    const pw = tfPads(x.w, kw, stride, padding);
    const inputs = [x.name, this.weight(filters, CONV_PERM)];
    if (bias) inputs.push(this.weight(bias));
    const name = this.g.op1('Conv', inputs, {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
      pads: [ph.before, pw.before, ph.after, pw.after],
    });
    return { name, c: co, h: ph.out, w: pw.out };
  }

  /** tf.depthwiseConv2d with channel multiplier 1: filters [kh,kw,C,1]. */
  depthwise(x: Feature, filters: string, stride: number, padding: Padding): Feature {
    const t = this.tensor(filters);
    const [kh, kw, c] = t.shape as [number, number, number, number];
    if (c !== x.c) throw new Error(`${filters}: expects ${c} channels, got ${x.c}`);
    const ph = tfPads(x.h, kh, stride, padding);
    const pw = tfPads(x.w, kw, stride, padding);
    const name = this.g.op1('Conv', [x.name, this.weight(filters, DEPTHWISE_PERM)], {
      kernel_shape: [kh, kw],
      strides: [stride, stride],
      pads: [ph.before, pw.before, ph.after, pw.after],
      group: c,
    });
    return { name, c, h: ph.out, w: pw.out };
  }

  /** Per-channel bias / scale on an NCHW value: a [C] vector broadcast as [C,1,1]. */
  channelOp(op: 'Add' | 'Mul', x: Feature, vector: string): Feature {
    const shaped = this.g.op1('Reshape', [this.weight(vector), this.g.i64('shape', [x.c, 1, 1])]);
    return { ...x, name: this.g.op1(op, [x.name, shaped]) };
  }

  unary(op: string, x: Feature, attrs: Record<string, AttrValue> = {}): Feature {
    return { ...x, name: this.g.op1(op, [x.name], attrs) };
  }

  add(a: Feature, b: Feature): Feature {
    return { ...a, name: this.g.op1('Add', [a.name, b.name]) };
  }

  /** Clip to [lo, hi] (ReLU6 in MobileNet). */
  clip(x: Feature, lo: number, hi: number): Feature {
    return { ...x, name: this.g.op1('Clip', [x.name, this.g.f32('lo', [lo], []), this.g.f32('hi', [hi], [])]) };
  }

  /** tf.separableConv2d(x, depthwise, pointwise, stride, 'same') + bias. */
  separable(x: Feature, prefix: string, stride: number): Feature {
    const dw = this.depthwise(x, `${prefix}/depthwise_filter`, stride, 'same');
    return this.conv(dw, `${prefix}/pointwise_filter`, `${prefix}/bias`, 1, 'same');
  }

  /**
   * tf.maxPool / tf.avgPool. With 'same' the pads are explicit; ONNX MaxPool ignores padded
   * cells (as TF does), so a negative LeakyRelu output next to the pad still wins the max.
   */
  pool(op: 'AveragePool' | 'MaxPool', x: Feature, kernel: number, stride: number, padding: Padding): Feature {
    const ph = tfPads(x.h, kernel, stride, padding);
    const pw = tfPads(x.w, kernel, stride, padding);
    const attrs: Record<string, AttrValue> = { kernel_shape: [kernel, kernel], strides: [stride, stride] };
    if (padding === 'same') attrs.pads = [ph.before, pw.before, ph.after, pw.after];
    const name = this.g.op1(op, [x.name], attrs);
    return { name, c: x.c, h: ph.out, w: pw.out };
  }
}
