/**
 * PNG text chunks: tEXt (PNG spec §11.3.4.3: keyword, NUL, Latin-1 text) for plain ASCII, and
 * iTXt (§11.3.4.5: keyword, NUL, compression flag and method, language tag NUL, translated
 * keyword NUL, UTF-8 text) for anything else — a title with "—" or "×" written as tEXt would turn
 * into "?". They go right after IHDR; every chunk is length · type · data · CRC-32 over type + data.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bytes of an ASCII string (keywords, chunk types, ASCII-only text). */
function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

/** A tEXt chunk when `text` is ASCII, else an uncompressed iTXt chunk with the text in UTF-8. */
export function textChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword) || keyword !== keyword.trim()) throw new RangeError(`invalid PNG keyword: ${keyword}`);
  const plain = isAscii(text);
  const data = plain ? new Uint8Array([...ascii(keyword), 0, ...ascii(text)]) : new Uint8Array([...ascii(keyword), 0, 0, 0, 0, 0, ...new TextEncoder().encode(text)]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(plain ? 'tEXt' : 'iTXt'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Inserts text chunks after IHDR (the first chunk, 8 + 25 bytes in). */
export function addTextChunks(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const ihdrEnd = 8 + 12 + 13;
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  const size = png.length + chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd));
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** All tEXt and uncompressed iTXt chunks of a PNG, keyword → text (for tests and for reopening a sheet). */
export function readTextChunks(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 12 <= png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      out[String.fromCharCode(...data.subarray(0, nul))] = String.fromCharCode(...data.subarray(nul + 1));
    } else if (type === 'iTXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      const compressed = data[nul + 1] !== 0;
      const langEnd = data.indexOf(0, nul + 3);
      const translatedEnd = data.indexOf(0, langEnd + 1);
      if (!compressed) out[String.fromCharCode(...data.subarray(0, nul))] = new TextDecoder().decode(data.subarray(translatedEnd + 1));
    }
    at += 12 + len;
  }
  return out;
}
