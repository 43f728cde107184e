/**
 * Re-takes the README screenshots (docs/screenshot-*.png) as an artist would see the studio:
 * Chromium at 1440×900, the web host, demo photos. Each is written as a 256-colour PNG, which
 * keeps a UI screenshot under 1 MB, through a temp file and a rename.
 */
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { DEMO, ROOT, dropFiles, expect, test } from '../e2e/fixtures';

async function save(page: Page, name: string): Promise<void> {
  const file = path.join(ROOT, 'docs', `screenshot-${name}.png`);
  await sharp(await page.screenshot()).png({ palette: true, quality: 95, effort: 8 }).toFile(`${file}.tmp`);
  renameSync(`${file}.tmp`, file);
}

const portrait = () => sharp(readFileSync(DEMO(3))).extract({ left: 885, top: 115, width: 600, height: 560 }).jpeg({ quality: 95 }).toBuffer();

test('README screenshots', async ({ studio }) => {
  await dropFiles(studio, [
    { name: 'sample6.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(6)) },
    { name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: await portrait() },
  ]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await expect(studio.getByTestId('streams').locator('img')).toHaveCount(3);
  await save(studio, 'editor');

  await studio.getByTestId('tab-warp').click();
  for (const label of ['Overall (k)', 'Eye size']) {
    await studio.getByLabel(label, { exact: true }).focus();
    for (let i = 0; i < 40; i++) await studio.keyboard.press('ArrowRight');
  }
  await expect(studio.getByTestId('identity-value')).toHaveText(/^\d+%$/);
  await studio.waitForTimeout(1500);
  await save(studio, 'warp');

  await studio.getByTestId('tab-styles').click();
  const cards = studio.getByTestId('style-card');
  await expect(studio.getByTestId('styles-panel').locator('img.style-thumb')).toHaveCount(await cards.count(), { timeout: 120_000 });
  await studio.locator('[data-testid="style-card"]', { hasText: 'Pencil sketch' }).click();
  await expect(studio.getByTestId('style-badge')).toContainText('Pencil sketch');
  await expect(studio.getByTestId('status-busy')).toBeEmpty({ timeout: 60_000 });
  await save(studio, 'styles');

  await studio.getByTestId('tab-variations').click();
  const cells = studio.getByTestId('variation-cell');
  await expect(cells.locator('img')).toHaveCount(9, { timeout: 120_000 });
  await save(studio, 'variations');
  await cells.nth(0).click();
  await cells.nth(7).click({ modifiers: ['Shift'] });
  await expect(studio.getByTestId('blend-strip').locator('img')).toHaveCount(6, { timeout: 120_000 });
  await save(studio, 'blend');
});
