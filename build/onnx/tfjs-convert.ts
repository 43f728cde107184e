/**
 * TensorFlow.js graph model → ONNX graph, standard ops only (Conv, grouped Conv for depthwise,
 * MaxPool/AveragePool, Resize, Softmax, ArgMax, element-wise ops, and the few shape ops a TF
 * graph uses to size its resizes).
 *
 * Layout: TF graphs are NHWC, ONNX convolutions NCHW. Every 4-D activation is kept NCHW inside the
 * graph: the NHWC inputs are transposed once, filters are permuted at build time, constants that
 * meet an NCHW activation are permuted to match, axis arguments (concat, reductions, softmax,
 * argmax) are remapped, and shape vectors read from an activation are put back in NHWC order so
 * the graph's own shape arithmetic (strided slices, packs, fills) runs unchanged. Spatial sizes
 * stay dynamic, so one file serves every input size the TF graph accepted.
 *
 * Weights: tfjs uint8 codes whose zero point is an integer (the tfjs converter nudges it so)
 * stay uint8 and are dequantised by DequantizeLinear; the rest become float32.
 *
 * Only the nodes the requested outputs depend on are converted; an op outside the list above is
 * an error naming the node, never a silent approximation. One exact rewrite: an ArgMax over a
 * Softmax reads the logits (the softmax is monotonic; ORT's softmax over the channel axis of an
 * NCHW map cost more than half of BiSeNetV2's run).
 */
import { GraphBuilder } from './builder.js';
import { attrBool, attrInt, attrInts, attrString, attrStrings, weightValues, type TfGraphModel, type TfNode, type TfWeight } from './tfjs-graph.js';
import { permute } from '../recipes/faceapi/layers.js';

type Dim = number | string;

export interface ConvertSpec {
  graphName: string;
  /** TF placeholder → ONNX input (NHWC float32, as in TF). */
  inputs: Array<{ tf: string; name: string; shape: Dim[] }>;
  /** TF node → ONNX output; 4-D activations come out NHWC unless layout says NCHW. */
  outputs: Array<{ tf: string; name: string; shape: Dim[]; layout?: 'nhwc' | 'nchw' }>;
  /** Weights smaller than this many elements are stored as float32 even when quantised. */
  minQuantised?: number;
  /**
   * Stride-1 'SAME' convolutions (odd kernel, not depthwise) with fewer output channels than this
   * are computed on the 2×2 phases of their output (phaseSplit). Only for graphs whose sizes are
   * even where such a conv runs.
   */
  phaseSplitBelow?: number;
}

interface Val {
  name: string;
  dtype: 'float32' | 'int64';
  rank: number;
  /** A 4-D activation held NCHW (TF sees it NHWC). */
  nchw: boolean;
  /** Set for 1-D vectors whose length is known (shape arithmetic). */
  length?: number;
  /** Constants stay unmaterialised until a consumer says in which layout it needs them. */
  konst?: TfWeight;
}

/** NHWC axis → NCHW axis. */
const NCHW_AXIS = [0, 2, 3, 1];
const TO_NCHW = [0, 3, 1, 2];
const TO_NHWC = [0, 2, 3, 1];

function baseName(input: string): string {
  return input.replace(/^\^/, '').replace(/:0$/, '');
}

export class TfjsToOnnx {
  readonly g: GraphBuilder;
  private readonly vals = new Map<string, Val>();
  private readonly minQuantised: number;

  constructor(
    private readonly model: TfGraphModel,
    private readonly spec: ConvertSpec,
  ) {
    this.g = new GraphBuilder(spec.graphName);
    this.minQuantised = spec.minQuantised ?? 1024;
  }

  build(docString: string): Uint8Array {
    for (const inp of this.spec.inputs) {
      this.g.input(inp.name, 'float32', inp.shape);
      const name = this.g.op1('Transpose', [inp.name], { perm: TO_NCHW });
      this.vals.set(inp.tf, { name, dtype: 'float32', rank: 4, nchw: true });
    }
    for (const out of this.spec.outputs) {
      const v = this.value(out.tf);
      const src = v.konst ? this.plain(v) : v.name;
      const nhwc = v.nchw && (out.layout ?? 'nhwc') === 'nhwc';
      this.g.op1(nhwc ? 'Transpose' : 'Identity', [src], nhwc ? { perm: TO_NHWC } : {}, out.name);
      this.g.output(out.name, v.dtype, out.shape);
    }
    return this.g.toBytes(docString);
  }

