/**
 * Photos and jobs belong to the WebSocket connection that opened them: a client can't reach or
 * evict another's photos by opening its own, photos are bounded by pixels with a 'photo-closed'
 * event to their owner, and closing a socket aborts its running jobs. Spoken over the wire, as a
 * browser would, with the real services on demo photos.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame } from '../../common/ipc/wire.js';
import { createServices } from '../../electron/hosts/services.js';
import { startWebHost, type WebHost } from '../../electron/hosts/web/server.js';

const photo = new Uint8Array(readFileSync('node_modules/@vladmandic/face-api/demo/sample3.jpg'));
let host: WebHost;
let dir: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'web-conn-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  host = await startWebHost({ staticDir: dir, services: createServices({ userDataDir: path.join(dir, 'user') }) });
});
after(async () => {
  await host.close();
  await host.services.inference.dispose();
  rmSync(dir, { recursive: true, force: true });
});

interface Client {
  ws: WebSocket;
  call(channel: string, payload: unknown, jobId?: string): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }>;
  events: Array<{ type: string; [k: string]: unknown }>;
}

async function client(): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, (m: never) => void>();
  const events: Client['events'] = [];
  ws.on('message', (data) => {
    const m = decodeFrame(new Uint8Array(data as Buffer)) as { id?: number; event?: Client['events'][number] };
    if (m.event) events.push(m.event);
    else pending.get(m.id!)?.(m as never);
  });
  let id = 0;
  return {
    ws,
    events,
    call: (channel, payload, jobId) =>
      new Promise((resolve) => {
        pending.set(++id, resolve);
        ws.send(encodeFrame({ id, channel, payload, ...(jobId ? { jobId } : {}) }));
      }),
  };
}

test("one client's photos are invisible to another, and 20 clients' photos all stay open", async () => {
  const clients = await Promise.all(Array.from({ length: 20 }, () => client()));
  const ids: string[] = [];
  for (const c of clients) {
    const r = await c.call('photos:open', { name: 'sample3.jpg', bytes: photo });
    assert.equal(r.ok, true, r.error?.message);
    ids.push(r.value!.photoId as string);
  }
  for (const [i, c] of clients.entries()) {
    const other = await c.call('photos:close', { photoId: ids[(i + 1) % ids.length] });
    assert.deepEqual(other.value, { closed: false }, `client ${i} closed another client's photo`);
  }
  for (const [i, c] of clients.entries()) {
    assert.deepEqual((await c.call('photos:close', { photoId: ids[i] })).value, { closed: true }, `client ${i} lost its photo`);
  }
  for (const c of clients) c.ws.close();
});

test('past its pixel bound a client is told which photo was closed for memory', async () => {
  const saved = { ...host.services.photos.limits };
  // sample3.jpg is 1920×1350 = 2.6 MP: room for two per client.
  Object.assign(host.services.photos.limits, { pixelsPerScope: 6_000_000 });
  try {
    const a = await client();
    const opened: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await a.call('photos:open', { name: `p${i}.jpg`, bytes: photo });
      assert.equal(r.ok, true, r.error?.message);
      opened.push(r.value!.photoId as string);
    }
    await sleep(50);
    assert.deepEqual(
      a.events.filter((e) => e.type === 'photo-closed'),
      [{ type: 'photo-closed', photoId: opened[0], name: 'p0.jpg', reason: 'memory' }],
    );
    assert.equal((await a.call('faces:streams', { photoId: opened[0], face: 0 })).error?.code, 'not-found');
    a.ws.close();
  } finally {
    Object.assign(host.services.photos.limits, saved);
  }
});

test("closing a socket aborts its jobs and closes its photos", async () => {
  const a = await client();
  const { photoId } = (await a.call('photos:open', { name: 'sample3.jpg', bytes: photo })).value as { photoId: string };
  const inference = host.services.inference;
  const run = inference.run.bind(inference);
  let runs = 0;
  inference.run = (...args) => {
    runs++;
    return run(...args);
  };
  try {
    void a.call('apmm:variations', { photoId, face: 0, rows: 6, cols: 6, seed: 1, temperature: 1, cellSize: 128 }, 'sheet-1');
    while (runs < 3) await sleep(20);
    a.ws.close();
    await sleep(1500); // the run in flight when the socket closed finishes
    const atClose = runs;
    await sleep(1500);
    assert.equal(runs, atClose, `the job kept running after its socket closed (${runs - atClose} more model runs)`);
    assert.equal(host.services.photos.pixels(), 0, "the closed socket's photo is still held");
  } finally {
    inference.run = run;
  }
});
