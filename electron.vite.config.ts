/** electron-vite: main (ESM-free CJS for Electron) with its worker entries, the sandboxed preload (fully bundled), the renderer. */
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // Worker threads are entries of their own, written beside index.cjs: workers/pool.ts
        // finds `<name>.cjs` next to the bundle that creates the pool. Modules that find files
        // from import.meta.url (resources.ts, geometry-pool.ts) must stay in index.cjs, not in a
        // chunk shared with a worker: workers import only their pure task modules.
        input: {
          index: path.resolve('electron/main/index.ts'),
          'geometry-worker': path.resolve('electron/services/warp/geometry-worker.ts'),
          'synthesis-worker': path.resolve('electron/services/style/synthesis/synthesis-worker.ts'),
        },
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