  private node(name: string): TfNode {
    const n = this.model.nodes.get(name);
    if (!n) throw new Error(`the graph has no node "${name}"`);
    return n;
  }

  /** The converted value of a TF tensor, converting its producers first (memoised). */
  private value(ref: string): Val {
    const name = baseName(ref);
    if (ref.includes(':') && !ref.endsWith(':0')) throw new Error(`${ref}: only first outputs are handled`);
    let v = this.vals.get(name);
    if (!v) {
      v = this.convert(this.node(name));
      this.vals.set(name, v);
    }
    return v;
  }

  private inputs(n: TfNode): Val[] {
    return (n.input ?? []).filter((i) => !i.startsWith('^')).map((i) => this.value(i));
  }

  // ---- constants -------------------------------------------------------------------------

  private weightOf(v: Val, what: string): TfWeight {
    if (!v.konst) throw new Error(`${what} must be a constant`);
    return v.konst;
  }

  private constInts(v: Val, what: string): number[] {
    return Array.from(weightValues(this.weightOf(v, what)), Number);
  }

  /**
   * A constant as an ONNX initializer, its axes permuted by `perm` (at build time) and given
   * `dims`. Quantised tensors with an integer zero point stay uint8 behind a DequantizeLinear.
   */
  private materialise(w: TfWeight, perm?: number[], dims?: number[]): string {
    const label = w.name.replace(/[^A-Za-z0-9]+/g, '_').slice(-48);
    const shape = perm ? perm.map((p) => w.shape[p]!) : w.shape;
    const outDims = dims ?? shape;
    if (w.dtype === 'int32') {
      const vals = perm ? permute(Float32Array.from(w.data as Int32Array), w.shape, perm) : w.data;
      return this.g.init(label, { dtype: 'int64', dims: outDims, data: BigInt64Array.from(Array.from(vals, (x) => BigInt(x))) });
    }
    if (w.quant && w.data.length >= this.minQuantised) {
      const zp = -w.quant.min / w.quant.scale;
      const zpInt = Math.round(zp);
      if (Math.abs(zp - zpInt) < 1e-3 && zpInt >= 0 && zpInt <= 255) {
        const codes = perm ? permute(w.data as Uint8Array, w.shape, perm) : (w.data as Uint8Array);
        const q = this.g.init(`${label}_q`, { dtype: 'uint8', dims: outDims, data: codes });
        const scale = this.g.f32('scale', [w.quant.scale], []);
        const zero = this.g.init('zero', { dtype: 'uint8', dims: [], data: Uint8Array.of(zpInt) });
        return this.g.op1('DequantizeLinear', [q, scale, zero]);
      }
    }
    const values = weightValues(w) as Float32Array;
    return this.g.init(label, { dtype: 'float32', dims: outDims, data: perm ? permute(values, w.shape, perm) : values });
  }

  /** A value as a plain ONNX tensor name (constants in TF's own layout). */
  private plain(v: Val): string {
    return v.konst ? this.materialise(v.konst) : v.name;
  }

  /**
   * A value as the operand of an element-wise op with an NCHW activation: constants are
   * right-aligned to rank 4 and permuted; scalars pass as they are.
   */
  private nchwOperand(v: Val): string {
    if (v.nchw) return v.name;
    if (v.konst) {
      const w = v.konst;
      const n = w.shape.reduce((a, b) => a * b, 1);
      if (n === 1) return this.materialise({ ...w, shape: [] }, undefined, []);
      if (w.shape.length > 4) throw new Error(`${w.name}: rank ${w.shape.length} constant next to an NCHW activation`);
      const shape4 = [...new Array<number>(4 - w.shape.length).fill(1), ...w.shape];
      return this.materialise({ ...w, shape: shape4 }, TO_NCHW);
    }
    if (v.rank === 0) return v.name;
    throw new Error(`${v.name}: a rank-${v.rank} tensor next to an NCHW activation`);
  }

  private i64(values: number[], dims: number[] = [values.length]): string {
    return this.g.i64('c', values, dims);
  }

