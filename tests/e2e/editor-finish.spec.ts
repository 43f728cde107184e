/**
 * Issue #15 (editor fit and finish) and #16 item 6 (actions and gestures), acted out as an artist
 * does in Chromium at 1440×900. Screenshots go to test-results/screens/finish-*.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { likeness } from '../../common/likeness/meter.js';
import { DEMO, ROOT, canvasPatch, dropFiles, expect, handlePosition, meanAbsDiff, test } from './fixtures';

test.use({ viewport: { width: 1440, height: 900 } });

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ROOT, `test-results/screens/finish-${name}.png`) });

interface StudioWindow {
  __studio: {
    editorStore: { get(): { byPhoto: Record<string, { face: number; selection: number[]; style: { id: string | null }; history: { undo: unknown[]; mark: unknown }; faces: Array<{ box: number[]; source: number[][]; target: number[][]; geometry: { sliders: Record<string, number> } }> }> } };
    appStore: { get(): { currentId: string | null; zoom: number; pan: { x: number; y: number } } };
  };
}

/** The current photo's editor state, read through the e2e hook. */
function current(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as StudioWindow;
    const id = w.__studio.appStore.get().currentId!;
    const e = w.__studio.editorStore.get().byPhoto[id]!;
    return { id, face: e.face, selection: e.selection, style: e.style.id, undo: e.history.undo.length, mark: e.history.mark !== null, faces: e.faces };
  });
}

const dist = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

const portraitBytes = () => sharp(readFileSync(DEMO(3))).extract({ left: 885, top: 115, width: 600, height: 560 }).jpeg({ quality: 95 }).toBuffer();

async function openPortrait(page: Page): Promise<void> {
  await dropFiles(page, [{ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: await portraitBytes() }]);
  await expect(page.getByTestId('faces-panel')).toBeVisible();
}

/** Sets a slider to its maximum with the keyboard (End), which commits on key-up like a release. */
async function sliderToEnd(page: Page, label: string): Promise<void> {
  const s = page.getByLabel(label, { exact: true });
  await s.focus();
  await page.keyboard.press('End');
}

