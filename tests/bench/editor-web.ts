/**
 * The artist's loop as the web host serves it: a handle dragged in Chromium, and the time from
 * each pointer move to its live preview's pixels on screen (performance.measure in the renderer),
 * next to a plain per-pixel TypeScript TPS warp of the same 512 px preview measured in this run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { startWebHost } from '../../electron/hosts/web/server.js';
import { decodeImage, fitWithin } from '../../electron/services/images/decode.js';
import { FaceService } from '../../electron/services/faces/service.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { safeMapping } from '../../electron/services/warp/folds.js';
import { referenceWarp } from '../integration/warp-reference.js';
import { median } from './stats.js';

const MOVES = 40;


export async function bench(): Promise<void> {
  if (!existsSync('out/renderer/index.html')) {
    console.log('editor-web: skipped (build the renderer first: npm run build:renderer)');
    return;
  }
  const portrait = await sharp(readFileSync('node_modules/@vladmandic/face-api/demo/sample3.jpg')).extract({ left: 885, top: 115, width: 600, height: 560 }).resize(1024).jpeg({ quality: 92 }).toBuffer();
  const host = await startWebHost();
  const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] } : {});
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${host.url}&e2e=1`);
    await page.getByTestId('file-input').setInputFiles({ name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: portrait });
    await page.getByTestId('faces-panel').waitFor();
    const at = await page.evaluate(() => {
      const w = window as unknown as { __studio: { editorStore: { get(): { byPhoto: Record<string, { face: number; faces: Array<{ target: number[][] }> }> } } } };
      const host = document.querySelector<HTMLElement>('[data-testid="canvas-host"]')!;
      const edit = Object.values(w.__studio.editorStore.get().byPhoto)[0]!;
      const p = edit.faces[edit.face]!.target[8]!;
      const r = host.getBoundingClientRect();
      const s = Number(host.dataset.viewScale);
      return { x: r.left + Number(host.dataset.viewX) + p[0]! * s, y: r.top + Number(host.dataset.viewY) + p[1]! * s };
    });
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    for (let i = 1; i <= MOVES; i++) {
      await page.mouse.move(at.x + Math.sin(i / 4) * 20, at.y + i * 0.8);
      await page.waitForTimeout(30); // about a 30 Hz pointer, as a hand drags
    }
    await page.mouse.up();
    await page.waitForTimeout(500);
    const ms = await page.evaluate(() => performance.getEntriesByName('warp:pointer-to-preview').map((e) => e.duration));

    // The peer: the same 512 px preview warped per pixel in TypeScript.
    const inference = new InferenceService();
    const img = await fitWithin(await decodeImage(new Uint8Array(portrait)), 512);
    const face = await new FaceService(inference).face(img, 0);
    const target = face.landmarks.map(([x, y], i) => (i === 8 ? [x + 10, y + 16] : [x, y]) as [number, number]);
    const m = safeMapping(img.width, img.height, face.landmarks, target).mapping;
    const ref: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      referenceWarp(img, m);
      ref.push(performance.now() - t0);
    }
    await inference.dispose();
    const med = median(ms);
    console.log(`pointer move → live preview pixels (web host, Chromium, 512 px preview): ${med.toFixed(1)} ms median over ${ms.length} previews for ${MOVES} moves (target ≤ 50 ms)`);
    console.log(`  plain per-pixel TypeScript TPS warp of the same preview alone: ${median(ref).toFixed(0)} ms median → the whole loop is ${(median(ref) / med).toFixed(1)}× faster than that warp`);
  } finally {
    await browser.close();
    await host.close();
  }
}
