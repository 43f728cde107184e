import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO, ROOT, dropFiles, expect, test } from './fixtures';

test('Faces tab: the face parsing shows as a toggleable overlay; commercial-only turns it and the cartoon style off', async ({ studio }) => {
  await dropFiles(studio, [{ name: 'sample1.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(1)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByTestId('show-parsing').check();
  await expect(studio.getByTestId('parsing-legend')).toContainText('nose');
  await studio.waitForTimeout(500); // the overlay image decodes after the legend renders
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/parsing-overlay.png') });

  await studio.getByTestId('tab-styles').click();
  await expect(studio.locator('[data-style-id="cartoon"]')).toHaveCount(1);

  // The box follows the saved setting, so it changes after the host answers: click, then wait.
  await studio.getByTestId('commercial-only').click();
  await expect(studio.getByTestId('commercial-only')).toBeChecked();
  await expect(studio.locator('[data-style-id="cartoon"]')).toHaveCount(0);
  await studio.getByTestId('tab-faces').click();
  await expect(studio.getByTestId('parsing-message')).toContainText('not cleared for commercial use');
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/parsing-commercial-only.png') });

  await studio.getByTestId('show-parsing').uncheck();
  await studio.getByTestId('commercial-only').click();
  await expect(studio.getByTestId('commercial-only')).not.toBeChecked();
});
