import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO, ROOT, canvasCoverage, dropFiles, expect, test } from './fixtures';

test('dropping a demo photo shows it on the canvas and in the photo strip', async ({ studio }) => {
  await expect(studio.getByTestId('empty-state')).toBeVisible();
  expect(await canvasCoverage(studio)).toBe(0);
  await dropFiles(studio, [{ name: 'sample1.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(1)) }]);
  await expect(studio.getByTestId('photo-thumb')).toHaveCount(1);
  await expect(studio.getByTestId('empty-state')).toHaveCount(0);
  await expect.poll(() => canvasCoverage(studio)).toBeGreaterThan(0.3);
  await expect(studio.getByTestId('provider')).toContainText('CPU');
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/open-photo.png') });
});

test('dropping several photos adds each to the strip; a corrupt one gets one clear message', async ({ studio }) => {
  await dropFiles(studio, [
    { name: 'sample2.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(2)) },
    { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a JPEG at all') },
    { name: 'sample3.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(3)) },
  ]);
  await expect(studio.getByTestId('photo-thumb')).toHaveCount(2);
  await expect(studio.getByTestId('notices')).toContainText('"broken.jpg" is not an image that can be read');
  await expect.poll(() => canvasCoverage(studio)).toBeGreaterThan(0.3);
});
