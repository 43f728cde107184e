/**
 * The web host's wire format: one binary WebSocket frame per message, a JSON header followed by
 * the raw bytes of every Uint8Array in the message (images travel unencoded, not as base64).
 *   frame = u32 headerLength | header JSON | (u32 length | bytes)*
 * In the header each Uint8Array is replaced by {"$bin": index}. Decoding is defensive: the peer
 * may be hostile, so lengths are checked and a malformed frame throws a WireError.
 */
export class WireError extends Error {}

const BIN = '$bin';

export function encodeFrame(message: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  const header = JSON.stringify(message, (_k, v: unknown) => {
    if (v instanceof Uint8Array) {
      blobs.push(v);
      return { [BIN]: blobs.length - 1 };
    }
    return v;
  });
  const head = new TextEncoder().encode(header);
  let total = 4 + head.byteLength;
  for (const b of blobs) total += 4 + b.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, head.byteLength, true);
  out.set(head, 4);
  let at = 4 + head.byteLength;
  for (const b of blobs) {
    view.setUint32(at, b.byteLength, true);
    out.set(b, at + 4);
    at += 4 + b.byteLength;
  }
  return out;
}

export function decodeFrame(frame: Uint8Array, maxBlobs = 64): unknown {
  if (frame.byteLength < 4) throw new WireError('Frame too short.');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const headLen = view.getUint32(0, true);
  if (headLen > frame.byteLength - 4) throw new WireError('Frame header length out of range.');
  const blobs: Uint8Array[] = [];
  let at = 4 + headLen;
  while (at < frame.byteLength) {
    if (blobs.length >= maxBlobs) throw new WireError('Too many binary parts.');
    if (at + 4 > frame.byteLength) throw new WireError('Truncated binary part.');
    const len = view.getUint32(at, true);
    if (at + 4 + len > frame.byteLength) throw new WireError('Binary part length out of range.');
    blobs.push(frame.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(frame.subarray(4, 4 + headLen));
  } catch {
    throw new WireError('Frame header is not UTF-8.');
  }
  try {
    return JSON.parse(text, (_k, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && BIN in v) {
        const i = (v as Record<string, unknown>)[BIN];
        if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= blobs.length) throw new WireError('Bad binary reference.');
        return blobs[i];
      }
      return v;
    });
  } catch (e) {
    if (e instanceof WireError) throw e;
    throw new WireError('Frame header is not JSON.');
  }
}

/** Client → host. */
export interface WireRequest {
  id: number;
  channel: string;
  payload: unknown;
  jobId?: string;
}