  // ---- ops ---------------------------------------------------------------------------------

  private convert(n: TfNode): Val {
    const a = n.attr ?? {};
    switch (n.op) {
      case 'Const': {
        const w = this.model.weights.get(n.name);
        if (!w) throw new Error(`${n.name}: constant without weight data`);
        return { name: n.name, dtype: w.dtype === 'int32' ? 'int64' : 'float32', rank: w.shape.length, nchw: false, konst: w, ...(w.shape.length === 1 ? { length: w.shape[0]! } : {}) };
      }
      case 'Placeholder':
        throw new Error(`${n.name}: a placeholder the spec does not name as an input`);
      case 'Identity':
        return this.inputs(n)[0]!;
      case 'Conv2D':
      case '_FusedConv2D':
      case 'DepthwiseConv2dNative':
      case 'FusedDepthwiseConv2dNative':
        return this.conv(n);
      case 'MaxPool':
      case 'AvgPool':
        return this.pool(n);
      case 'Relu':
      case 'Sigmoid':
      case 'Tanh':
      case 'Elu':
        return this.unary(n, n.op);
      case 'Relu6':
        return this.activation(this.inputs(n)[0]!, 'Relu6', a);
      case 'LeakyRelu':
        return this.activation(this.inputs(n)[0]!, 'LeakyRelu', a);
      case 'Square': {
        const [x] = this.inputs(n);
        return this.elementwise('Mul', x!, x!);
      }
      case 'Add':
      case 'AddV2':
        return this.binary(n, 'Add');
      case 'Sub':
        return this.binary(n, 'Sub');
      case 'Mul':
        return this.binary(n, 'Mul');
      case 'RealDiv':
        return this.binary(n, 'Div');
      case 'Maximum':
        return this.binary(n, 'Max');
      case 'Minimum':
        return this.binary(n, 'Min');
      case 'ConcatV2':
        return this.concat(n);
      case 'Mean':
        return this.mean(n);
      case 'Softmax': {
        const [x] = this.inputs(n);
        return { ...x!, name: this.g.op1('Softmax', [this.plain(x!)], { axis: x!.nchw ? 1 : -1 }) };
      }
      case 'ArgMax':
        return this.argmax(n);
      case 'Squeeze':
        return this.squeeze(n);
      case 'Shape':
        return this.shape(n);
      case 'StridedSlice':
        return this.stridedSlice(n);
      case 'Pack':
        return this.pack(n);
      case 'Fill':
        return this.fill(n);
      case 'ResizeBilinear':
      case 'ResizeNearestNeighbor':
        return this.resize(n);
      default:
        throw new Error(`${n.name}: TF op ${n.op} is not handled by the converter`);
    }
  }

  private unary(n: TfNode, op: string): Val {
    const [x] = this.inputs(n);
    return { ...x!, konst: undefined, name: this.g.op1(op, [this.plain(x!)]) } as Val;
  }

  /** The activations TF fuses into convolutions, and their stand-alone forms. */
  private activation(x: Val, op: string, a: NonNullable<TfNode['attr']>): Val {
    const src = this.plain(x);
    let name: string;
    if (op === 'Relu') name = this.g.op1('Relu', [src]);
    else if (op === 'Relu6') name = this.g.op1('Clip', [src, this.g.f32('lo', [0], []), this.g.f32('hi', [6], [])]);
    else if (op === 'LeakyRelu') name = this.g.op1('LeakyRelu', [src], { alpha: { float: (a.leakyrelu_alpha ?? a.alpha)?.f ?? 0.2 } });
    else if (op === 'Elu') name = this.g.op1('Elu', [src]);
    else if (op === 'Sigmoid') name = this.g.op1('Sigmoid', [src]);
    else throw new Error(`fused activation ${op} is not handled`);
    return { ...x, konst: undefined, name } as Val;
  }

  private elementwise(op: string, x: Val, y: Val): Val {
    if (x.nchw || y.nchw) {
      return { name: this.g.op1(op, [this.nchwOperand(x), this.nchwOperand(y)]), dtype: x.dtype, rank: 4, nchw: true };
    }
    const rank = Math.max(x.rank, y.rank);
    const length = x.length ?? y.length;
    return { name: this.g.op1(op, [this.plain(x), this.plain(y)]), dtype: x.dtype, rank, nchw: false, ...(length !== undefined ? { length } : {}) };
  }

