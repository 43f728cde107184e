/** resourcePaths(): one answer for the repository, the electron-vite bundle and the packaged app. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import config from '../../electron.vite.config.js';
import { resourcePaths } from '../../electron/services/resources.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

test('from the repository: the app root, its native-models, the built renderer and preload', () => {
  const r = resourcePaths(undefined, {});
  assert.equal(r.appRoot, ROOT);
  assert.equal(JSON.parse(readFileSync(path.join(r.appRoot, 'package.json'), 'utf8')).name, 'caricature-studio');
  assert.ok(existsSync(path.join(r.modelsDir, 'manifest.json')));
  assert.equal(r.rendererDir, path.join(ROOT, 'out', 'renderer'));
  assert.equal(r.preloadFile, path.join(ROOT, 'out', 'preload', 'index.cjs'));
});

test('packaged: the models come from the resources folder, the rest from the app', () => {
  const r = resourcePaths('/opt/Caricature Studio/resources', {});
  assert.equal(r.modelsDir, path.join('/opt/Caricature Studio/resources', 'native-models'));
  assert.equal(r.rendererDir, path.join(ROOT, 'out', 'renderer'));
  assert.equal(resourcePaths('/x', { CARICATURE_MODELS_DIR: '/tmp/models' }).modelsDir, '/tmp/models');
});

test('the bundle sits as deep below the app root as resources.ts does (one relative step serves both)', () => {
  const cfg = config as { main?: { build?: { outDir?: string } }; preload?: { build?: { outDir?: string } } };
  const depth = (p: string) => path.normalize(p).split(path.sep).length;
  assert.equal(depth(cfg.main!.build!.outDir!), depth(path.relative(ROOT, path.join(ROOT, 'electron/services'))));
  assert.equal(path.join(ROOT, cfg.preload!.build!.outDir!, 'index.cjs'), resourcePaths(undefined, {}).preloadFile);
});
