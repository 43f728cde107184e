/**
 * The few pieces every hand-assembled WebAssembly module here needs (faces/dlib/leaf-sum.ts,
 * faces/lerp-rows.ts, faces/hog/*-wasm.ts): LEB128 numbers, sections, names, a few instructions,
 * one-function instances on a memory of their own, and Node's WebAssembly global, typed.
 */

/** Unsigned LEB128 (section sizes, indices; an i32.const operand below 64 reads the same in signed LEB128). */
export const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

export const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];

export const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

/** A module of one function of `type` (a 0x60 function type) that imports its memory as m.memory, exported as `exportName`. */
export function oneFunctionModule(type: number[], exportName: string, body: number[]): Uint8Array {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...name('m'), ...name('memory'), 0x02, 0x00, 0x01]), // import memory, min 1 page
    ...section(3, [1, 0]), // one function of type 0
    ...section(7, [1, ...name(exportName), 0x00, 0]),
    ...section(10, [1, ...leb(body.length), ...body]),
  ]);
}

/** Node's WebAssembly global, typed here: its declarations are in lib.dom, which the services' tsconfig leaves out. */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
}
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** A 128-bit SIMD instruction: the 0xfd prefix and its opcode (LEB128). */
export const simd = (op: number): number[] => [0xfd, ...leb(op)];
export const localGet = (i: number): number[] => [0x20, i];
export const localSet = (i: number): number[] => [0x21, i];
export const localTee = (i: number): number[] => [0x22, i];

/** i32.const with its operand in signed LEB128. */
export function i32Const(v: number): number[] {
  const out = [0x41];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && !(b & 0x40)) || (v === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

const PAGE = 65536;

/** A oneFunctionModule instantiated on a memory of its own (one page to start), and that memory. */
export function oneFunctionInstance<F>(module: object, exportName: string): { run: F; memory: { buffer: ArrayBuffer; grow(pages: number): number } } {
  const memory = new wasm.Memory({ initial: 1 });
  return { run: new wasm.Instance(module, { m: { memory } }).exports[exportName] as F, memory };
}

/** Grows `memory` to at least `bytes` (views made before a grow are stale). */
export function reserveBytes(memory: { buffer: ArrayBuffer; grow(pages: number): number }, bytes: number): void {
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
}