  private binary(n: TfNode, op: string): Val {
    const [x, y] = this.inputs(n);
    return this.elementwise(op, x!, y!);
  }

  private conv(n: TfNode): Val {
    const a = n.attr ?? {};
    const [x, filter, ...args] = this.inputs(n);
    if (!x!.nchw) throw new Error(`${n.name}: the convolution input is not a 4-D activation`);
    if ((attrString(a.data_format) ?? 'NHWC') !== 'NHWC') throw new Error(`${n.name}: only NHWC convolutions are handled`);
    const w = this.weightOf(filter!, `${n.name}'s filter`);
    const [kh, kw, ci, co] = w.shape as [number, number, number, number];
    const strides = attrInts(a.strides);
    const dilations = attrInts(a.dilations);
    const depthwise = n.op.includes('Depthwise');
    const attrs: Record<string, number[] | number | string> = {
      kernel_shape: [kh, kw],
      strides: [strides[1] ?? 1, strides[2] ?? 1],
      dilations: [dilations[1] ?? 1, dilations[2] ?? 1],
    };
    if (depthwise) attrs.group = ci;
    const padding = attrString(a.padding);
    if (padding === 'SAME') attrs.auto_pad = 'SAME_UPPER'; // TF puts the odd pad after, as SAME_UPPER does
    else if (padding === 'VALID') attrs.pads = [0, 0, 0, 0];
    else throw new Error(`${n.name}: padding ${padding} is not handled`);
    const fused = attrStrings(a.fused_ops);
    if (fused.length && fused[0] !== 'BiasAdd') throw new Error(`${n.name}: fused ${fused[0]} is not handled`);
    const bias = fused[0] === 'BiasAdd' ? this.weightOf(args[0]!, `${n.name}'s bias`) : null;
    const split = !depthwise && co < (this.spec.phaseSplitBelow ?? 0) && padding === 'SAME' && kh === kw && kh % 2 === 1 && [...strides, ...dilations].every((v) => v === 1);
    let out: Val;
    if (split) {
      out = this.phaseSplit(x!, w, bias);
    } else {
      // Depthwise [kh,kw,C,m] → [C,m,kh,kw] is the byte order of ONNX's grouped [C·m,1,kh,kw].
      const weight = depthwise ? this.materialise(w, [2, 3, 0, 1], [ci * co, 1, kh, kw]) : this.materialise(w, [3, 2, 0, 1]);
      const inputs = [x!.name, weight, ...(bias ? [this.materialise(bias)] : [])];
      out = { name: this.g.op1('Conv', inputs, attrs), dtype: 'float32', rank: 4, nchw: true };
    }
    for (const act of fused.slice(bias ? 1 : 0)) out = this.activation(out, act, a);
    return out;
  }

