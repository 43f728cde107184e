/**
 * The packaging config, checked without an Electron download: electron-builder's own matcher
 * copies extraResources as `electron-builder --dir` would, and every file the manifest and the
 * loaders read must arrive; the fuses that close Node-level entry points must be set.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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
  copyFiles(matchers: unknown[] | null, transformer: null, hardLinks: boolean): Promise<void>;
};
const config = yaml.load(readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, unknown>;

/** What the packaged app reads from its native-models folder: the manifest, its files, and the loaders' data files. */
function filesTheAppReads(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'native-models/manifest.json'), 'utf8')) as { models: Array<{ file: string }> };
  return ['manifest.json', ...manifest.models.map((m) => m.file), ARTWORKS_FILE];
}

test('extraResources carries every file the manifest and the loaders read, byte for byte', async () => {
  const resources = mkdtempSync(path.join(os.tmpdir(), 'cs-resources-'));
  const matchers = getFileMatchers(config, 'extraResources', resources, {
    defaultSrc: root,
    macroExpander: (s: string) => s,
    customBuildOptions: {},
    globalOutDir: path.join(root, 'dist'),
  });
  await copyFiles(matchers, null, false);
  const copied = new Set(readdirSync(path.join(resources, 'native-models')));
  for (const f of filesTheAppReads()) {
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
