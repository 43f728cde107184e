/**
 * `npm start` / `npm run dev`: builds and launches the Electron app, or says in one sentence why
 * it cannot (no Electron binary here) and what to use instead.
 */
import { spawnSync } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

const bin = findElectronBinary();
if (!bin.path) {
  console.error(
    `Caricature Studio cannot start its window: ${bin.reason}; run \`node node_modules/electron/install.js\` on a machine with internet access, or use \`npm run dev:web\` to run the same app in a browser.`,
  );
  process.exit(1);
}
const dev = process.argv.includes('--dev');
const r = spawnSync('npx', ['electron-vite', dev ? 'dev' : 'preview'], { stdio: 'inherit', env: { ...process.env, ELECTRON_EXEC_PATH: bin.path } });
process.exit(r.status ?? 1);
