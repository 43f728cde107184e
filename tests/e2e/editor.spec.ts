import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import path from 'node:path';
import { DEMO, ROOT, canvasPatch, dropFiles, expect, faceBox, handlePosition, meanAbsDiff, test } from './fixtures';

test('faces and 68 handles appear; dragging a handle warps near it, not in a far corner; undo restores', async ({ studio }) => {
  // A portrait cut from a demo group photo (face box 1075,215,220,299), so the face fills the view.
  const portrait = await sharp(readFileSync(DEMO(3))).extract({ left: 885, top: 115, width: 600, height: 560 }).jpeg({ quality: 95 }).toBuffer();
  await dropFiles(studio, [{ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await expect(studio.getByRole('option', { name: '1' })).toBeVisible();
  await expect(studio.getByTestId('streams').locator('img')).toHaveCount(3);
  // Handles off for the pixel comparison so only the photo is measured.
  const mouth = await handlePosition(studio, 54);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/faces.png') });
  await studio.getByLabel('Show landmarks').uncheck();
  const corner = await studio.getByTestId('canvas-host').evaluate((el) => { const r = el.getBoundingClientRect(); const x = r.left + Number(el.dataset.viewX); const y = r.top + Number(el.dataset.viewY); return { x: x + 12, y: y + 12 }; });
  const near = { x: mouth.x + 20, y: mouth.y + 6 };
  const beforeNear = await canvasPatch(studio, near.x, near.y, 10);
  const beforeFar = await canvasPatch(studio, corner.x, corner.y);
  await studio.getByLabel('Show landmarks').check();
  await studio.mouse.move(mouth.x, mouth.y);
  await studio.mouse.down();
  await studio.mouse.move(mouth.x + 20, mouth.y + 6, { steps: 4 });
  await studio.mouse.move(mouth.x + 40, mouth.y + 12, { steps: 4 });
  await studio.mouse.up();
  await studio.getByLabel('Show landmarks').uncheck();
  await expect.poll(async () => meanAbsDiff(beforeNear, await canvasPatch(studio, near.x, near.y, 10))).toBeGreaterThan(4);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/warped.png') });
  const afterNear = await canvasPatch(studio, near.x, near.y, 10);
  const afterFar = await canvasPatch(studio, corner.x, corner.y);
  expect(meanAbsDiff(beforeNear, afterNear)).toBeGreaterThan(4);
  expect(meanAbsDiff(beforeFar, afterFar)).toBeLessThan(2);
  await studio.keyboard.press('Control+z');
  await expect.poll(async () => meanAbsDiff(beforeNear, await canvasPatch(studio, near.x, near.y, 10))).toBeLessThan(2);
});

test('a photo with no face gets one clear message and the app keeps working', async ({ studio }) => {
  const grey = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a8a8a' } }).png().toBuffer();
  await dropFiles(studio, [{ name: 'wall.png', mimeType: 'image/png', buffer: grey }]);
  await expect(studio.getByTestId('notices')).toContainText('No face');
  // The artist can retry with another detector from the message itself.
  await expect(studio.getByTestId('faces-message')).toContainText('No face was found');
  await expect(studio.getByRole('button', { name: 'Find faces again' })).toBeVisible();
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/no-face.png') });
  await dropFiles(studio, [{ name: 'sample3.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(3)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
});

test('the detector choice is saved and finds the open photo\'s faces again with the chosen net', async ({ studio }) => {
  // sample5's five faces are clear and apart: the default cascade keeps Tiny YOLO's boxes.
  await dropFiles(studio, [{ name: 'sample5.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(5)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await expect(studio.getByTestId('detector-used')).toHaveText('found by Tiny YOLO');
  const tinyBox = await faceBox(studio);
  await studio.getByLabel('Face detector').selectOption('ssd');
  await studio.getByRole('button', { name: 'Find faces again' }).click();
  await expect(studio.getByTestId('detector-used')).toHaveText('found by SSD MobileNet');
  await expect(studio.getByRole('option', { name: '1' })).toBeVisible();
  // The face's box is the new net's (its landmarks need not move: the precise points start from
  // the box dlib's own detector finds around either net's box).
  await expect.poll(async () => {
    const b = await faceBox(studio);
    return Math.max(...b.map((v, k) => Math.abs(v - tinyBox[k]!)));
  }).toBeGreaterThan(1);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/detector.png') });
  await studio.reload();
  await dropFiles(studio, [{ name: 'sample5.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(5)) }]);
  await expect(studio.getByLabel('Face detector')).toHaveValue('ssd');
  await expect(studio.getByTestId('detector-used')).toHaveText('found by SSD MobileNet');
});

test('the landmark choice is saved and places the open photo\'s points again with the chosen model', async ({ studio }) => {
  await dropFiles(studio, [{ name: 'sample2.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(2)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await expect(studio.getByLabel('Landmark model')).toHaveValue('precise');
  await expect(studio.getByTestId('landmarks-used')).toHaveText('points by dlib');
  const preciseJaw = await handlePosition(studio, 8);
  await studio.getByLabel('Landmark model').selectOption('fast');
  await studio.getByRole('button', { name: 'Find faces again' }).click();
  await expect(studio.getByTestId('landmarks-used')).toHaveText('points by face-api');
  await expect.poll(async () => {
    const p = await handlePosition(studio, 8);
    return Math.hypot(p.x - preciseJaw.x, p.y - preciseJaw.y);
  }).toBeGreaterThan(0.2);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/landmarks.png') });
  await studio.reload();
  await dropFiles(studio, [{ name: 'sample2.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(2)) }]);
  await expect(studio.getByLabel('Landmark model')).toHaveValue('fast');
  await expect(studio.getByTestId('landmarks-used')).toHaveText('points by face-api');
});

test('exaggeration lowers the likeness meter; a saved preset exports and re-imports', async ({ studio }) => {
  const portrait = await sharp(readFileSync(DEMO(3))).extract({ left: 885, top: 115, width: 600, height: 560 }).jpeg({ quality: 95 }).toBuffer();
  await dropFiles(studio, [{ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByTestId('tab-warp').click();
  const k = studio.getByLabel('Overall (k)');
  await k.focus();
  await studio.keyboard.press('End');
  await expect(k).toHaveValue('3');
  const likeness = () => studio.getByTestId('identity-value').textContent().then((t) => Number.parseFloat(t!));
  await expect.poll(likeness).toBeLessThan(100);
  expect(await likeness()).toBeGreaterThan(20);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/warp-panel.png') });

  const exported = studio.waitForEvent('download');
  await studio.getByTestId('export-image').click();
  const png = readFileSync(await (await exported).path());
  const meta = await sharp(png).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['png', 600, 560]);
  const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(portrait).raw().toBuffer()]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - b[i]!);
  expect(diff / a.length, 'the exported caricature differs from the photo').toBeGreaterThan(1);

  studio.once('dialog', (d) => void d.accept('Round trip'));
  await studio.getByTestId('save-preset').click();
  const list = studio.getByTestId('preset-list');
  await expect(list.getByRole('button', { name: 'Round trip', exact: true })).toHaveCount(1);
  const download = studio.waitForEvent('download');
  await studio.getByLabel('Export Round trip').click();
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file, 'utf8')) as { format: string; offsets: unknown[] };
  expect(json.offsets).toHaveLength(68);
  await studio.getByTestId('preset-import').setInputFiles(file);
  // The same preset imported again is not a second entry (issue #15 item 11).
  await expect(studio.getByTestId('notices')).toContainText('Imported preset');
  await expect(list.getByRole('button', { name: 'Round trip', exact: true })).toHaveCount(1);
  await expect(studio.getByTestId('notices')).toContainText('Imported preset');
});
