import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';
import { isAppUrl, mayLoad, mayOpenExternally } from '../../electron/main/window-options.js';
import { contentSecurityPolicy } from '../../electron/security/csp.js';
import { resourcePaths } from '../../electron/services/resources.js';

/**
 * main/index.ts only runs inside Electron, whose binary cannot be installed here, so what it wires
 * is read from its syntax tree. The BrowserWindow options stay a literal at the call site on
 * purpose: electronegativity (CI) reports a HIGH finding when it cannot see them.
 */
const MAIN = (() => {
  const file = new URL('../../electron/main/index.ts', import.meta.url);
  return ts.createSourceFile('index.ts', readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
})();

function calls(where: ts.Node, callee: string): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && (n.expression.getText(MAIN) === callee || (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === callee))) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(where);
  return found;
}

/** The one listener main registers for `event` with `.on(event, listener)`. */
function listenerOf(event: string): ts.ArrowFunction {
  const found = calls(MAIN, 'on').filter((c) => c.arguments[0] && ts.isStringLiteral(c.arguments[0]) && c.arguments[0].text === event);
  assert.equal(found.length, 1, `one listener for ${event}`);
  const fn = found[0]!.arguments[1];
  assert.ok(fn && ts.isArrowFunction(fn), `${event}: an arrow function`);
  return fn;
}

/** The only argument of the one call to `callee`, which must be an arrow function. */
function handlerOf(callee: string): ts.ArrowFunction {
  const found = calls(MAIN, callee);
  assert.equal(found.length, 1, `one call to ${callee}`);
  const fn = found[0]!.arguments.at(-1);
  assert.ok(fn && ts.isArrowFunction(fn), `${callee}: an arrow function`);
  return fn;
}

/** Statement texts with whitespace squeezed, for comparing a handler's body with what it must be. */
const body = (fn: ts.ArrowFunction) => fn.body.getText(MAIN).replace(/\s+/g, ' ');

/** The literal webPreferences of `new BrowserWindow({...})` in the real main process source. */
function webPreferencesInMain(): Record<string, string> {
  const found: Array<Record<string, string>> = [];
  const visit = (n: ts.Node) => {
    if (ts.isNewExpression(n) && n.expression.getText(MAIN) === 'BrowserWindow') {
      const arg = n.arguments?.[0];
      assert.ok(arg && ts.isObjectLiteralExpression(arg), 'BrowserWindow options must be an object literal');
      const prefs = arg.properties.find((p) => p.name?.getText(MAIN) === 'webPreferences');
      assert.ok(prefs && ts.isPropertyAssignment(prefs) && ts.isObjectLiteralExpression(prefs.initializer));
      const out: Record<string, string> = {};
      for (const p of prefs.initializer.properties) {
        assert.ok(ts.isPropertyAssignment(p), 'no spreads or shorthands in webPreferences');
        out[p.name.getText(MAIN)] = p.initializer.getText(MAIN);
      }
      found.push(out);
    }
    ts.forEachChild(n, visit);
  };
  visit(MAIN);
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
  // The preload is the bundled one, wherever the app runs from (resources.ts).
  assert.equal(w.preload, 'resources.preloadFile');
  assert.match(resourcePaths().preloadFile, /out[/\\]preload[/\\]index\.cjs$/);
});

test('what the window may open or load: no new window, https links to the browser, no remote content', () => {
  for (const u of ['https://onnxruntime.ai/docs/']) assert.equal(mayOpenExternally(u), true, u);
  for (const u of ['https://example.org/paper.pdf', 'http://example.org', 'file:///etc/passwd', 'javascript:alert(1)', 'app://studio/x', 'smb://host/share', ' https://x']) {
    assert.equal(mayOpenExternally(u), false, u);
  }
  for (const u of ['app://studio/index.html', 'blob:app://studio/1234', 'data:image/png;base64,AA==', 'devtools://devtools/bundled/x.html']) assert.equal(mayLoad(u), true, u);
  for (const u of ['https://cdn.example.org/x.js', 'http://127.0.0.1:8080/', 'ws://127.0.0.1:1/', 'file:///etc/passwd', 'ftp://x/']) assert.equal(mayLoad(u), false, u);
});

test('main wires those decisions and refuses webviews and permissions unconditionally', () => {
  // Every return of the window-open handler is a denial; the only other effect is the external open.
  const open = handlerOf('setWindowOpenHandler');
  assert.match(body(open), /^\{ if \(mayOpenExternally\(url\)\) shell\.openExternal\(url\)\.catch\(reportError\('Cannot open the link'\)\); return \{ action: 'deny' \}; \}$/);
  assert.equal(body(listenerOf('will-navigate')), '{ if (!isAppUrl(url)) e.preventDefault(); }');
  assert.equal(body(listenerOf('will-attach-webview')), 'e.preventDefault()');
  assert.equal(body(handlerOf('setPermissionRequestHandler')), 'cb(false)');
  assert.equal(body(handlerOf('onBeforeRequest')), '{ cb({ cancel: !mayLoad(details.url) }); }');
  // Sandboxing for every renderer is switched on at load, before any window exists.
  const topLevel = MAIN.statements.map((st) => st.getText(MAIN));
  assert.ok(topLevel.includes('app.enableSandbox();'), 'app.enableSandbox() at top level');
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
