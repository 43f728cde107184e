/**
 * Sheet titles and captions come from the user (a title, an input file name): characters XML
 * forbids are dropped instead of failing the sheet with an internal XML error.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import sharp from 'sharp';
import { decodeImage, fitWithin } from '../../electron/services/images/decode.js';
import { printable } from '../../common/text.js';
import { composeSheet, xmlText } from '../../electron/services/sheets/compose.js';
import { readTextChunks } from '../../electron/services/sheets/png-text.js';

const HOSTILE = 'Bad\u0000\u0001\u0008\u000b\u001b[31m title\uFFFE\uFFFF\uD800 é 😀\u0085 <&>';

test('printable drops what XML 1.0 forbids and keeps the rest', () => {
  assert.equal(printable(HOSTILE), 'Bad[31m title é 😀 <&>');
  assert.equal(printable('a\tb\nc\r'), 'a b c ');
  assert.equal(xmlText('<a & "b">'), '&#60;a &#38; &#34;b&#34;&#62;');
});

test('a sheet whose title and caption hold control characters and U+FFFE renders', async () => {
  const photo = await decodeImage(new Uint8Array(readFileSync('node_modules/@vladmandic/face-api/demo/sample2.jpg')));
  const image = await fitWithin(photo, 64);
  const square = { width: 64, height: 64, data: (await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } }).resize(64, 64, { fit: 'cover' }).raw().toBuffer()) as Uint8Array };
  const png = await composeSheet({
    title: `${HOSTILE}.jpg — variations`,
    rows: 1,
    cols: 1,
    cells: [{ image: square, seed: 1, style: 'ink', styleLabel: 'Ink\u0007', preset: `preset\uFFFE\u0000` }],
  });
  const meta = await sharp(png).metadata();
  assert.equal(meta.format, 'png');
  // Non-ASCII text travels as iTXt (UTF-8), so only what XML forbids is gone.
  assert.equal(readTextChunks(png).Title, `${printable(HOSTILE)}.jpg — variations`);
});
