/**
 * Bad and odd inputs through decode → faces (service and CLI): each either works (odd but valid
 * images) or fails with one clear ServiceError sentence. Fixtures are generated with sharp.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { decodeImage, type RgbImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { ServiceError, describeError } from '../../common/errors.js';
import { detectCommand } from '../../electron/hosts/cli/commands/detect.js';
import { createServices } from '../../electron/hosts/services.js';

const sample = (n: number) => readFileSync(fileURLToPath(new URL(`../../node_modules/@vladmandic/face-api/demo/sample${n}.jpg`, import.meta.url)));
const inference = new InferenceService();
const faces = new FaceService(inference);
let upright: RgbImage;
let uprightLandmarks: Array<[number, number]>;
let uprightWarnings: string[];
let tmp: string;

/** A rejection that is a ServiceError of the code, with one sentence and no stack-trace noise. */
async function rejectsClearly(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ServiceError, `ServiceError expected, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n') && /[.!]$/.test(e.message), `one sentence: ${e.message}`);
    return true;
  });
}

const toBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

before(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'faces-bad-'));
  // a 1024×683 version of sample1: faces large enough, decoding cheap
  upright = await decodeImage(toBytes(await sharp(sample(1)).resize(1024).png().toBuffer()));
  ({ landmarks: uprightLandmarks, warnings: uprightWarnings } = (await faces.detect(upright)).faces[0]!);
});

after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await inference.dispose();
});

test('zero-byte file', async () => {
  await rejectsClearly(decodeImage(new Uint8Array(0), '"empty.jpg"'), 'bad-input', /"empty\.jpg" is empty/);
});

test('truncated JPEG', async () => {
  const b = sample(1);
  await rejectsClearly(decodeImage(toBytes(b.subarray(0, b.length >> 1))), 'bad-input', /damaged or truncated/);
});

test('text file renamed .jpg', async () => {
  await rejectsClearly(decodeImage(new TextEncoder().encode('hello, this is not a photo\n'), '"notes.jpg"'), 'bad-input', /not an image/);
});

test('PNG whose header claims 30000×30000 is refused before decoding', async () => {
  const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer());
  png.writeUInt32BE(30000, 16);
  png.writeUInt32BE(30000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29); // valid IHDR CRC: only the size lies
  await rejectsClearly(decodeImage(toBytes(png)), 'bad-input', /too large \(30000×30000\)/);
});

test('16-bit PNG, CMYK JPEG, greyscale and PNG with alpha decode to 8-bit RGB and give the same face', async () => {
  const base = sharp(sample(1)).resize(1024);
  const variants: Array<[string, Buffer, number]> = [
    ['16-bit PNG', await base.clone().toColourspace('rgb16').png().toBuffer(), 0.5],
    // CMYK goes through an ICC round trip and JPEG: colours move a little, and so do the points
    ['CMYK JPEG', await base.clone().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer(), 6],
    // colour cues gone; dlib's trees (the default 'precise' points) compare grey pixel pairs against
    // hard thresholds, so a changed grey flips some splits: worst point 6.1 px (face-api's: < 6)
    ['greyscale', await base.clone().greyscale().png().toBuffer(), 7],
    ['PNG with alpha', await base.clone().ensureAlpha(1).png().toBuffer(), 0.5],
  ];
  const meta = await sharp(variants[0]![1]).metadata();
  assert.equal(meta.depth, 'ushort');
  assert.equal((await sharp(variants[1]![1]).metadata()).space, 'cmyk');
  for (const [label, bytes, tol] of variants) {
    const img = await decodeImage(toBytes(bytes));
    assert.deepEqual([img.width, img.height, img.data.length], [upright.width, upright.height, upright.width * upright.height * 3], label);
    const lm = (await faces.detect(img)).faces[0]!.landmarks;
    const worst = Math.max(...lm.map((p, k) => Math.hypot(p[0] - uprightLandmarks[k]![0], p[1] - uprightLandmarks[k]![1])));
    assert.ok(worst < tol, `${label}: landmarks within ${tol} px of the plain decode (worst ${worst.toFixed(2)})`);
  }
});

test('EXIF-rotated photo: landmarks land on the upright face', async () => {
  // pixels stored rotated 90° anticlockwise, EXIF orientation 6 says "turn clockwise to view"
  const stored = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: 3 } })
    .rotate(270)
    .png()
    .toBuffer();
  const exif = await sharp(stored).withMetadata({ orientation: 6 }).jpeg({ quality: 98 }).toBuffer();
  assert.equal((await sharp(exif).metadata()).orientation, 6);
  const img = await decodeImage(toBytes(exif));
  assert.deepEqual([img.width, img.height], [upright.width, upright.height]);
  const d = await faces.detect(img);
  const lm = d.faces[0]!.landmarks;
  const worst = Math.max(...lm.map((p, k) => Math.hypot(p[0] - uprightLandmarks[k]![0], p[1] - uprightLandmarks[k]![1])));
  // the JPEG round trip moves pixels a little, which flips a few of dlib's tree splits: 3.3 px worst (face-api's: < 3)
  assert.ok(worst < 4, `worst landmark ${worst.toFixed(2)} px from the upright photo's`);
  assert.deepEqual(d.faces[0]!.warnings, uprightWarnings, 'same roll as the upright photo, not 90° off');
});

