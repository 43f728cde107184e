import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';
import { isAppUrl } from '../../electron/main/window-options.js';
import { contentSecurityPolicy } from '../../electron/security/csp.js';

/** The literal webPreferences of `new BrowserWindow({...})` in the real main process source. */
function webPreferencesInMain(): Record<string, string> {
  const file = new URL('../../electron/main/index.ts', import.meta.url);
  const src = ts.createSourceFile('index.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<Record<string, string>> = [];
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n) && n.expression.getText(src) === 'BrowserWindow') {
      const arg = n.arguments?.[0];
      assert.ok(arg && ts.isObjectLiteralExpression(arg), 'BrowserWindow options must be an object literal');
      const prefs = arg.properties.find((p) => p.name?.getText(src) === 'webPreferences');
      assert.ok(prefs && ts.isPropertyAssignment(prefs) && ts.isObjectLiteralExpression(prefs.initializer));
      const out: Record<string, string> = {};
      for (const p of prefs.initializer.properties) {
        assert.ok(ts.isPropertyAssignment(p), 'no spreads or shorthands in webPreferences');
        out[p.name.getText(src)] = p.initializer.getText(src);
      }
      found.push(out);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  assert.equal(found.length, 1, 'exactly one BrowserWindow');
  return found[0]!;
}

test('the BrowserWindow is isolated, sandboxed and has no Node integration', () => {
  const w = webPreferencesInMain();
  assert.equal(w.contextIsolation, 'true');
  assert.equal(w.sandbox, 'true');
  assert.equal(w.nodeIntegration, 'false');
  assert.equal(w.nodeIntegrationInWorker, 'false');
  assert.equal(w.nodeIntegrationInSubFrames, 'false');
  assert.equal(w.webSecurity, 'true');
  assert.equal(w.allowRunningInsecureContent, 'false');
  assert.equal(w.webviewTag, 'false');
  assert.equal(w.disableBlinkFeatures, "'Auxclick'");
  assert.match(w.preload ?? '', /preload\/index\.cjs/);
});

test('main blocks navigation, new windows, webviews, permissions and remote requests', () => {
  const src = readFileSync(new URL('../../electron/main/index.ts', import.meta.url), 'utf8');
  assert.match(src, /setWindowOpenHandler\([^)]*\)[\s\S]*?action: 'deny'/);
  assert.match(src, /'will-navigate'[\s\S]*?preventDefault/);
  assert.match(src, /'will-attach-webview'[\s\S]*?preventDefault/);
  assert.match(src, /setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\)/);
  assert.match(src, /app\.enableSandbox\(\)/);
});

test('only the app origin counts as the app', () => {
  assert.equal(isAppUrl('app://studio/index.html'), true);
  for (const u of ['https://studio/index.html', 'app://evil/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
    assert.equal(isAppUrl(u), false, u);
  }
});

test('the CSP allows only the app itself and, in the web host, its loopback socket', () => {
  const directives = new Map(
    contentSecurityPolicy({ webSocketOrigin: 'ws://127.0.0.1:5173' })
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v]),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('style-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('connect-src'), ["'self'", 'ws://127.0.0.1:5173']);
  for (const [, values] of directives) {
    for (const v of values) assert.doesNotMatch(v, /unsafe|\*|^https?:/, v);
  }
  assert.doesNotMatch(contentSecurityPolicy(), /ws:/, 'Electron needs no socket');
});

test('the page itself carries the same policy in a meta tag', () => {
  const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(meta, /default-src 'none'/);
  assert.match(meta, /script-src 'self';/);
  assert.doesNotMatch(meta, /unsafe/);
});
