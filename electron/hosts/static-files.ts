/**
 * The built renderer's files, as both hosts serve them: the web host over HTTP, Electron on the
 * app:// scheme. Files are read from disk and answered directly (Electron: no `net.fetch` of a
 * file: URL, which would pass through the session's remote-content filter and be cancelled).
 */
import path from 'node:path';
import { requestPath } from './web/request-target.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export function contentType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` a request target names ('/' is index.html), or null for a malformed
 * target ('bad') or one that leaves `root` ('outside').
 */
export function staticFile(root: string, target: string | undefined): { file: string } | { error: 'bad' | 'outside' } {
  const pathname = requestPath(target);
  if (pathname === null) return { error: 'bad' };
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(path.resolve(root) + path.sep) ? { file } : { error: 'outside' };
}