test('#15.1 a group photo keeps every face’s edit on screen and in Export', async ({ studio }) => {
  const photo = readFileSync(DEMO(6));
  await dropFiles(studio, [{ name: 'sample6.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByRole('option', { name: '3', exact: true }).click();
  await studio.getByLabel('Show landmarks').uncheck();
  const eye = await handlePosition(studio, 37);
  const original = await canvasPatch(studio, eye.x, eye.y, 12);
  await studio.getByTestId('tab-warp').click();
  await sliderToEnd(studio, 'Eye size');
  await sliderToEnd(studio, 'Overall (k)');
  await expect.poll(async () => meanAbsDiff(original, await canvasPatch(studio, eye.x, eye.y, 12))).toBeGreaterThan(6);
  // Face 1 gets a preset: face 3 must keep its caricature.
  await studio.getByTestId('tab-faces').click();
  await studio.getByRole('option', { name: '1', exact: true }).click();
  await studio.getByTestId('tab-warp').click();
  await studio.getByTestId('preset-list').getByRole('button', { name: 'Long nose', exact: true }).click();
  await expect.poll(async () => (await current(studio)).undo).toBe(3);
  await studio.waitForTimeout(1500); // the final render of the preset
  await expect.poll(async () => meanAbsDiff(original, await canvasPatch(studio, eye.x, eye.y, 12))).toBeGreaterThan(6);
  await shot(studio, 'group');

  const state = await current(studio);
  const third = state.faces[2]!;
  const exported = studio.waitForEvent('download');
  await studio.keyboard.press('Control+Shift+E');
  const png = readFileSync(await (await exported).path());
  // Face 3's eye region in the export differs from the photo's.
  const [ex, ey] = third.source[37]!;
  const box = { left: Math.max(0, Math.round(ex! - 20)), top: Math.max(0, Math.round(ey! - 20)), width: 40, height: 40 };
  const [a, b] = await Promise.all([sharp(png).extract(box).removeAlpha().raw().toBuffer(), sharp(photo).rotate().extract(box).raw().toBuffer()]);
  expect(meanAbsDiff([...a], [...b]), 'face 3 is edited in the export').toBeGreaterThan(6);
});

test('#16.6 Esc cancels a drag; undo is blocked mid-gesture; one drag is one undo step', async ({ studio }) => {
  await openPortrait(studio);
  const start = (await current(studio)).faces[0]!.target[54]!;
  const mouth = await handlePosition(studio, 54);
  await studio.mouse.move(mouth.x, mouth.y);
  await studio.mouse.down();
  await studio.mouse.move(mouth.x + 30, mouth.y + 10, { steps: 5 });
  expect((await current(studio)).mark, 'a drag is a gesture with a history mark').toBe(true);
  await studio.keyboard.press('Control+z');
  expect((await current(studio)).faces[0]!.target[54]![0]).not.toBeCloseTo(start[0]!, 0);
  await studio.keyboard.press('Escape');
  await studio.mouse.move(mouth.x + 60, mouth.y + 20, { steps: 3 });
  await studio.mouse.up();
  const after = await current(studio);
  expect(dist(after.faces[0]!.target[54]!, start)).toBeLessThan(1e-6);
  expect(after.undo).toBe(0);
  expect(after.mark).toBe(false);
  // A drag carried through is one undo step.
  await studio.mouse.move(mouth.x, mouth.y);
  await studio.mouse.down();
  await studio.mouse.move(mouth.x + 30, mouth.y + 10, { steps: 6 });
  await studio.mouse.up();
  expect((await current(studio)).undo).toBe(1);
  await studio.getByRole('button', { name: 'Undo' }).click();
  expect(dist((await current(studio)).faces[0]!.target[54]!, start)).toBeLessThan(1e-6);
  // The toolbar's titles come from the action table.
  await expect(studio.getByRole('button', { name: 'Redo' })).toHaveAttribute('title', 'Redo (Ctrl+Shift+Z)');
});

test('#15.3 pan: drag the photo, Space+drag and middle-drag; the wheel zooms about the cursor', async ({ studio }) => {
  await openPortrait(studio);
  const host = studio.getByTestId('canvas-host');
  const view = () => host.evaluate((el) => ({ x: Number(el.dataset.viewX), y: Number(el.dataset.viewY), s: Number(el.dataset.viewScale) }));
  const r = (await host.boundingBox())!;
  // Zoom in with the wheel over a point left of centre: the image point under it stays put.
  const cursor = { x: r.x + r.width * 0.3, y: r.y + r.height * 0.4 };
  const v0 = await view();
  const u = [(cursor.x - r.x - v0.x) / v0.s, (cursor.y - r.y - v0.y) / v0.s];
  await studio.mouse.move(cursor.x, cursor.y);
  for (let i = 0; i < 4; i++) await studio.mouse.wheel(0, -100);
  await expect.poll(async () => (await view()).s).toBeGreaterThan(v0.s * 1.3);
  const v1 = await view();
  expect(Math.abs(r.x + v1.x + u[0]! * v1.s - cursor.x)).toBeLessThan(2);
  expect(Math.abs(r.y + v1.y + u[1]! * v1.s - cursor.y)).toBeLessThan(2);
  // Drag the photo itself (a spot away from the handles: the top-left corner of the image).
  const p = { x: r.x + Math.max(v1.x, 0) + 30, y: r.y + Math.max(v1.y, 0) + 30 };
  await studio.mouse.move(p.x, p.y);
  await studio.mouse.down();
  await studio.mouse.move(p.x + 80, p.y + 40, { steps: 4 });
  await studio.mouse.up();
  await expect.poll(async () => (await view()).x - v1.x).toBeCloseTo(80, 0);
  // Space + drag over a handle pans instead of moving it.
  const before = (await current(studio)).faces[0]!.target;
  const nose = await handlePosition(studio, 30);
  await studio.keyboard.down('Space');
  await studio.mouse.move(nose.x, nose.y);
  await studio.mouse.down();
  await studio.mouse.move(nose.x - 50, nose.y, { steps: 4 });
  await studio.mouse.up();
  await studio.keyboard.up('Space');
  const v2 = await view();
  expect(v2.x - v1.x).toBeCloseTo(30, 0);
  expect((await current(studio)).faces[0]!.target).toEqual(before);
  // Middle button drag pans too.
  await studio.mouse.move(nose.x, nose.y);
  await studio.mouse.down({ button: 'middle' });
  await studio.mouse.move(nose.x, nose.y + 25, { steps: 3 });
  await studio.mouse.up({ button: 'middle' });
  expect((await view()).y - v2.y).toBeCloseTo(25, 0);
  await shot(studio, 'pan');
});

test('#15.4 selection: a band released on a handle selects; Shift-press never drags; Esc and a click on the photo deselect', async ({ studio }) => {
  await openPortrait(studio);
  const host = (await studio.getByTestId('canvas-host').boundingBox())!;
  // A band around the mouth, released exactly on handle 57 (lower lip).
  const m48 = await handlePosition(studio, 48);
  const m54 = await handlePosition(studio, 54);
  const m57 = await handlePosition(studio, 57);
  await studio.keyboard.down('Shift');
  await studio.mouse.move(m48.x - 15, m48.y - 30);
  await studio.mouse.down();
  await studio.mouse.move(m54.x + 5, m57.y, { steps: 4 });
  await studio.mouse.move(m57.x, m57.y, { steps: 2 });
  await studio.mouse.up();
  await studio.keyboard.up('Shift');
  const sel = (await current(studio)).selection;
  expect(sel.length, 'the band selected the mouth points').toBeGreaterThan(5);
  expect(await studio.locator('canvas').count()).toBeGreaterThan(0);
  await shot(studio, 'selection');
  // Shift-press on another handle adds it and moves nothing.
  const before = (await current(studio)).faces[0]!.target;
  const nose = await handlePosition(studio, 33);
  await studio.keyboard.down('Shift');
  await studio.mouse.move(nose.x, nose.y);
  await studio.mouse.down();
  await studio.mouse.move(nose.x + 30, nose.y + 30, { steps: 4 });
  await studio.mouse.up();
  await studio.keyboard.up('Shift');
  const after = await current(studio);
  expect(after.faces[0]!.target).toEqual(before);
  expect(after.selection).toContain(33);
  await studio.keyboard.press('Escape');
  expect((await current(studio)).selection).toEqual([]);
  // Select again, then a click on the margin deselects.
  await studio.mouse.click(m57.x, m57.y);
  expect((await current(studio)).selection).toEqual([57]);
  await studio.mouse.click(host.x + 5, host.y + 5);
  expect((await current(studio)).selection).toEqual([]);
});

test('#15.5 Reset of a region also resets its feature sliders, as one undo step', async ({ studio }) => {
  await openPortrait(studio);
  await studio.getByTestId('tab-warp').click();
  await sliderToEnd(studio, 'Nose width');
  await sliderToEnd(studio, 'Nose length');
  await sliderToEnd(studio, 'Smile');
  await expect(studio.getByLabel('Nose width', { exact: true })).toHaveValue('1');
  await studio.getByRole('button', { name: 'nose', exact: true }).click();
  await expect(studio.getByLabel('Nose width', { exact: true })).toHaveValue('0');
  await expect(studio.getByLabel('Nose length', { exact: true })).toHaveValue('0');
  await expect(studio.getByLabel('Smile', { exact: true })).toHaveValue('1');
  await studio.keyboard.press('Control+z');
  await expect(studio.getByLabel('Nose width', { exact: true })).toHaveValue('1');
  await expect(studio.getByTestId('notices')).toContainText('Undid: Reset nose');
});

test('#15.6 the likeness meter follows the face and the photo, on a calibrated scale', async ({ studio }) => {
  await dropFiles(studio, [{ name: 'sample6.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(6)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByTestId('tab-warp').click();
  const value = studio.getByTestId('identity-value');
  await expect(value).toHaveText('100%');
  await sliderToEnd(studio, 'Overall (k)');
  await sliderToEnd(studio, 'Eye size');
  await sliderToEnd(studio, 'Mouth width');
  await expect(value).toHaveText(/^\d+%$/);
  await expect(value).not.toHaveText('100%');
  const edited = Number.parseInt((await value.textContent())!, 10);
  // The meter shows the calibrated likeness of the measured cosine, not the cosine itself (the old
  // meter read 91–99 % for anything): 0 % = a typical stranger, 100 % = the photo.
  const cosine = Number(/cosine ([\d.]+)/.exec((await studio.locator('.identity').getAttribute('title'))!)![1]);
  expect(edited).toBe(Math.round(likeness(cosine).value * 100));
  expect(edited).toBeLessThan(Math.round(cosine * 100));
  await expect(studio.getByTestId('likeness-words')).not.toBeEmpty();
  await shot(studio, 'likeness');
  // Another face (unedited) reads 100 %; back to face 1 reads its value again.
  await studio.getByTestId('tab-faces').click();
  await studio.getByRole('option', { name: '2', exact: true }).click();
  await studio.getByTestId('tab-warp').click();
  await expect(value).toHaveText('100%');
  await studio.getByTestId('tab-faces').click();
  await studio.getByRole('option', { name: '1', exact: true }).click();
  await studio.getByTestId('tab-warp').click();
  await expect(value).toHaveText(`${edited}%`);
  // Another photo, then back: never a dash.
  await dropFiles(studio, [{ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: await portraitBytes() }]);
  await expect(value).toHaveText('100%');
  await studio.getByTestId('photo-thumb').first().locator('.thumb-image').click();
  await expect(value).toHaveText(`${edited}%`);
});

test('#15.7 a style is per photo, shown on the canvas, undoable; the gallery heading stops saying rendering', async ({ studio }) => {
  await openPortrait(studio);
  await studio.getByTestId('tab-warp').click();
  await sliderToEnd(studio, 'Eye size');
  await studio.getByTestId('tab-styles').click();
  const cards = studio.getByTestId('style-card');
  await expect(studio.getByTestId('styles-panel').locator('img.style-thumb')).toHaveCount(await cards.count(), { timeout: 60_000 });
  await expect(studio.getByTestId('styles-panel').locator('h3', { hasText: 'Gallery' })).not.toContainText('rendering');
  const ink = studio.locator('[data-testid="style-card"]', { hasText: 'Ink' }).first();
  await ink.click();
  await expect(studio.getByTestId('style-badge')).toContainText('Ink');
  await studio.waitForTimeout(1500);
  await shot(studio, 'style');
  // Undo takes the style back, not the older eye edit.
  await studio.keyboard.press('Control+z');
  await expect(studio.getByTestId('style-badge')).toHaveCount(0);
  expect((await current(studio)).faces[0]!.geometry.sliders.eyeSize).toBe(1);
  await studio.keyboard.press('Control+Shift+z');
  await expect(studio.getByTestId('style-badge')).toContainText('Ink');
  // A newly opened photo starts without a style.
  await dropFiles(studio, [{ name: 'sample2.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(2)) }]);
  await expect(studio.getByTestId('faces-panel').or(studio.getByTestId('styles-panel'))).toBeVisible();
  await expect.poll(async () => (await current(studio)).style).toBeNull();
  await expect(studio.getByTestId('style-badge')).toHaveCount(0);
});

test('#15.8 messages: a stack with levels; facts that stop holding leave; the fold guard speaks in words and circles the place', async ({ studio }) => {
  // A mixed drop: both skipped files are reported, along with the photo opening.
  const bytes = await portraitBytes();
  await dropFiles(studio, [
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') },
    { name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: bytes },
  ]);
  await dropFiles(studio, [{ name: 'readme.md', mimeType: 'text/markdown', buffer: Buffer.from('y') }]);
  const notices = studio.getByTestId('notices');
  await expect(notices).toContainText('Skipped notes.txt');
  await expect(notices).toContainText('Skipped readme.md');
  await expect(notices).not.toContainText('No face');
  // A fold: a wild drag of the nose tip far over the eye.
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  const tip = await handlePosition(studio, 33);
  const eye = await handlePosition(studio, 45);
  await studio.mouse.move(tip.x, tip.y);
  await studio.mouse.down();
  await studio.mouse.move(eye.x + 40, eye.y - 60, { steps: 8 });
  await studio.mouse.up();
  const fold = notices.locator('[data-kind="warning"]', { hasText: 'reduced to keep the image from folding' });
  await expect(fold).toBeVisible({ timeout: 30_000 });
  await expect(fold).toContainText(/The [a-z ,]+ moves? (was|were) reduced/);
  await expect(fold).not.toContainText('%');
  await shot(studio, 'fold');
  // Undo's message stays beside the fold warning instead of being overwritten by it.
  await studio.keyboard.press('Control+z');
  await expect(notices).toContainText('Undid: Move landmarks');
  // The fold no longer holds once the edit is gone.
  await studio.getByTestId('tab-warp').click();
  await studio.getByRole('button', { name: 'All', exact: true }).click();
  await expect(fold).toHaveCount(0, { timeout: 30_000 });
});

test('#15.2 variation captions show seed, style and every button in the cell at 3×3 and 4×4; #15.11 Edit twice adds one style, cells as presets twice adds none', async ({ studio }) => {
  await openPortrait(studio);
  await studio.getByTestId('tab-variations').click();
  const cells = studio.getByTestId('variation-cell');
  for (const n of ['3', '4']) {
    await studio.getByLabel('Rows', { exact: true }).selectOption(n);
    await studio.getByLabel('Columns', { exact: true }).selectOption(n);
    await studio.getByRole('button', { name: 'Generate' }).click();
    await expect(cells.locator('img')).toHaveCount(Number(n) ** 2, { timeout: 90_000 });
    const overflow = await cells.evaluateAll((els) =>
      els.map((cell) => {
        const box = cell.getBoundingClientRect();
        const cap = cell.querySelector('figcaption')!;
        const buttons = [...cap.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
        const seed = cap.querySelector('span')!.getBoundingClientRect();
        const inside = (r: DOMRect) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.width > 0;
        return { buttons: buttons.length, allInside: buttons.every(inside) && inside(seed) };
      }),
    );
    expect(overflow.every((c) => c.buttons === 3 && c.allInside), `captions at ${n}×${n}`).toBe(true);
    if (n === '3') await studio.screenshot({ path: path.join(ROOT, 'test-results/screens/finish-grid-3x3.png') });
  }
  // Edit on the same cell twice: one gallery style.
  await studio.getByRole('button', { name: 'Edit cell 1', exact: true }).click();
  await expect(studio.getByTestId('notices')).toContainText('added to the gallery');
  await studio.getByTestId('tab-variations').click();
  await expect(cells.locator('img')).toHaveCount(16, { timeout: 90_000 });
  await studio.getByRole('button', { name: 'Edit cell 1', exact: true }).click();
  await expect(studio.locator('[data-testid="notice"] > span', { hasText: /^Opened variation 1 in the editor\.$/ })).toHaveCount(1);
  await studio.getByTestId('tab-styles').click();
  await expect(studio.locator('[data-testid="style-card"]', { hasText: /^Variation / })).toHaveCount(1);
  // All cells as presets, twice: the second time saves nothing; names say sheet and cell.
  await studio.getByTestId('tab-variations').click();
  await expect(cells.locator('img')).toHaveCount(16, { timeout: 90_000 });
  const asPresets = studio.getByRole('button', { name: /as presets/ });
  await asPresets.click();
  await expect(studio.getByTestId('notices')).toContainText('Saved 16 variations as presets');
  await asPresets.click();
  await expect(studio.getByTestId('notices')).toContainText('Saved 0 variations as presets (16 already saved)');
  await studio.getByTestId('tab-warp').click();
  await expect(studio.getByTestId('preset-list').getByRole('button', { name: /^portrait sheet \d+ cell 16$/ })).toHaveCount(1);
});

test('#15.12 a reload restores the open photos and their edits; closing with edits not exported asks first', async ({ studio }) => {
  await openPortrait(studio);
  await dropFiles(studio, [{ name: 'sample6.jpg', mimeType: 'image/jpeg', buffer: readFileSync(DEMO(6)) }]);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await studio.getByRole('option', { name: '2', exact: true }).click();
  await studio.getByTestId('tab-warp').click();
  await sliderToEnd(studio, 'Eye size');
  await expect.poll(async () => (await current(studio)).undo).toBe(1);
  await studio.waitForTimeout(800); // the session is written 300 ms after the last change
  const dialogs: string[] = [];
  studio.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await studio.reload();
  expect(dialogs, 'the browser asked before dropping an unexported edit').toEqual(['beforeunload']);
  await expect(studio.getByTestId('photo-thumb')).toHaveCount(2);
  await expect(studio.getByTestId('faces-panel')).toBeVisible();
  await expect.poll(async () => (await current(studio)).faces.length).toBe(4);
  const restored = await current(studio);
  expect(restored.face).toBe(1);
  expect(restored.faces[1]!.geometry.sliders.eyeSize).toBe(1);
  await studio.getByTestId('tab-warp').click();
  await expect(studio.getByLabel('Eye size', { exact: true })).toHaveValue('1');
  await shot(studio, 'restored');
});

test('#15.13 the photo strip scrolls to the current photo; #15.10 a long export says how long it has run', async ({ studio }) => {
  const big = await sharp(readFileSync(DEMO(3))).resize(5200).jpeg({ quality: 90 }).toBuffer();
  const files = await Promise.all([1, 2, 4, 5, 6].map(async (n) => ({ name: `sample${n}.jpg`, mimeType: 'image/jpeg', buffer: await sharp(readFileSync(DEMO(n))).resize(320).jpeg().toBuffer() })));
  await dropFiles(studio, [...files, ...files.map((f) => ({ ...f, name: `copy-${f.name}` })), { name: 'big.jpg', mimeType: 'image/jpeg', buffer: big }]);
  await expect(studio.getByTestId('photo-thumb')).toHaveCount(11, { timeout: 60_000 });
  const last = studio.getByTestId('photo-thumb').last();
  await expect(last).toHaveClass(/current/);
  await expect(last).toBeInViewport();
  await shot(studio, 'strip');
  await expect(studio.getByTestId('faces-panel')).toBeVisible({ timeout: 60_000 });
  const busy = studio.getByTestId('status-busy');
  const download = studio.waitForEvent('download', { timeout: 120_000 });
  await studio.getByTestId('export-image').click();
  await expect(busy).toContainText(/Rendering \d+×\d+ at full resolution… \d+ s/);
  await download;
});
