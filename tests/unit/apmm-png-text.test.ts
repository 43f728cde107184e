import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { addTextChunks, crc32, readTextChunks, textChunk } from '../../electron/services/sheets/png-text.js';
import { cellOrigin, sheetSize } from '../../electron/services/sheets/compose.js';

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array(0)), 0);
});

test('tEXt chunk layout: length, type, keyword NUL text, CRC over type+data', () => {
  const c = textChunk('Title', 'ab');
  assert.deepEqual(Array.from(c.subarray(0, 4)), [0, 0, 0, 8]);
  assert.equal(String.fromCharCode(...c.subarray(4, 8)), 'tEXt');
  assert.equal(String.fromCharCode(...c.subarray(8, 16)), 'Title\0ab');
  assert.equal(new DataView(c.buffer).getUint32(16), crc32(c.subarray(4, 16)));
  assert.throws(() => textChunk('', 'x'));
  assert.throws(() => textChunk('x'.repeat(80), 'x'));
  assert.throws(() => textChunk(' lead', 'x'));
});

test('chunks added to a real PNG are read back by us and by sharp, pixels intact', async () => {
  const png = new Uint8Array(await sharp({ create: { width: 3, height: 2, channels: 3, background: '#336699' } }).png().toBuffer());
  const out = addTextChunks(png, { Title: 'Sheet · 2×2', Cells: '[{"seed":1}]' });
  assert.deepEqual(readTextChunks(out), { Title: 'Sheet · 2×2', Cells: '[{"seed":1}]' });
  const meta = await sharp(out).metadata();
  assert.equal(meta.width, 3);
  assert.deepEqual(meta.comments?.map((c) => c.keyword).sort(), ['Cells', 'Title']);
  const a = await sharp(png).raw().toBuffer();
  const b = await sharp(out).raw().toBuffer();
  assert.ok(a.equals(b));
  assert.throws(() => addTextChunks(new Uint8Array(40), { a: 'b' }), /not a PNG/);
});

test('sheet layout: cells tile without overlap', () => {
  const { width, height } = sheetSize(2, 3, 100);
  const boxes = Array.from({ length: 6 }, (_, k) => cellOrigin(k, 3, 100));
  for (const b of boxes) assert.ok(b.left >= 0 && b.top >= 0 && b.left + 100 <= width && b.top + 100 <= height);
  for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) {
    const [a, b] = [boxes[i]!, boxes[j]!];
    assert.ok(a.left + 100 <= b.left || b.left + 100 <= a.left || a.top + 100 <= b.top || b.top + 100 <= a.top);
  }
});

test('text beyond ASCII goes in iTXt as UTF-8 (tEXt would turn "—" into "?"); ASCII stays tEXt', async () => {
  const title = 'Caricature Studio — sample3.jpg · 3×3 “seed 7”';
  const c = textChunk('Title', title);
  assert.equal(String.fromCharCode(...c.subarray(4, 8)), 'iTXt');
  assert.equal(String.fromCharCode(...textChunk('Seed', '7').subarray(4, 8)), 'tEXt');
  const png = new Uint8Array(await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } }).png().toBuffer());
  const out = addTextChunks(png, { Title: title, Seed: '7' });
  assert.deepEqual(readTextChunks(out), { Title: title, Seed: '7' });
  // Another reader agrees: sharp (libspng) reads the iTXt title back intact.
  const meta = await sharp(out).metadata();
  assert.equal(meta.comments?.find((x) => x.keyword === 'Title')?.text, title);
});
