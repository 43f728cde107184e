import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { readTextChunks } from '../../electron/services/sheets/png-text.js';
import { DEMO, ROOT, dropFiles, expect, test } from './fixtures';

test('variation grid: fill, lock style, reroll, open a cell in the editor, save the sheet', async ({ studio }) => {
  const portrait = await sharp(readFileSync(DEMO(3))).extract({ left: 885, top: 115, width: 600, height: 560 }).jpeg({ quality: 95 }).toBuffer();
  await dropFiles(studio, [{ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByTestId('tab-variations').click();
  await studio.getByLabel('Rows', { exact: true }).selectOption('2');
  await studio.getByLabel('Columns', { exact: true }).selectOption('3');
  await studio.getByRole('button', { name: 'Generate' }).click();
  const cells = studio.getByTestId('variation-cell');
  await expect(cells).toHaveCount(6);
  await expect(cells.locator('img')).toHaveCount(6, { timeout: 60_000 });
  await expect(studio.getByRole('button', { name: 'Reroll' })).toBeEnabled();
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/variations.png') });

  const styleLabels = () => cells.locator('figcaption .muted').allTextContents();
  const seeds = () => cells.locator('figcaption > span:first-child').allTextContents();
  await cells.nth(1).click();
  await studio.getByLabel('Lock style (of the selected cell)').check();
  const before = await seeds();
  const lockedStyle = (await styleLabels())[1];
  await studio.getByTestId('reroll').click();
  await expect.poll(seeds, { timeout: 60_000 }).not.toEqual(before);
  await expect(studio.getByTestId('reroll')).toBeEnabled({ timeout: 60_000 });
  expect(new Set(await styleLabels())).toEqual(new Set([lockedStyle]));

  await cells.nth(4).click({ modifiers: ['Shift'] });
  await expect(studio.getByTestId('blend-strip').locator('img')).toHaveCount(6, { timeout: 60_000 });
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/blend.png') });

  const download = studio.waitForEvent('download');
  await studio.getByTestId('save-sheet').click();
  const file = await (await download).path();
  const png = new Uint8Array(readFileSync(file));
  const text = readTextChunks(png);
  expect(text.Grid).toBe('2x3');
  expect(JSON.parse(text.Cells!)).toHaveLength(6);
  expect(text.Software).toBe('Caricature Studio');

  await cells.nth(0).getByTestId('open-cell').click();
  await expect(studio.getByTestId('warp-panel')).toBeVisible();
  await expect(studio.getByTestId('canvas-host')).toBeVisible();
  await expect(studio.getByTestId('notices')).toContainText('Opened variation 1');
});
