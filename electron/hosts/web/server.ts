/**
 * The web host: the built renderer and the IPC contract over a WebSocket, for browsers on this
 * machine only. It binds 127.0.0.1, requires a random per-run token on the socket, checks the
 * Origin, and survives any malformed frame (the reply is a typed error, the host keeps serving).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeFrame, encodeFrame, WireError, type WireRequest } from '../../../common/ipc/wire.js';
import { contentSecurityPolicy } from '../../security/csp.js';
import { contentType, staticFile } from '../static-files.js';
import { requestPath, requestQuery } from './request-target.js';
import { resourcePaths } from '../../services/resources.js';
import { buildHandlers } from '../handlers/index.js';
import { createDispatcher, type Dispatcher } from '../registry.js';
import { applySettings, cleanUserData, createServices, type Services } from '../services.js';

export const DEFAULT_STATIC_DIR = resourcePaths().rendererDir;
const MAX_FRAME_BYTES = 300 * 1024 * 1024;

export interface WebHost {
  url: string;
  port: number;
  token: string;
  services: Services;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

export interface WebHostOptions {
  port?: number;
  staticDir?: string;
  services?: Services;
  token?: string;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebHost(opts: WebHostOptions = {}): Promise<WebHost> {
  const staticDir = path.resolve(opts.staticDir ?? DEFAULT_STATIC_DIR);
  const token = opts.token ?? randomBytes(24).toString('hex');
  const services = opts.services ?? createServices();
  await cleanUserData(services);
  await applySettings(services);
  let origin = '';
  // Browsers can't show a save dialog for us: the renderer downloads the bytes itself.
  const handlers = buildHandlers('web', { saveFile: async () => ({ saved: false, download: true }) });
  const dispatcher = createDispatcher(handlers, services);

  const server = http.createServer((req, res) => {
    serveStatic(staticDir, req, res, origin).catch(() => {
      // serveStatic answers every failure it knows; anything left must still end the response.
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    // An upgrade socket has no error listener of its own: a reset peer would end the process.
    socket.on('error', () => socket.destroy());
    const pathname = requestPath(req.url);
    if (pathname === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const given = requestQuery(req.url).get('token') ?? '';
    if (pathname !== '/ws' || !sameToken(given, token) || (req.headers.origin && req.headers.origin !== origin)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, dispatcher));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    services,
    dispatcher,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** One socket is one connection: its photos and jobs end with it. */
function serveSocket(ws: WebSocket, dispatcher: Dispatcher): void {
  const send = (msg: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeFrame(msg));
  };
  const connection = dispatcher.connect((event) => send({ event }));
  ws.on('close', () => connection.close());
  ws.on('message', (data, isBinary) => {
    let req: WireRequest;
    try {
      if (!isBinary) throw new WireError('Text frames are not accepted.');
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      const msg = decodeFrame(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      if (!msg || typeof msg !== 'object' || typeof (msg as WireRequest).id !== 'number') throw new WireError('Missing request id.');
      req = msg as WireRequest;
    } catch (e) {
      send({ id: -1, ok: false, error: { code: 'bad-request', message: e instanceof WireError ? e.message : 'Malformed frame.' } });
      return;
    }
    connection
      .dispatch(req.channel, req.payload, { jobId: req.jobId })
      .then((env) => send({ id: req.id, ...env }))
      .catch(() => send({ id: req.id, ok: false, error: { code: 'internal', message: 'The reply could not be sent.' } }));
  });
  ws.on('error', () => ws.terminate());
}

async function serveStatic(root: string, req: http.IncomingMessage, res: http.ServerResponse, origin: string): Promise<void> {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy({ webSocketOrigin: origin.replace(/^http/, 'ws') }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end();
    return;
  }
  const target = staticFile(root, req.url);
  if ('error' in target) {
    res.writeHead(target.error === 'bad' ? 400 : 404, headers).end();
    return;
  }
  try {
    const body = await fs.readFile(target.file);
    res.writeHead(200, { ...headers, 'Content-Type': contentType(target.file) }).end(body);
  } catch {
    res.writeHead(404, headers).end('Not found');
  }
}
