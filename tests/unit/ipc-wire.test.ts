import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, encodeFrame, WireError } from '../../common/ipc/wire.js';

test('frames round-trip nested binary parts byte for byte', () => {
  const a = Uint8Array.from([0, 1, 2, 255]);
  const b = new Uint8Array(70_000).map((_, i) => i % 251);
  const msg = { id: 7, channel: 'photos:open', payload: { name: 'é.jpg', bytes: a, more: [b, { deep: a }] } };
  const back = decodeFrame(encodeFrame(msg)) as typeof msg;
  assert.equal(back.payload.name, 'é.jpg');
  assert.deepEqual(back.payload.bytes, a);
  assert.deepEqual(back.payload.more[0], b);
  assert.deepEqual((back.payload.more[1] as { deep: Uint8Array }).deep, a);
});

test('hostile frames throw WireError, never something else', () => {
  const good = encodeFrame({ id: 1, payload: { b: Uint8Array.from([1, 2, 3]) } });
  const cases: Array<[string, Uint8Array]> = [
    ['empty', new Uint8Array(0)],
    ['header longer than frame', Uint8Array.from([255, 255, 0, 0, 123])],
    ['truncated binary part', good.subarray(0, good.byteLength - 1)],
    ['not JSON', (() => { const f = new Uint8Array(7); new DataView(f.buffer).setUint32(0, 3, true); f.set([120, 121, 122], 4); return f; })()],
    ['dangling binary reference', encodeFrame({ x: { $bin: 0 } }).subarray(0)],
  ];
  // A {"$bin":0} written by the peer with no binary part behind it.
  for (const [name, frame] of cases) {
    assert.throws(() => decodeFrame(frame), WireError, name);
  }
});

test('a reference to a missing binary part is rejected', () => {
  const head = new TextEncoder().encode('{"a":{"$bin":3}}');
  const f = new Uint8Array(4 + head.length);
  new DataView(f.buffer).setUint32(0, head.length, true);
  f.set(head, 4);
  assert.throws(() => decodeFrame(f), /Bad binary reference/);
});