  /**
   * A k×k stride-1 'SAME' conv (k odd) as a (k+1)×(k+1) stride-2 conv giving each output
   * channel's four phases (output pixel (2Y+py, 2X+px) is channel 4o + 2py + px at (Y, X)), then
   * DepthToSpace: the same taps with the same weights (the added taps are zeros), so the same sums.
   * Why: ORT's blocked NCHWc conv pads output channels up to its block (16 with AVX-512), so the
   * cartoon generator's last conv (32 → 3 channels, 7×7, at full size) computed 16 channels for 3
   * and took ~100 ms of the net's ~590; 12 channels at a quarter of the pixels is a third of that.
   */
  private phaseSplit(x: Val, w: TfWeight, bias: TfWeight | null): Val {
    const [k, , ci, co] = w.shape as [number, number, number, number];
    const p = (k - 1) / 2;
    const k2 = k + 1;
    const co4 = co * 4;
    // Quantised codes stay codes when the zero point is a code (it stands for an exact 0); else floats.
    const zp = w.quant ? -w.quant.min / w.quant.scale : 0;
    const codes = w.quant !== undefined && Math.abs(zp - Math.round(zp)) < 1e-3;
    const src = codes ? (w.data as Uint8Array) : (weightValues(w) as Float32Array);
    const data = codes ? new Uint8Array(k2 * k2 * ci * co4).fill(Math.round(zp)) : new Float32Array(k2 * k2 * ci * co4);
    for (let ky = 0; ky < k; ky++) {
      for (let kx = 0; kx < k; kx++) {
        for (let c = 0; c < ci; c++) {
          for (let o = 0; o < co; o++) {
            const v = src[((ky * k + kx) * ci + c) * co + o]!;
            for (let py = 0; py < 2; py++) for (let px = 0; px < 2; px++) data[(((ky + py) * k2 + kx + px) * ci + c) * co4 + o * 4 + py * 2 + px] = v;
          }
        }
      }
    }
    const phases: TfWeight = { name: `${w.name}_phases`, shape: [k2, k2, ci, co4], dtype: 'float32', data, ...(codes ? { quant: w.quant! } : {}) };
    const inputs = [x.name, this.materialise(phases, [3, 2, 0, 1])];
    if (bias) {
      const b = weightValues(bias);
      inputs.push(this.g.f32('phase_bias', Array.from({ length: co4 }, (_, i) => b[i >> 2]!)));
    }
    // Input row 2Y + py + ky − p is tap ky + py of the stride-2 conv with p rows of padding before
    // and (even sizes) p after.
    const conv = this.g.op1('Conv', inputs, { kernel_shape: [k2, k2], strides: [2, 2], pads: [p, p, p, p] });
    return { name: this.g.op1('DepthToSpace', [conv], { blocksize: 2, mode: 'CRD' }), dtype: 'float32', rank: 4, nchw: true };
  }

  private pool(n: TfNode): Val {
    const a = n.attr ?? {};
    const [x] = this.inputs(n);
    const k = attrInts(a.ksize);
    const s = attrInts(a.strides);
    const attrs: Record<string, number[] | string> = { kernel_shape: [k[1]!, k[2]!], strides: [s[1]!, s[2]!] };
    const padding = attrString(a.padding);
    // TF averages over the cells inside the image only: ONNX's default count_include_pad = 0.
    if (padding === 'SAME') attrs.auto_pad = 'SAME_UPPER';
    else if (padding === 'VALID') attrs.pads = [0, 0, 0, 0];
    else throw new Error(`${n.name}: padding ${padding} is not handled`);
    return { ...x!, name: this.g.op1(n.op === 'MaxPool' ? 'MaxPool' : 'AveragePool', [x!.name], attrs) };
  }

  private concat(n: TfNode): Val {
    const vals = this.inputs(n);
    const axisVal = vals.pop()!;
    let axis = this.constInts(axisVal, `${n.name}'s axis`)[0]!;
    const nchw = vals.some((v) => v.nchw);
    const rank = vals[0]!.rank;
    if (axis < 0) axis += rank;
    const names = vals.map((v) => (nchw ? this.nchwOperand(v) : this.plain(v)));
    const length = vals.every((v) => v.length !== undefined) ? vals.reduce((s, v) => s + v.length!, 0) : undefined;
    return { name: this.g.op1('Concat', names, { axis: nchw ? NCHW_AXIS[axis]! : axis }), dtype: vals[0]!.dtype, rank, nchw, ...(length !== undefined ? { length } : {}) };
  }

  private mean(n: TfNode): Val {
    const [x, axesVal] = this.inputs(n);
    const keep = attrBool(n.attr?.keep_dims);
    const axes = this.constInts(axesVal!, `${n.name}'s axes`).map((ax) => (ax < 0 ? ax + x!.rank : ax));
    if (x!.nchw && !keep) throw new Error(`${n.name}: a mean that drops NCHW axes is not handled`);
    const onnxAxes = x!.nchw ? axes.map((ax) => NCHW_AXIS[ax]!) : axes;
    return { ...x!, name: this.g.op1('ReduceMean', [this.plain(x!)], { axes: onnxAxes, keepdims: keep ? 1 : 0 }), rank: keep ? x!.rank : x!.rank - axes.length };
  }

