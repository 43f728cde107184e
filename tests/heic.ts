/**
 * A HEIC file for tests, made here because sharp's prebuilt libvips can write AVIF but not HEVC:
 * an AVIF whose brand, item type and codec configuration box are rewritten to HEVC's (`heic`,
 * `hvc1`, an empty `hvcC`). Its headers read as HEIF/HEVC, as an iPhone photo's do, and, like one,
 * it can't be decoded by this build.
 */
import sharp from 'sharp';

function u32(b: Buffer, at: number): number {
  return b.readUInt32BE(at);
}

/** Replaces the first `av1C` box under meta/iprp/ipco with an `hvcC` box, fixing the parents' sizes. */
function swapCodecBox(file: Buffer): Buffer {
  const hvcC = Buffer.alloc(8 + 23);
  hvcC.writeUInt32BE(hvcC.length, 0);
  hvcC.write('hvcC', 4, 'latin1');
  // configurationVersion 1, profile Main, 4:2:0, 8-bit, length size 4, no parameter-set arrays.
  Buffer.from([1, 1, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x5a, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 0]).copy(hvcC, 8);
  const parents: number[] = [];
  const find = (start: number, end: number, path: string[]): number => {
    for (let at = start; at < end; at += u32(file, at)) {
      const type = file.toString('latin1', at + 4, at + 8);
      if (type === path[0]) {
        if (path.length === 1) return at;
        parents.push(at);
        return find(at + 8 + (type === 'meta' ? 4 : 0), at + u32(file, at), path.slice(1));
      }
    }
    throw new Error(`no ${path[0]} box`);
  };
  const at = find(0, file.length, ['meta', 'iprp', 'ipco', 'av1C']);
  const grow = hvcC.length - u32(file, at);
  const out = Buffer.concat([file.subarray(0, at), hvcC, file.subarray(at + u32(file, at))]);
  for (const p of parents) out.writeUInt32BE(u32(out, p) + grow, p);
  return out;
}

export async function heicBytes(jpegPath: string): Promise<Uint8Array> {
  const avif = Buffer.from(await sharp(jpegPath).resize(64).avif().toBuffer());
  const b = swapCodecBox(avif);
  for (const [from, to] of [['avif', 'heic'], ['av01', 'hvc1'], ['avis', 'heix']] as const) {
    for (let i = b.indexOf(from); i >= 0; i = b.indexOf(from, i + 4)) b.write(to, i, 'latin1');
  }
  return new Uint8Array(b);
}
