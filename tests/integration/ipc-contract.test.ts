/**
 * Every channel of the contract, attacked with malformed payloads through the in-process
 * dispatcher and through the web host's WebSocket: each gets a typed error and the host keeps
 * serving.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { z } from 'zod';
import { channelNames, contract, isChannel, type Channel, type Req } from '../../common/ipc/contract.js';
import type { Point } from '../../common/geometry.js';
import { decodeFrame, encodeFrame } from '../../common/ipc/wire.js';
import { buildHandlers } from '../../electron/hosts/handlers/index.js';
import { createDispatcher } from '../../electron/hosts/registry.js';
import { createServices } from '../../electron/hosts/services.js';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server.js';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const face: Point[] = Array.from({ length: 68 }, (_, i) => [100 + (i % 17) * 5, 100 + Math.floor(i / 17) * 20]);
const faceRef = { photoId: 'photo-1', face: 0, source: face };
const variations = { ...faceRef, rows: 2, cols: 3, seed: 7, temperature: 1, cellSize: 128, geometrySeed: 1, styleSeed: 2, locks: [null, { geometrySeed: 3 }] };

/**
 * One VALID request per channel, every optional field filled in, so that breaking one field
 * leaves that field's own validator as the only thing that can refuse it. Typed per channel:
 * a channel added to the contract without an entry here does not compile.
 */
const VALID: { [C in Channel]: Req<C> } = {
  'app:info': {},
  'app:setProvider': { preference: 'cpu' },
  'app:setCommercialOnly': { on: true },
  'jobs:cancel': { jobId: 'job-1' },
  'files:save': { suggestedName: 'sheet.png', kind: 'png', bytes: new Uint8Array([1, 2, 3]) },
  'photos:open': { name: 'me.jpg', bytes: new Uint8Array([1, 2, 3]) },
  'photos:openPath': { path: '/home/me/Pictures/me.jpg' },
  'photos:close': { photoId: 'photo-1' },
  'faces:detect': { photoId: 'photo-1', again: true },
  'faces:setDetector': { detector: 'ssd' },
  'faces:setLandmarks': { landmarks: 'fast' },
  'faces:streams': { photoId: 'photo-1', face: 0 },
  'faces:parse': { photoId: 'photo-1' },
  'style:list': {},
  'style:render': {
    photoId: 'photo-1',
    styleId: 'pencil',
    params: [0.5, 1],
    strength: 0.8,
    preserveColor: true,
    region: 'face',
    face: { landmarks: face },
    maxSide: 512,
    warp: { face: 0, source: face, target: face, others: [{ face: 1, source: face, target: face }] },
  },
  'style:thumbnails': { photoId: 'photo-1', styleIds: ['pencil'], face: { landmarks: face } },
  'style:addArtwork': { name: 'Mine', bytes: new Uint8Array([1, 2, 3]), keepImage: false },
  'style:rename': { id: 'user-1', name: 'Mine' },
  'style:delete': { id: 'user-1' },
  'style:export': { id: 'user-1' },
  'style:import': { json: '{}' },
  'warp:render': { ...faceRef, target: face, others: [{ face: 1, source: face, target: face }], maxSide: 1024, format: 'png' },
  'warp:identity': { ...faceRef, target: face },
  'warp:exaggerate': { ...faceRef, k: 1.5, gains: { eyes: 2 } },
  'warp:sliders': { ...faceRef, base: face, sliders: { eyeSize: 0.5 } },
  'presets:list': {},
  'presets:save': { ...faceRef, target: face, name: 'Big eyes', notes: 'mine' },
  'presets:delete': { id: 'preset-1' },
  'presets:import': { json: '{}' },
  'presets:export': { id: 'preset-1' },
  'presets:apply': { ...faceRef, presetId: 'preset-1' },
  'apmm:variations': variations,
  'apmm:sheet': { ...variations, title: 'Sheet' },
  'apmm:style': { styleSeed: 5 },
  'apmm:interpolate': { ...faceRef, from: { geometrySeed: 1, styleSeed: 2 }, to: { geometrySeed: 3, styleSeed: 4 }, temperature: 1, steps: 4, cellSize: 128 },
  'export:image': {
    photoId: 'photo-1',
    suggestedName: 'me-caricature.png',
    edit: { face: 0, source: face, target: face, others: [{ face: 1, source: face, target: face }] },
    style: { styleId: 'pencil', params: [0.5, 1], strength: 0.8, preserveColor: false, region: 'face' },
  },
};