  private argmax(n: TfNode): Val {
    // Softmax is monotonic along its axis, so the argmax of the probabilities is the argmax of the
    // logits: skipping it saves an exp per class and pixel (the labels test checks they agree).
    const src = this.node(baseName(n.input![0]!));
    const skip = src.op === 'Softmax';
    const [x, dimVal] = skip ? [this.value(src.input![0]!), this.value(n.input![1]!)] : this.inputs(n);
    let axis = this.constInts(dimVal!, `${n.name}'s dimension`)[0]!;
    if (axis < 0) axis += x!.rank;
    // Dropping C from NCHW leaves N,H,W: the same order TF's NHWC gives.
    if (x!.nchw && axis !== 3) throw new Error(`${n.name}: argmax over a spatial axis of an NCHW activation is not handled`);
    const name = this.g.op1('ArgMax', [this.plain(x!)], { axis: x!.nchw ? 1 : axis, keepdims: 0 });
    return { name, dtype: 'int64', rank: x!.rank - 1, nchw: false };
  }

  private squeeze(n: TfNode): Val {
    const [x] = this.inputs(n);
    if (x!.nchw) throw new Error(`${n.name}: squeezing an NCHW activation is not handled`);
    const dims = attrInts(n.attr?.squeeze_dims ?? n.attr?.axis);
    if (!dims.length) throw new Error(`${n.name}: a squeeze without axes is not handled`);
    return { ...x!, name: this.g.op1('Squeeze', [this.plain(x!), this.i64(dims)]), rank: x!.rank - dims.length };
  }

  private shape(n: TfNode): Val {
    const [x] = this.inputs(n);
    let name = this.g.op1('Shape', [this.plain(x!)]);
    if (x!.nchw) name = this.g.op1('Gather', [name, this.i64(TO_NHWC)], { axis: 0 });
    return { name, dtype: 'int64', rank: 1, nchw: false, length: x!.rank };
  }

  /** StridedSlice of a vector or tensor in TF's own layout (begin/end masks, shrink axes). */
  private stridedSlice(n: TfNode): Val {
    const a = n.attr ?? {};
    const [x, b, e, s] = this.inputs(n);
    if (x!.nchw) throw new Error(`${n.name}: slicing an NCHW activation is not handled`);
    if (attrInt(a.ellipsis_mask) || attrInt(a.new_axis_mask)) throw new Error(`${n.name}: ellipsis / new-axis masks are not handled`);
    const begin = this.constInts(b!, 'begin');
    const end = this.constInts(e!, 'end');
    const steps = this.constInts(s!, 'strides');
    const beginMask = attrInt(a.begin_mask);
    const endMask = attrInt(a.end_mask);
    const shrink = attrInt(a.shrink_axis_mask);
    const BIG = 2 ** 31 - 1;
    const starts: number[] = [];
    const ends: number[] = [];
    const shrunk: number[] = [];
    begin.forEach((bv, i) => {
      const step = steps[i]!;
      starts.push(beginMask & (1 << i) ? (step > 0 ? 0 : BIG) : bv);
      if (shrink & (1 << i)) {
        ends.push(bv === -1 ? BIG : bv + 1);
        shrunk.push(i);
      } else {
        ends.push(endMask & (1 << i) ? (step > 0 ? BIG : -BIG) : end[i]!);
      }
    });
    const axes = begin.map((_, i) => i);
    let name = this.g.op1('Slice', [this.plain(x!), this.i64(starts), this.i64(ends), this.i64(axes), this.i64(steps)]);
    if (shrunk.length) name = this.g.op1('Squeeze', [name, this.i64(shrunk)]);
    const rank = x!.rank - shrunk.length;
    return { name, dtype: x!.dtype, rank, nchw: false };
  }

  private pack(n: TfNode): Val {
    const vals = this.inputs(n);
    const axis = attrInt(n.attr?.axis);
    const parts = vals.map((v) => this.g.op1('Unsqueeze', [this.plain(v), this.i64([axis])]));
    return { name: this.g.op1('Concat', parts, { axis }), dtype: vals[0]!.dtype, rank: vals[0]!.rank + 1, nchw: false, length: vals.length };
  }

