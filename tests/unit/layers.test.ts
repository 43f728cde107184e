/**
 * The layer rules of docs/ARCHITECTURE.md, checked on the real import graph: every module
 * specifier of every source file (static, type-only, re-exports and dynamic import()), read with
 * TypeScript's own pre-processor, resolved to a repository path when relative.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILTINS = new Set(builtinModules);

interface Import {
  /** Repository-relative path of the importing file. */
  file: string;
  specifier: string;
  /** Repository-relative target for a relative specifier; undefined for a package or builtin. */
  target?: string;
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
}

function importsOf(dir: string): Import[] {
  return sourcesUnder(dir).flatMap((file) =>
    ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true).importedFiles.map(({ fileName: specifier }) => ({
      file,
      specifier,
      target: specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined,
    })),
  );
}

const isBuiltin = (s: string) => s.startsWith('node:') || BUILTINS.has(s.split('/')[0]!);
const within = (target: string | undefined, dir: string) => target !== undefined && (target === dir || target.startsWith(`${dir}/`));
const show = (bad: Import[]) => bad.map((i) => `${i.file} imports '${i.specifier}'`).join('\n');

test('the import graph is read: each layer has files and imports', () => {
  // Guards the checks below against passing vacuously on an empty or mis-parsed tree.
  for (const dir of ['common', 'renderer/src', 'electron/services', 'build']) assert.ok(importsOf(dir).length > 20, dir);
  assert.ok(importsOf('renderer/src').some((i) => within(i.target, 'common')), 'the renderer uses common/');
});

test('common/ is zod and plain TypeScript: it imports only itself and zod', () => {
  const bad = importsOf('common').filter((i) => !(within(i.target, 'common') || i.specifier === 'zod'));
  assert.equal(bad.length, 0, show(bad));
});

test('the renderer imports nothing from electron/ and no Node builtin', () => {
  const bad = importsOf('renderer/src').filter((i) => within(i.target, 'electron') || i.specifier === 'electron' || isBuiltin(i.specifier));
  assert.equal(bad.length, 0, show(bad));
});

test('services import neither electron nor the hosts, main process or renderer', () => {
  const bad = importsOf('electron/services').filter(
    (i) => i.specifier === 'electron' || i.specifier.startsWith('electron/') || ['electron/hosts', 'electron/main', 'electron/preload', 'renderer'].some((d) => within(i.target, d)),
  );
  assert.equal(bad.length, 0, show(bad));
});

test('only the Electron host (main process and preload) imports electron', () => {
  const bad = ['common', 'electron', 'renderer/src', 'build']
    .flatMap(importsOf)
    .filter((i) => (i.specifier === 'electron' || i.specifier.startsWith('electron/')) && !/^electron\/(main|preload)\//.test(i.file));
  assert.equal(bad.length, 0, show(bad));
});

test('model recipes and training scripts import neither the hosts nor the renderer', () => {
  const bad = importsOf('build').filter((i) => ['electron/hosts', 'electron/main', 'electron/preload', 'renderer'].some((d) => within(i.target, d)));
  assert.equal(bad.length, 0, show(bad));
});
