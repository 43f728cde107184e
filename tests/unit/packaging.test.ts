/**
 * The packaging config, checked without an Electron download: electron-builder's own matcher
 * copies extraResources as `electron-builder --dir` would, and every file the manifest and the
 * loaders read must arrive; the fuses that close Node-level entry points must be set.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ARTWORKS_FILE } from '../../electron/services/style/artworks.js';

const root = path.resolve(import.meta.dirname, '../..');
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'));
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const { getFileMatchers, copyFiles } = builderRequire('./fileMatcher') as {
  getFileMatchers(config: unknown, name: string, to: string, opts: unknown): unknown[] | null;
  copyFiles(matchers: unknown[], transformer: null, hardLinks: boolean): Promise<void>;
};
const config = yaml.load(readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown>;

/** What the packaged app reads from its native-models folder: the manifest, its files, and the loaders' data files. */
function filesTheAppReads(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'native-models/manifest.json'), 'utf8')) as { models: Array<{ file: string }> };
  return ['manifest.json', ...manifest.models.map((m) => m.file), ARTWORKS_FILE];
}

function extraResourcesMatchers(resources: string): Array<{ from: string; createFilter(): (file: string, stat: Stats) => boolean }> {
  return getFileMatchers(config, 'extraResources', resources, {
    defaultSrc: root,
    macroExpander: (s: string) => s,
    customBuildOptions: {},
    globalOutDir: path.join(root, 'dist'),
  }) as Array<{ from: string; createFilter(): (file: string, stat: Stats) => boolean }>;
}

test("extraResources' filter takes every file the manifest and the loaders read, built here or not", () => {
  const [models] = extraResourcesMatchers(mkdtempSync(path.join(os.tmpdir(), 'cs-resources-'))).filter((m) => m.from === path.join(root, 'native-models'));
  assert.ok(models, 'native-models is copied as an extra resource');
  const take = models.createFilter();
  const aFile = statSync(path.join(root, 'package.json'));
  for (const f of filesTheAppReads()) assert.ok(take(path.join(models.from, f), aFile), `${f} would be left out of the packaged app`);
});

test('copying extraResources as electron-builder does brings every model file present here, byte for byte', async () => {
  const resources = mkdtempSync(path.join(os.tmpdir(), 'cs-resources-'));
  await copyFiles(extraResourcesMatchers(resources), null, false);
  const copied = new Set(readdirSync(path.join(resources, 'native-models')));
  // A model CI builds but this machine can't (the dlib predictor needs libdlib-data) is checked by the filter test above.
  for (const f of filesTheAppReads().filter((f) => existsSync(path.join(root, 'native-models', f)))) {
    assert.ok(copied.has(f), `${f} would be missing from the packaged app`);
    assert.deepEqual(readFileSync(path.join(resources, 'native-models', f)), readFileSync(path.join(root, 'native-models', f)), f);
  }
  const local = readdirSync(path.join(root, 'native-models')).filter((f) => !f.endsWith('.tmp'));
  assert.deepEqual([...copied].sort(), local.sort(), 'the whole native-models folder is packaged');
});

test('the fuses close Node-level entry points and check the asar', () => {
  assert.notEqual(config.asar, false, 'asar integrity needs an asar');
  assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
  });
});
