import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO, ROOT, dropFiles, expect, test } from './fixtures';

test('dlib HOG is a detector choice: it finds the open photo\'s faces again and says so', async ({ studio }) => {
  await dropFiles(studio, [{ name: 'sample3.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(3)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByLabel('Face detector').selectOption('hog');
  await studio.getByRole('button', { name: 'Find faces again' }).click();
  await expect(studio.getByTestId('detector-used')).toHaveText('found by dlib HOG');
  // sample3's three faces, all frontal enough for dlib's filters.
  await expect(studio.getByRole('option', { name: '3' })).toBeVisible();
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/detector-hog.png') });
});
