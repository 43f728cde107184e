/**
 * Every channel of the contract, attacked with malformed payloads through the in-process
 * dispatcher and through the web host's WebSocket: each gets a typed error and the host keeps
 * serving.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { z } from 'zod';
import { channelNames, contract } from '../../common/ipc/contract.js';
import { decodeFrame, encodeFrame } from '../../common/ipc/wire.js';
import { buildHandlers } from '../../electron/hosts/handlers/index.js';
import { createDispatcher } from '../../electron/hosts/registry.js';
import { createServices } from '../../electron/hosts/services.js';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server.js';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Malformed payloads for one channel, derived from its request schema's fields. */
function malformed(channel: keyof typeof contract): Array<[string, unknown]> {
  const schema = contract[channel].request as z.ZodObject;
  const keys = Object.keys(schema.shape);
  const cases: Array<[string, unknown]> = [
    ['null', null],
    ['number', 42],
    ['string', 'payload'],
    ['array', []],
    ['__proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
    ['constructor key', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
    ['unknown field with a 10 MB string', { [`${keys[0] ?? 'extra'}_unknown`]: TEN_MB }],
  ];
  if (keys.length) cases.push(['missing fields', {}]);
  for (const k of keys) {
    cases.push([`${k} = NaN`, { [k]: Number.NaN }]);
    cases.push([`${k} = Infinity`, { [k]: Number.POSITIVE_INFINITY }]);
    cases.push([`${k} = 10 MB string`, { [k]: TEN_MB }]);
    cases.push([`${k} = object`, { [k]: { nested: [1, 2, 3] } }]);
  }
  return cases;
}

test('every channel has a zod request and response schema', () => {
  assert.ok(channelNames.length >= 5);
  for (const c of channelNames) {
    assert.ok(contract[c].request instanceof z.ZodType, `${c} request`);
    assert.ok(contract[c].response instanceof z.ZodType, `${c} response`);
  }
});

test('in-process dispatcher: malformed payloads on every channel get a typed bad-request', async () => {
  const services = createServices({ userDataDir: '/nonexistent/never-written' });
  const dispatcher = createDispatcher(
    buildHandlers('web', () => false, async () => ({ saved: false, download: true })),
    services,
  );
  for (const channel of channelNames) {
    for (const [name, payload] of malformed(channel)) {
      const env = await dispatcher.dispatch(channel, payload);
      assert.equal(env.ok, false, `${channel} / ${name} was accepted`);
      if (!env.ok) assert.equal(env.error.code, 'bad-request', `${channel} / ${name}: ${env.error.message}`);
    }
  }
  for (const bad of ['nope:nothing', '__proto__', 'constructor', 'toString', 42, null]) {
    const env = await dispatcher.dispatch(bad, {});
    assert.deepEqual(env.ok ? 'accepted' : env.error.code, 'unknown-channel', String(bad));
  }
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
  const info = await dispatcher.dispatch('app:info', {});
  assert.equal(info.ok, true);
});

let host: WebHost;
before(async () => {
  host = await startWebHost({ services: createServices({ userDataDir: '/nonexistent/never-written' }) });
});
after(() => host.close());

function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function rpc(ws: WebSocket, frame: Uint8Array | string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(decodeFrame(new Uint8Array(data as Buffer)) as Record<string, unknown>));
    ws.send(frame);
  });
}

test('web host: malformed payloads on every channel get a typed error and the host keeps serving', async () => {
  const ws = await connect(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  let id = 0;
  for (const channel of channelNames) {
    for (const [name, payload] of malformed(channel)) {
      const reply = await rpc(ws, encodeFrame({ id: ++id, channel, payload }));
      assert.equal(reply.id, id);
      assert.equal(reply.ok, false, `${channel} / ${name}`);
      assert.equal((reply.error as { code: string }).code, 'bad-request', `${channel} / ${name}`);
    }
  }
  const unknown = await rpc(ws, encodeFrame({ id: ++id, channel: 'shell:exec', payload: {} }));
  assert.equal((unknown.error as { code: string }).code, 'unknown-channel');
  for (const garbage of [Buffer.from('not a frame'), 'a text frame', new Uint8Array([1, 0, 0, 0])]) {
    const reply = await rpc(ws, garbage as Uint8Array);
    assert.equal((reply.error as { code: string }).code, 'bad-request');
  }
  const info = await rpc(ws, encodeFrame({ id: ++id, channel: 'app:info', payload: {} }));
  assert.equal(info.ok, true, 'host still serves after the attack');
  ws.close();
});

test('web host: binds 127.0.0.1 and refuses a missing or wrong token and a foreign origin', async () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  await assert.rejects(connect(`ws://127.0.0.1:${host.port}/ws`), /403/);
  await assert.rejects(connect(`ws://127.0.0.1:${host.port}/ws?token=${'0'.repeat(48)}`), /403/);
  await assert.rejects(connect(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, 'http://evil.example'), /403/);
  const res = await fetch(`http://127.0.0.1:${host.port}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
  const traversal = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fpackage.json`);
  assert.equal(traversal.status, 404);
});
