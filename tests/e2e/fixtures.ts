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
  studio: async ({ host, playwright, pageErrors, viewport }, use, info) => {
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
      const context = await browser.newContext({ viewport: viewport ?? info.project.use.viewport ?? null, acceptDownloads: true });
      target = await context.newPage();
      closeApp = () => browser.close();
      await target.goto(`${host!.url}&e2e=1`);
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

/** Screen position of landmark `i` of the current face (from editor state and the canvas transform). */
export async function handlePosition(page: Page, i: number): Promise<{ x: number; y: number }> {
  return page.evaluate((idx) => {
    const w = window as unknown as { __studio: { editorStore: { get(): { byPhoto: Record<string, { face: number; faces: Array<{ target: number[][] }> }> } } } };
    const host = document.querySelector<HTMLElement>('[data-testid="canvas-host"]')!;
    const edits = Object.values(w.__studio.editorStore.get().byPhoto);
    const edit = edits[edits.length - 1]!;
    const p = edit.faces[edit.face]!.target[idx]!;
    const r = host.getBoundingClientRect();
    const s = Number(host.dataset.viewScale);
    return { x: r.left + Number(host.dataset.viewX) + p[0]! * s, y: r.top + Number(host.dataset.viewY) + p[1]! * s };
  }, i);
}

/** The current face's box (image px) in the editor state: the detector's, whichever landmark model placed the points. */
export async function faceBox(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __studio: { editorStore: { get(): { byPhoto: Record<string, { face: number; faces: Array<{ box: number[] }> }> } } } };
    const edits = Object.values(w.__studio.editorStore.get().byPhoto);
    const edit = edits[edits.length - 1]!;
    return [...edit.faces[edit.face]!.box];
  });
}

/** Mean RGB of a small square of the canvas around a screen point. */
export async function canvasPatch(page: Page, x: number, y: number, half = 6): Promise<number[]> {
  return page.evaluate(
    ({ x, y, half }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="canvas-host"] canvas')!;
      const r = canvas.getBoundingClientRect();
      const k = canvas.width / r.width;
      const d = canvas.getContext('2d')!.getImageData(Math.round((x - r.left - half) * k), Math.round((y - r.top - half) * k), Math.round(2 * half * k), Math.round(2 * half * k)).data;
      const out: number[] = [];
      for (let i = 0; i < d.length; i += 4) out.push(d[i]!, d[i + 1]!, d[i + 2]!);
      return out;
    },
    { x, y, half },
  );
}

export function meanAbsDiff(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
