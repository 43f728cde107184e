/** The renderer's Vite config, shared by the web host build and electron-vite. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export const rendererConfig: UserConfig = {
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '../out/renderer'),
    emptyOutDir: true,
    // No inline <script> or data: module preload: the CSP allows only 'self' scripts.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
};

export default rendererConfig;
