import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO, ROOT, canvasPatch, dropFiles, expect, handlePosition, meanAbsDiff, test } from './fixtures';

test('Head size slider on sample1: the head grows over the background above it, the scene elsewhere stays', async ({ studio }) => {
  await dropFiles(studio, [{ name: 'sample1.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(1)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  // Above the crown (brows, then 1.1 brow-to-chin lengths further up): background now, head after.
  const brow = await handlePosition(studio, 24);
  const chin = await handlePosition(studio, 8);
  const above = { x: brow.x + 1.1 * (brow.x - chin.x), y: brow.y + 1.1 * (brow.y - chin.y) };
  const corner = await studio.getByTestId('canvas-host').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + Number(el.dataset.viewX) + 12, y: r.top + Number(el.dataset.viewY) + 12 };
  });
  await studio.getByLabel('Show landmarks').uncheck();
  await studio.getByTestId('tab-warp').click();
  const beforeAbove = await canvasPatch(studio, above.x, above.y, 5);
  const beforeCorner = await canvasPatch(studio, corner.x, corner.y);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/head-before.png') });

  const head = studio.getByLabel('Head size');
  await head.focus();
  await studio.keyboard.press('End');
  await expect(head).toHaveValue('1.6');
  // The likeness meter reads the edit on screen once it has been measured for it.
  await expect(studio.getByTestId('identity-value')).toHaveText(/^\d+%$/);
  await expect.poll(async () => meanAbsDiff(beforeAbove, await canvasPatch(studio, above.x, above.y, 5))).toBeGreaterThan(8);
  expect(meanAbsDiff(beforeCorner, await canvasPatch(studio, corner.x, corner.y))).toBeLessThan(2);
  await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/head-after.png') });
});
