/**
 * The Electron main process's remaining gates (issue #14 items 12 and 13), read from its source
 * and exercised through the plain-data modules it uses, since no Electron binary runs here:
 * permission checks and device requests are denied, window.open reaches the browser only for an
 * allow-list of https pages, a packaged app has no DevTools, and app:// answers from files it reads
 * itself instead of a file: fetch that the remote-content filter would cancel.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { menuSpec, type MenuItemSpec } from '../../electron/main/menu.js';
import { EXTERNAL_URL_PREFIXES, mayLoad, mayOpenExternally } from '../../electron/main/window-options.js';
import { contentType, staticFile } from '../../electron/hosts/static-files.js';

const mainSource = readFileSync(new URL('../../electron/main/index.ts', import.meta.url), 'utf8');

/** Every call `<something>.<method>(…)` in main/index.ts, with its argument texts. */
function callsTo(method: string): string[][] {
  const src = ts.createSourceFile('index.ts', mainSource, ts.ScriptTarget.Latest, true);
  const out: string[][] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === method) out.push(n.arguments.map((a) => a.getText(src)));
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

test('permission checks and device permission requests are denied', () => {
  assert.deepEqual(callsTo('setPermissionCheckHandler'), [['() => false']]);
  assert.deepEqual(callsTo('setDevicePermissionHandler'), [['() => false']]);
  assert.deepEqual(callsTo('setPermissionRequestHandler'), [['(_wc, _perm, cb) => cb(false)']]);
});

test('window.open opens only allow-listed https pages, in the browser, and never a window', () => {
  const [handler] = callsTo('setWindowOpenHandler');
  assert.ok(handler);
  assert.match(handler[0]!, /if \(mayOpenExternally\(url\)\) shell\.openExternal\(url\)/);
  assert.match(handler[0]!, /return \{ action: 'deny' \};\s*\}$/);
  for (const ok of [...EXTERNAL_URL_PREFIXES, 'https://onnxruntime.ai/docs/execution-providers/', 'https://github.com/vladmandic/face-api/blob/master/LICENSE']) {
    assert.equal(mayOpenExternally(ok), true, ok);
  }
  for (const bad of [
    'http://onnxruntime.ai/',
    'https://onnxruntime.ai.evil.example/',
    'https://evil.example/https://onnxruntime.ai/',
    'https://user:pw@onnxruntime.ai/',
    'https://onnxruntime.ai:8443/',
    'https://github.com/vladmandic/face-api-evil',
    'https://github.com/evil/repo',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'not a url',
  ]) {
    assert.equal(mayOpenExternally(bad), false, bad);
  }
});

test('a packaged app has no DevTools: no menu item, and devTools off in webPreferences', () => {
  const roles = (items: MenuItemSpec[]): string[] => items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);
  assert.ok(roles(menuSpec([], { devTools: true })).includes('toggleDevTools'));
  assert.ok(!roles(menuSpec(['/a.jpg'], { devTools: false })).includes('toggleDevTools'));
  assert.match(mainSource, /menuSpec\(recent, \{ devTools: !app\.isPackaged \}\)/);
  assert.match(mainSource, /devTools: !app\.isPackaged,/);
});

test('app:// is served from files read in the main process, never through a file: fetch', async () => {
  assert.deepEqual(callsTo('fetch'), [], 'net.fetch passes through the remote-content filter');
  assert.equal(mayLoad('file:///opt/app/resources/app.asar/out/renderer/index.html'), false, 'the filter cancels file: requests');
  for (const u of ['app://studio/index.html', 'blob:app://studio/1', 'data:image/png;base64,AA', 'devtools://devtools/bundled/x']) assert.equal(mayLoad(u), true, u);
  for (const u of ['https://example.com/', 'http://127.0.0.1/', 'ws://127.0.0.1/', 'chrome-extension://x/']) assert.equal(mayLoad(u), false, u);
  const [handler] = callsTo('handle').filter((args) => args[0] === 'APP_SCHEME');
  assert.ok(handler, 'protocol.handle(APP_SCHEME, …)');
  assert.match(handler[1]!, /staticFile\(rendererDir, new URL\(request\.url\)\.pathname\)/);
  assert.match(handler[1]!, /fs\.readFile\(target\.file\)/);
  // What that handler resolves, on a real folder.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-renderer-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  assert.deepEqual(staticFile(dir, '/'), { file: path.join(dir, 'index.html') });
  assert.deepEqual(staticFile(dir, '/assets/a%20b.js'), { file: path.join(dir, 'assets/a b.js') });
  assert.deepEqual(staticFile(dir, '/../../etc/passwd'), { error: 'outside' });
  assert.deepEqual(staticFile(dir, '/%E0%A4%A'), { error: 'bad' });
  assert.equal(contentType('x/INDEX.HTML'), 'text/html; charset=utf-8');
  assert.equal(contentType('x/font.bin'), 'application/octet-stream');
});

test('a reloaded or closed window ends its connection: its jobs are aborted and its photos closed', () => {
  assert.match(mainSource, /contents\.on\('did-start-navigation', \(details\) => \{\s*if \(details\.isMainFrame && !details\.isSameDocument\) endConnection\(contents\);/);
  assert.match(mainSource, /contents\.once\('destroyed', \(\) => endConnection\(contents\)\)/);
  assert.match(mainSource, /return connectionOf\(event\.sender\)\.dispatch\(channel, m\.payload, \{ jobId: m\.jobId \}\)/);
});
