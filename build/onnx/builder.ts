/**
 * A small ONNX graph writer over onnx-proto (protobufjs), used by every recipe in build/.
 *
 * Recipes describe graphs node by node; the writer keeps names unique, stores initializers as raw
 * little-endian bytes and serialises deterministically (no timestamps, stable ordering), so that a
 * rebuild gives the same bytes.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type DType = 'float32' | 'uint8' | 'int64' | 'int32' | 'bool';
type Dim = number | string;

const DATA_TYPE: Record<DType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  uint8: onnx.TensorProto.DataType.UINT8,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  bool: onnx.TensorProto.DataType.BOOL,
};

export type AttrValue = number | string | number[] | Float32Array | { float: number } | { floats: number[] };

export interface TensorInit {
  dtype: DType;
  dims: number[];
  data: Float32Array | Uint8Array | BigInt64Array | Int32Array;
}

function attribute(name: string, v: AttrValue): onnxProto.onnx.IAttributeProto {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof v === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(v) };
  if (typeof v === 'number') {
    return Number.isInteger(v) ? { name, type: A.INT, i: v } : { name, type: A.FLOAT, f: v };
  }
  if (v instanceof Float32Array) return { name, type: A.FLOATS, floats: Array.from(v) };
  if (Array.isArray(v)) return { name, type: A.INTS, ints: v };
  if ('float' in v) return { name, type: A.FLOAT, f: v.float };
  return { name, type: A.FLOATS, floats: v.floats };
}

function valueInfo(name: string, dtype: DType, shape: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[dtype],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly inits: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly used = new Set<string>();
  private counter = 0;

  constructor(readonly name: string, readonly opset = 17) {}

  /** A fresh, unique value name with a readable prefix. */
  fresh(prefix: string): string {
    let n = `${prefix}_${this.counter++}`;
    while (this.used.has(n)) n = `${prefix}_${this.counter++}`;
    this.used.add(n);
    return n;
  }

  input(name: string, dtype: DType, shape: Dim[]): string {
    this.used.add(name);
    this.inputs.push(valueInfo(name, dtype, shape));
    return name;
  }

  output(name: string, dtype: DType, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, dtype, shape));
  }

  /** Adds a constant tensor and returns its name. */
  init(prefix: string, t: TensorInit): string {
    const name = this.fresh(prefix);
    const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    this.inits.push({ name, dataType: DATA_TYPE[t.dtype], dims: t.dims, rawData: bytes.slice() });
    return name;
  }

  f32(prefix: string, data: ArrayLike<number>, dims: number[] = [data.length]): string {
    return this.init(prefix, { dtype: 'float32', dims, data: Float32Array.from(data) });
  }

  i64(prefix: string, data: ArrayLike<number>, dims: number[] = [data.length]): string {
    return this.init(prefix, { dtype: 'int64', dims, data: BigInt64Array.from(Array.from(data, (x) => BigInt(x))) });
  }

  /** Adds a node; returns its output names (one fresh name per requested output). */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, nOut = 1, outNames?: string[]): string[] {
    const outs = outNames ?? Array.from({ length: nOut }, () => this.fresh(opType.toLowerCase()));
    for (const o of outs) this.used.add(o);
    this.nodes.push({
      opType,
      name: this.fresh(`n_${opType}`),
      input: inputs,
      output: outs,
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outs;
  }

  /** Single-output convenience form of op(). */
  op1(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outName?: string): string {
    return this.op(opType, inputs, attrs, 1, outName ? [outName] : undefined)[0]!;
  }

  toBytes(docString = ''): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'caricature-studio-recipes',
      producerVersion: '1',
      docString,
      opsetImport: [{ domain: '', version: this.opset }],
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.inits,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
