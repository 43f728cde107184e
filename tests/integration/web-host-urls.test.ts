/**
 * The web host answers every request target — malformed percent-escapes, absolute-form URLs,
 * NUL bytes, traversal — with a 4xx, with and without `Upgrade: websocket`, and keeps serving.
 * Raw sockets, because fetch and ws normalise the target before it leaves the client.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createServices } from '../../electron/hosts/services.js';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server.js';

let host: WebHost;
let dir: string;
let stale: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'web-urls-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  // A write killed mid-way in an earlier run left this behind: start-up removes it (item 7).
  const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  mkdirSync(path.join(dir, 'user', 'presets'), { recursive: true });
  stale = path.join(dir, 'user', 'presets', `.mine.json.${deadPid}-0123456789ab.tmp`);
  writeFileSync(stale, '{"half":');
  host = await startWebHost({ staticDir: dir, services: createServices({ userDataDir: path.join(dir, 'user') }) });
});
after(async () => {
  await host.close();
  await host.services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw bytes and returns the status code of the first response line (0 if the socket closed silently). */
function raw(request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect(host.port, '127.0.0.1');
    let got = '';
    s.setTimeout(5000, () => {
      s.destroy();
      reject(new Error(`no answer to ${JSON.stringify(request.split('\r\n')[0])}`));
    });
    s.on('data', (d) => {
      got += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) {
        s.destroy();
        resolve(Number(m[1]));
      }
    });
    s.on('error', () => resolve(0));
    s.on('close', () => resolve(0));
    s.write(request, 'latin1');
  });
}

const TARGETS = [
  '/%',
  '/%zz',
  '/assets/%E0%A4%A',
  '/%C0%AF',
  '/%00',
  '/a%00b.js',
  '/..%2f..%2fetc%2fpasswd',
  '/%2e%2e/%2e%2e/etc/passwd',
  'http://a:b/',
  'http://127.0.0.1:1/index.html',
  'http://[::1/',
  '//evil.example/',
  '*',
  'index.html',
  '/ws?token=%',
  '/ws%',
  '/\\..\\..\\etc\\passwd',
];

test('every malformed request target gets 400 or 404 and the host keeps serving', async () => {
  for (const target of TARGETS) {
    for (const upgrade of [false, true]) {
      const extra = upgrade ? 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' : '';
      const status = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`);
      assert.ok([400, 403, 404].includes(status), `${target}${upgrade ? ' (upgrade)' : ''}: status ${status}`);
      assert.equal(await raw('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 200, `host died after ${target}${upgrade ? ' (upgrade)' : ''}`);
    }
  }
});

test("start-up removed a killed writer's temp file from user data", () => {
  assert.equal(existsSync(stale), false);
});

test('a NUL byte in the raw target is refused by the parser and the host lives', async () => {
  const status = await raw('GET /a\0b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  assert.ok([0, 400].includes(status));
  assert.equal(await raw('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 200);
});
