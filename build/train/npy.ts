/**
 * Reads a little-endian float32 .npy array (format 1.0/2.0, C order): the AutoToon warp fields.
 * Only what the training data needs; anything else is refused rather than misread.
 */
export interface NpyArray {
  shape: number[];
  data: Float32Array;
}

export function readNpyF32(bytes: Uint8Array): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY') throw new Error('not a .npy file');
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  if (!/'descr':\s*'<f4'/.test(header)) throw new Error(`only little-endian float32 .npy is supported: ${header}`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error('Fortran-ordered .npy is not supported');
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  const off = start + headerLen;
  // Copy (Uint8Array's slice: a Node Buffer's slice is a view into a shared pool): the payload
  // offset need not be 4-byte aligned inside the file buffer.
  const data = new Float32Array(Uint8Array.prototype.slice.call(bytes, off, off + 4 * n).buffer);
  if (data.length !== n) throw new Error('truncated .npy payload');
  return { shape, data };
}
