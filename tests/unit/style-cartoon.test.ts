/** The cartoon style's pre/post-processing: processing size and the strength / colour / mask blend. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blendStyled, cartoonSize, CARTOON_MAX_SIDE } from '../../electron/services/style/cartoon.js';

test('cartoonSize: within 720 px, both sides multiples of 8, aspect kept to the nearest 8, never enlarged', () => {
  assert.deepEqual(cartoonSize(1920, 1280), { width: 720, height: 480 });
  assert.deepEqual(cartoonSize(256, 256), { width: 256, height: 256 });
  assert.deepEqual(cartoonSize(301, 17), { width: 304, height: 16 });
  assert.deepEqual(cartoonSize(3, 2), { width: 8, height: 8 });
  for (const [w, h] of [[4000, 3000], [999, 5000], [640, 641]] as const) {
    const s = cartoonSize(w, h);
    assert.ok(Math.max(s.width, s.height) <= CARTOON_MAX_SIDE + 4 && s.width % 8 === 0 && s.height % 8 === 0, `${w}×${h} → ${s.width}×${s.height}`);
  }
});

test('blendStyled: strength and mask mix linearly; preserveColor keeps the photo chroma and takes the styled luminance', () => {
  const photo = { width: 2, height: 1, data: Uint8Array.from([200, 100, 50, 10, 20, 30]) };
  const styled = { width: 2, height: 1, data: Uint8Array.from([100, 100, 100, 250, 250, 250]) };
  assert.deepEqual([...blendStyled(photo, styled, 1, false).data], [...styled.data]);
  assert.deepEqual([...blendStyled(photo, styled, 0, false).data], [...photo.data]);
  assert.deepEqual([...blendStyled(photo, styled, 0.5, false).data], [150, 100, 75, 130, 135, 140]);
  assert.deepEqual([...blendStyled(photo, styled, 1, false, Float32Array.of(1, 0)).data], [100, 100, 100, 10, 20, 30]);
  const kept = blendStyled(photo, styled, 1, true).data;
  // photo pixel 0 has Y = 0.299·200 + 0.587·100 + 0.114·50 = 124.2; styled Y = 100 → every channel − 24.2
  assert.deepEqual([...kept.subarray(0, 3)], [176, 76, 26]);
  assert.equal(kept[3]! - kept[4]!, photo.data[3]! - photo.data[4]!);
});
