/**
 * The photo store's bounds: per connection by pixels and count, host-wide by pixels, and every
 * photo closed for memory is reported to its own owner only.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PhotoStore } from '../../electron/services/images/photos.js';

const bytes = new Uint8Array(readFileSync('node_modules/@vladmandic/face-api/demo/sample1.jpg'));

test('past the host-wide bound the least recently used photo goes, and only its owner hears of it', async () => {
  const probe = await new PhotoStore().scope().open(bytes, 'probe');
  const px = probe.image.width * probe.image.height;
  const store = new PhotoStore({ pixelsPerScope: 2 * px, pixelsTotal: 3 * px, photosPerScope: 8 });
  const heard = { a: [] as string[], b: [] as string[] };
  const a = store.scope((p) => heard.a.push(p.name));
  const b = store.scope((p) => heard.b.push(p.name));
  const a1 = await a.open(bytes, 'a1');
  await a.open(bytes, 'a2');
  const b1 = await b.open(bytes, 'b1');
  a.get(a1.id); // a1 is now used more recently than a2
  await b.open(bytes, 'b2');
  assert.deepEqual(heard, { a: ['a2'], b: [] });
  assert.equal(store.pixels(), 3 * px);
  assert.throws(() => b.get(a1.id), /no longer open/, "b reached a's photo");
  assert.equal(a.get(a1.id).name, 'a1');
  await b.open(bytes, 'b3');
  assert.deepEqual(heard, { a: ['a2'], b: ['b1'] }, 'the per-connection bound evicts within the connection first');
  assert.throws(() => b.get(b1.id), /no longer open/);
  b.closeAll();
  assert.equal(store.pixels(), px);
});

test('a connection holds at most photosPerScope photos, however small', async () => {
  const store = new PhotoStore({ pixelsPerScope: 1e9, pixelsTotal: 1e9, photosPerScope: 2 });
  const closed: string[] = [];
  const s = store.scope((p) => closed.push(p.name));
  for (const n of ['x', 'y', 'z']) await s.open(bytes, n);
  assert.deepEqual(closed, ['x']);
});