test('no face: a flat grey image and a sky-and-grass landscape', async () => {
  const grey = await decodeImage(toBytes(await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } }).png().toBuffer()));
  await rejectsClearly(faces.detect(grey), 'no-face', /No face was found/);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="500"><defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3a7bd5"/><stop offset="1" stop-color="#bfe3ff"/></linearGradient></defs><rect width="800" height="300" fill="url(#s)"/><rect y="300" width="800" height="200" fill="#3c8d2f"/><circle cx="650" cy="80" r="40" fill="#fff6a0"/></svg>`;
  const landscape = await decodeImage(toBytes(await sharp(Buffer.from(svg)).jpeg().toBuffer()));
  await rejectsClearly(faces.detect(landscape), 'no-face', /No face was found/);
});

test('12+ faces: a grid of demo faces is fully detected, largest first', async () => {
  const tiles: Buffer[] = [];
  for (const n of [1, 2, 3, 4, 5, 6]) {
    const img = await decodeImage(toBytes(sample(n)));
    for (const f of (await faces.detect(img)).faces) {
      const [x, y, w, h] = f.box;
      const side = Math.round(Math.max(w, h) * 1.6);
      const left = Math.max(0, Math.round(x + w / 2 - side / 2));
      const top = Math.max(0, Math.round(y + h / 2 - side / 2));
      const size = Math.min(side, img.width - left, img.height - top);
      tiles.push(await sharp(sample(n)).extract({ left, top, width: size, height: size }).resize(200, 200).png().toBuffer());
      if (tiles.length === 16) break;
    }
    if (tiles.length === 16) break;
  }
  const grid = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#000' } })
    .composite(tiles.map((input, i) => ({ input, left: (i % 4) * 200, top: Math.floor(i / 4) * 200 })))
    .png()
    .toBuffer();
  const d = await faces.detect(await decodeImage(toBytes(grid)));
  assert.ok(d.faces.length >= 12, `found ${d.faces.length} faces`);
  const areas = d.faces.map((f) => f.box[2] * f.box[3]);
  assert.deepEqual(areas, [...areas].sort((a, b) => b - a));
  for (const f of d.faces) assert.equal(f.landmarks.length, 68);
});

test('tiny face gets a warning', async () => {
  const small = await decodeImage(toBytes(await sharp(sample(1)).resize(400).png().toBuffer()));
  const d = await faces.detect(small);
  assert.ok(d.faces.length > 0);
  assert.ok(d.faces.every((f) => f.warnings.some((w) => /small/.test(w))));
});

test('CLI detect: bad files give one sentence, a good one gives DESIGN §7 JSON', async () => {
  const services = createServices();
  const run = async (args: string[]) => {
    const out: string[] = [];
    await detectCommand.run(args, { services, stdout: (t) => out.push(t), stderr: () => undefined });
    return out.join('\n');
  };
  try {
    writeFileSync(path.join(tmp, 'empty.jpg'), new Uint8Array(0));
    writeFileSync(path.join(tmp, 'notes.jpg'), 'not a photo');
    const cases: Array<[string, RegExp]> = [
      ['empty.jpg', /"empty\.jpg" is empty/],
      ['notes.jpg', /"notes\.jpg" is not an image/],
      ['missing.jpg', /Cannot open "missing\.jpg": no such file/],
    ];
    for (const [file, pattern] of cases) {
      await assert.rejects(run([path.join(tmp, file), '--json']), (e: unknown) => {
        const { code, message } = describeError(e);
        assert.equal(code, 'bad-input');
        assert.match(message, pattern);
        return true;
      });
    }
    const file = path.join(tmp, 'face.png');
    writeFileSync(file, await sharp(sample(1)).resize(1024).png().toBuffer());
    const json = JSON.parse(await run([file, '--json'])) as Record<string, unknown> & { faces: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(json), ['image', 'provider', 'faces']);
    assert.deepEqual(json.image, { width: upright.width, height: upright.height });
    assert.equal(json.provider, 'cpu');
    assert.deepEqual(Object.keys(json.faces[0]!), ['box', 'score', 'landmarks']);
    assert.equal((json.faces[0]!.landmarks as unknown[]).length, 68);
    assert.deepEqual(json.faces[0]!.landmarks, uprightLandmarks);
  } finally {
    await services.inference.dispose();
  }
});
