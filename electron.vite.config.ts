/** electron-vite: main (ESM-free CJS for Electron), the sandboxed preload (fully bundled), the renderer. */
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // The guided-synthesis worker thread is its own entry: out/main/synthesis-worker.cjs, which
        // services/style/synthesis/pool.ts starts from beside the bundled main.
        input: { index: path.resolve('electron/main/index.ts'), 'synthesis-worker': path.resolve('electron/services/style/synthesis/worker.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can't require node_modules: bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: { input: { index: path.resolve('electron/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    ...rendererConfig,
    build: { ...rendererConfig.build, rollupOptions: { input: path.resolve('renderer/index.html') } },
  },
});