/**
 * Breakages inside nested fields and of validators the generic values below cannot reach:
 * [channel, case name, the field path the error must name, the valid payload → the broken one].
 */
const NESTED: Array<[Channel, string, string, (valid: Record<string, unknown>) => Record<string, unknown>]> = [
  ['warp:exaggerate', 'gains.eyes above the maximum', 'gains.eyes', (v) => ({ ...v, gains: { eyes: 1e6 } })],
  ['warp:exaggerate', 'gains with an unknown region', 'gains', (v) => ({ ...v, gains: { ears: 2 } })],
  ['warp:sliders', 'sliders.eyeSize above 1', 'sliders.eyeSize', (v) => ({ ...v, sliders: { eyeSize: 2 } })],
  ['style:render', 'face.landmarks with a NaN', 'face.landmarks.3.0', (v) => ({ ...v, face: { landmarks: withNaN(face) } })],
  ['style:render', 'warp.target of 67 points', 'warp.target', (v) => ({ ...v, warp: { source: face, target: face.slice(1) } })],
  ['style:render', 'params with a NaN', 'params.1', (v) => ({ ...v, params: [0.5, Number.NaN] })],
  ['style:render', 'strength above 1', 'strength', (v) => ({ ...v, strength: 1.5 })],
  ['style:thumbnails', 'styleIds with a path', 'styleIds.0', (v) => ({ ...v, styleIds: ['../etc/passwd'] })],
  ['apmm:variations', 'locks.1.styleSeed negative', 'locks.1.styleSeed', (v) => ({ ...v, locks: [null, { styleSeed: -1 }] })],
  ['apmm:variations', 'rows of 2.5', 'rows', (v) => ({ ...v, rows: 2.5 })],
  ['apmm:interpolate', 'to.geometrySeed of 2.5', 'to.geometrySeed', (v) => ({ ...v, to: { geometrySeed: 2.5, styleSeed: 4 } })],
  ['files:save', 'suggestedName with a folder', 'suggestedName', (v) => ({ ...v, suggestedName: '../sheet.png' })],
  ['style:render', 'warp.others.0.target of 67 points', 'warp.others.0.target', (v) => ({ ...v, warp: { face: 0, source: face, target: face, others: [{ face: 1, target: face.slice(1) }] } })],
  ['warp:render', 'others.0.face negative', 'others.0.face', (v) => ({ ...v, others: [{ face: -1, target: face }] })],
  ['export:image', 'suggestedName with a folder', 'suggestedName', (v) => ({ ...v, suggestedName: '../me.png' })],
  ['export:image', 'edit.target with a NaN', 'edit.target.3.0', (v) => ({ ...v, edit: { face: 0, target: withNaN(face) } })],
  ['export:image', 'style.strength above 1', 'style.strength', (v) => ({ ...v, style: { styleId: 'pencil', strength: 2, preserveColor: false, region: 'whole' } })],
  ['photos:openPath', 'an empty path', 'path', () => ({ path: '' })],
  ['presets:delete', 'id with a slash', 'id', (v) => ({ ...v, id: 'a/b' })],
  ['presets:save', 'name of blanks', 'name', (v) => ({ ...v, name: '   ' })],
];

const withNaN = (pts: Point[]): Point[] => pts.map((p, i): Point => (i === 3 ? [Number.NaN, p[1]] : p));

