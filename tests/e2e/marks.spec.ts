import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { DEMO, ROOT, dropFiles, expect, test } from './fixtures';
import { posterised } from '../analogy/filters';
import { coverRgb } from '../images';

/** Drops a file on the style gallery itself (not the window), as an artist drags an artwork there. */
async function dropOnGallery(page: Page, name: string, buffer: Buffer): Promise<void> {
  const dt = await page.evaluateHandle(
    ({ name, data }) => {
      const t = new DataTransfer();
      t.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type: 'image/png' }));
      return t;
    },
    { name, data: buffer.toString('base64') },
  );
  const gallery = page.getByTestId('styles-panel');
  await gallery.dispatchEvent('dragover', { dataTransfer: dt });
  await gallery.dispatchEvent('drop', { dataTransfer: dt });
}

test('an artwork dropped on the gallery renders with its marks: a preview then the full render, preserve colours on and off, cancel, and the fast colour and texture engine', async ({ studio }) => {
  // Guided synthesis on a 2-core machine shared by other jobs: a 256² preview took 25 s at load 18.
  test.setTimeout(900_000);
  const photo = await sharp(readFileSync(DEMO(4))).resize(640).jpeg().toBuffer();
  await dropFiles(studio, [{ name: 'sample4.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByTestId('tab-styles').click();
  // A generated artwork: the analogy set's posterised flats with outlines, on demo sample6.
  const poster = posterised(await coverRgb(DEMO(6), 480));
  const artwork = await sharp(Buffer.from(poster.data), { raw: { width: poster.width, height: poster.height, channels: 3 } }).png().toBuffer();
  await dropOnGallery(studio, 'poster-artwork.png', artwork);
  const card = studio.locator('[data-testid="style-card"]', { hasText: 'poster-artwork' });
  await expect(card).toBeVisible({ timeout: 60_000 });
  // A kept artwork renders with its own marks; the built-in styles say their own engines.
  await expect(card.getByTestId('style-engine')).toHaveText('marks');
  await expect(studio.locator('[data-testid="style-card"]').first().getByTestId('style-engine')).toHaveText('drawing');

  const screens = path.join(ROOT, 'test-results/screens');
  await card.click();
  const engine = studio.getByLabel('Engine');
  await expect(engine).toHaveValue('marks');
  await expect(studio.getByLabel('Strokes')).toHaveValue('0.7');
  // The preview lands first, then the full-resolution job shows its progress bar until done.
  await expect(studio.getByTestId('full-render')).toBeVisible({ timeout: 180_000 });
  await expect(studio.getByTestId('full-render')).toBeHidden({ timeout: 300_000 });
  await studio.screenshot({ path: path.join(screens, 'marks-colour.png') });
  await studio.getByLabel('Preserve original colours').check();
  await expect(studio.getByTestId('full-render')).toBeVisible({ timeout: 180_000 });
  await expect(studio.getByTestId('full-render')).toBeHidden({ timeout: 300_000 });
  await studio.screenshot({ path: path.join(screens, 'marks-preserve-colours.png') });

  // Cancel a full-resolution render: the bar goes away promptly, no error is shown.
  await studio.getByLabel('Preserve original colours').uncheck();
  await expect(studio.getByTestId('full-render')).toBeVisible({ timeout: 180_000 });
  const t0 = Date.now();
  await studio.getByTestId('cancel-full-render').click();
  await expect(studio.getByTestId('full-render')).toBeHidden({ timeout: 5_000 });
  console.log(`full render cancelled: bar gone after ${Date.now() - t0} ms (round trip through the web host)`);
  await studio.screenshot({ path: path.join(screens, 'marks-cancelled.png') });

  // The fast engine: one render, no preview-then-full job.
  await engine.selectOption('texture');
  await expect(studio.getByLabel('Patch size')).toBeHidden();
  await expect(studio.getByLabel('Strokes')).toBeHidden();
  await expect(studio.getByTestId('full-render')).toBeHidden();
  await studio.screenshot({ path: path.join(screens, 'marks-texture-engine.png') });
});