  /** Fill(dims, value) → Expand; a 4-D fill becomes an NCHW activation. */
  private fill(n: TfNode): Val {
    const [dims, value] = this.inputs(n);
    if (dims!.length === undefined) throw new Error(`${n.name}: fill with dims of unknown length`);
    const v = value!.konst ? this.materialise({ ...value!.konst, shape: [] }, undefined, []) : this.plain(value!);
    let shape = this.plain(dims!);
    const nchw = dims!.length === 4;
    if (nchw) shape = this.g.op1('Gather', [shape, this.i64(TO_NCHW)], { axis: 0 });
    return { name: this.g.op1('Expand', [v, shape]), dtype: value!.dtype, rank: dims!.length, nchw };
  }

  /**
   * The whole-number factors (k_h, k_w) when a resize's size is TF's `[H·k_h, W·k_w]` of its own
   * input's shape (Pack(Mul(StridedSlice(Shape(x)), k), …), the generator's ×2 upsampling); else null.
   */
  private ownSizeFactors(n: TfNode): [number, number] | null {
    const [xRef, sizeRef] = n.input!;
    const pack = this.node(baseName(sizeRef!));
    if (pack.op !== 'Pack' || pack.input?.length !== 2 || attrInt(pack.attr?.axis) !== 0) return null;
    const factors = pack.input.map((ref, i) => {
      const mul = this.node(baseName(ref));
      if (mul.op !== 'Mul') return null;
      const [sliceRef, kRef] = mul.input!;
      const slice = this.node(baseName(sliceRef!));
      const k = this.node(baseName(kRef!));
      if (slice.op !== 'StridedSlice' || k.op !== 'Const' || attrInt(slice.attr?.shrink_axis_mask) !== 1) return null;
      if (attrInt(slice.attr?.begin_mask) || attrInt(slice.attr?.end_mask) || attrInt(slice.attr?.ellipsis_mask) || attrInt(slice.attr?.new_axis_mask)) return null;
      const shape = this.node(baseName(slice.input![0]!));
      if (shape.op !== 'Shape' || baseName(shape.input![0]!) !== baseName(xRef!)) return null;
      const begin = Array.from(weightValues(this.model.weights.get(baseName(slice.input![1]!))!));
      const kw = this.model.weights.get(k.name);
      const factor = kw ? Array.from(weightValues(kw)) : [];
      // begin [1] is H (shrunk to a scalar), [2] is W
      return begin.length === 1 && begin[0] === i + 1 && factor.length === 1 && Number.isInteger(factor[0]) && factor[0]! >= 1 ? factor[0]! : null;
    });
    return factors[0] && factors[1] ? [factors[0], factors[1]] : null;
  }

  private resize(n: TfNode): Val {
    const a = n.attr ?? {};
    const factors = this.ownSizeFactors(n);
    const [x, size] = factors ? [this.value(n.input![0]!), null] : this.inputs(n);
    if (!x!.nchw) throw new Error(`${n.name}: resizing a non-image tensor is not handled`);
    // A constant whole-number scale gives the same output size and sampling as the computed size
    // (out = k·in, so ORT's scale out/in is k), and lets ORT run the resize in its blocked NCHWc
    // layout between the convs instead of converting the activation out of it and back.
    const sizing = factors
      ? ['', this.g.f32('scales', [1, 1, ...factors])]
      : ['', '', this.g.op1('Concat', [this.g.op1('Slice', [this.g.op1('Shape', [x!.name]), this.i64([0]), this.i64([2]), this.i64([0])]), this.plain(size!)], { axis: 0 })];
    const bilinear = n.op === 'ResizeBilinear';
    const alignCorners = attrBool(a.align_corners);
    const halfPixel = attrBool(a.half_pixel_centers);
    const attrs: Record<string, string> = {
      mode: bilinear ? 'linear' : 'nearest',
      coordinate_transformation_mode: alignCorners ? 'align_corners' : halfPixel ? (bilinear ? 'half_pixel' : 'tf_half_pixel_for_nn') : 'asymmetric',
    };
    if (!bilinear) attrs.nearest_mode = alignCorners ? 'round_prefer_ceil' : 'floor';
    return { ...x!, name: this.g.op1('Resize', [x!.name, ...sizing], attrs) };
  }
}

/** Converts the part of a tfjs graph model that `spec.outputs` needs; returns the ONNX bytes. */
export function convertTfjsGraph(model: TfGraphModel, spec: ConvertSpec, docString: string): Uint8Array {
  return new TfjsToOnnx(model, spec).build(docString);
}