interface Case {
  name: string;
  payload: unknown;
  /** The field path the error must name; undefined where the whole payload is wrong. */
  field?: string;
}

/** Wrong values for one field, chosen from its valid value so that each is wrong for that field whatever it is. */
function brokenValues(valid: unknown): Array<[string, unknown]> {
  const cases: Array<[string, unknown]> = [
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an object', { nested: [1, 2, 3] }],
    ['null', null],
  ];
  if (typeof valid === 'string' || valid instanceof Uint8Array) cases.push(['a 10 MB string', TEN_MB]);
  if (typeof valid === 'number') cases.push(['-1', -1], ['1e10', 1e10], ['a numeric string', String(valid)]);
  if (typeof valid === 'boolean') cases.push(['the string "true"', 'true']);
  if (Array.isArray(valid) && valid.length === 68) {
    cases.push(['67 points', (valid as Point[]).slice(1)], ['a point with a NaN', withNaN(valid as Point[])], ['a point of 3 numbers', (valid as Point[]).map((p) => [...p, 0])]);
  }
  return cases;
}

/** Malformed payloads for one channel: whole-payload attacks, then each field of the VALID payload broken alone. */
function malformed(channel: Channel): Case[] {
  const valid = VALID[channel] as Record<string, unknown>;
  const cases: Case[] = [
    { name: 'null', payload: null },
    { name: 'number', payload: 42 },
    { name: 'string', payload: 'payload' },
    { name: 'array', payload: [] },
    { name: '__proto__ key', payload: JSON.parse('{"__proto__": {"polluted": true}}') },
    { name: 'constructor key', payload: JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') },
    { name: 'unknown field with a 10 MB string', payload: { ...valid, extra_unknown: TEN_MB } },
  ];
  for (const [k, v] of Object.entries(valid)) {
    for (const [what, bad] of brokenValues(v)) {
      const field = what === 'a point with a NaN' ? `${k}.3.0` : what === 'a point of 3 numbers' ? `${k}.0` : k;
      cases.push({ name: `${k} = ${what}`, payload: { ...valid, [k]: bad }, field });
    }
  }
  for (const [c, name, field, build] of NESTED) if (c === channel) cases.push({ name, payload: build(valid), field });
  return cases;
}

/** The error must be a bad-request that names the broken field or a part of it (registry.explainZod: "Invalid <path>: …"). */
function assertRefused(channel: Channel, c: Case, env: { ok: boolean; error?: { code: string; message: string } }): void {
  assert.equal(env.ok, false, `${channel} / ${c.name} was accepted`);
  assert.equal(env.error?.code, 'bad-request', `${channel} / ${c.name}: ${env.error?.message}`);
  if (c.field !== undefined) {
    const names = new RegExp(`^Invalid ${c.field.replace(/\./g, '\\.')}(\\.[^:]+)?:`);
    assert.match(env.error!.message, names, `${channel} / ${c.name} should name ${c.field}`);
  }
}

test('every VALID payload is valid, and every channel has one', () => {
  assert.deepEqual(Object.keys(VALID).sort(), [...channelNames].sort());
  for (const c of channelNames) {
    const r = contract[c].request.safeParse(VALID[c]);
    assert.ok(r.success, `${c}: ${r.success ? '' : r.error.message}`);
  }
  for (const [c, name] of NESTED) assert.ok(isChannel(c), name);
});

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
    buildHandlers('web', { saveFile: async () => ({ saved: false, download: true }) }),
    services,
  ).connect();
  for (const channel of channelNames) {
    for (const c of malformed(channel)) assertRefused(channel, c, await dispatcher.dispatch(channel, c.payload));
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
    for (const c of malformed(channel)) {
      const reply = await rpc(ws, encodeFrame({ id: ++id, channel, payload: c.payload }));
      assert.equal(reply.id, id);
      // JSON carries NaN and ±Infinity as null: still refused, still naming the field.
      assertRefused(channel, c, reply as { ok: boolean; error?: { code: string; message: string } });
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
