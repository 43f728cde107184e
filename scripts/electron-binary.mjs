/**
 * Where the Electron executable is, found without `require('electron')`: since Electron 45 that
 * require downloads the binary on first use, which hangs or fails on machines without internet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @returns {{ path?: string, reason?: string }} */
export function findElectronBinary() {
  let dir;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = path.join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  if (!relative && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { reason: "Electron's binary was never downloaded (its install step is blocked or was skipped)" };
  }
  const full = path.join(distDir, relative ?? 'electron');
  return existsSync(full) ? { path: full } : { reason: `Electron's binary is missing at ${full}` };
}
