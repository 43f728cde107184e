import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import path from 'node:path';
import { DEMO, ROOT, canvasPatch, dropFiles, expect, handlePosition, meanAbsDiff, test } from './fixtures';

test('the gallery shows thumbnails on the photo, a click restyles the canvas, a dropped artwork becomes a style', async ({ studio }) => {
  await dropFiles(studio, [{ name: 'sample4.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(4)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByTestId('tab-styles').click();
  const cards = studio.getByTestId('style-card');
  await expect(cards.first()).toBeVisible();
  const n = await cards.count();
  expect(n).toBeGreaterThanOrEqual(8);
  await expect(studio.getByTestId('styles-panel').locator('img.style-thumb')).toHaveCount(n, { timeout: 60_000 });
  await studio.getByTestId('tab-faces').click();
  await studio.getByLabel('Show landmarks').uncheck();
  const nose = await handlePosition(studio, 30);
  const before = await canvasPatch(studio, nose.x, nose.y, 20);
  await studio.getByTestId('tab-styles').click();
  await cards.first().click();
  await expect.poll(async () => meanAbsDiff(before, await canvasPatch(studio, nose.x, nose.y, 20)), { timeout: 30_000 }).toBeGreaterThan(8);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/styles.png') });
  const artwork = await sharp(readFileSync(DEMO(6))).resize(512).jpeg().toBuffer();
  await studio.getByTestId('artwork-input').setInputFiles({ name: 'my-artwork.jpg', mimeType: 'image/jpeg', buffer: artwork });
  await expect(studio.locator('[data-testid="style-card"]', { hasText: 'my-artwork' })).toBeVisible({ timeout: 60_000 });
  await expect(cards).toHaveCount(n + 1);
});
