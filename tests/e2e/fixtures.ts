/**
 * The `studio` fixture: a page running the app, from the web host in Chromium or from the
 * Electron app (project "electron"), so every spec runs unchanged on both. Console errors and
 * page errors fail the test.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, _electron, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server.js';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO = (n: number) => path.join(ROOT, 'node_modules/@vladmandic/face-api/demo', `sample${n}.jpg`);

interface Fixtures {
  studio: Page;
  host: WebHost | null;
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  pageErrors: async ({}, use) => {
    await use([]);
  },
  host: async ({}, use, info) => {
    if (info.project.name === 'electron') {
      await use(null);
      return;
    }
    const userData = info.outputPath('user-data');
    process.env.CARICATURE_USER_DATA = userData;
    const host = await startWebHost();
    await use(host);
    await host.close();
  },
  // Not built on Playwright's `page`: that would launch a browser even in the Electron project.
  studio: async ({ host, playwright, pageErrors }, use, info) => {
    let target: Page;
    let closeApp: () => Promise<void>;
    if (info.project.name === 'electron') {
      const bin = findElectronBinary();
      test.skip(!bin.path, bin.reason);
      const app = await _electron.launch({
        executablePath: bin.path!,
        args: [path.join(ROOT, 'out/main/index.cjs')],
        env: { ...process.env, CARICATURE_USER_DATA: info.outputPath('user-data') },
      });
      target = await app.firstWindow();
      closeApp = () => app.close();
    } else {
      const browser = await playwright.chromium.launch(info.project.use.launchOptions);
      const context = await browser.newContext({ viewport: info.project.use.viewport ?? null, acceptDownloads: true });
      target = await context.newPage();
      closeApp = () => browser.close();
      await target.goto(host!.url);
    }
    target.on('pageerror', (e) => pageErrors.push(String(e)));
    target.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await expect(target.getByTestId('app')).toBeVisible();
    await use(target);
    await closeApp();
    expect(pageErrors, 'page errors and console errors').toEqual([]);
  },
});

export { expect };

/** Drops files onto the window as the OS would: a real DataTransfer with File objects. */
export async function dropFiles(page: Page, files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, mimeType: f.mimeType, data: f.buffer.toString('base64') }));
  const dt = await page.evaluateHandle((items) => {
    const t = new DataTransfer();
    for (const it of items) {
      const bin = Uint8Array.from(atob(it.data), (c) => c.charCodeAt(0));
      t.items.add(new File([bin], it.name, { type: it.mimeType }));
    }
    return t;
  }, payload);
  const target = page.getByTestId('app');
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

/** Fraction of non-background pixels in a region of the canvas: proves a photo is drawn there. */
export async function canvasCoverage(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="canvas-host"] canvas');
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d')!;
    const { width, height } = canvas;
    const data = ctx.getImageData(0, 0, width, height).data;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      const isBg = Math.abs(data[i]! - 0x1b) < 3 && Math.abs(data[i + 1]! - 0x1d) < 3 && Math.abs(data[i + 2]! - 0x22) < 3;
      if (!isBg) drawn++;
    }
    return drawn / (data.length / (4 * 7));
  });
}
