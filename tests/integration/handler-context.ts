/**
 * Real services in a temporary user-data folder and the context handlers are called with, for
 * tests that call IPC handlers directly; both are released when the test file ends.
 */
import { after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeServices, createServices, type Services } from '../../electron/hosts/services.js';
import type { CallContext } from '../../electron/hosts/handlers/context.js';

export function handlerContext(prefix: string): { services: Services; ctx: CallContext; dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const services = createServices({ userDataDir: dir });
  after(async () => {
    await closeServices(services);
    rmSync(dir, { recursive: true, force: true });
  });
  return { services, dir, ctx: { services, photos: services.photos.scope(), cancel: () => false, signal: new AbortController().signal, progress: () => undefined } };
}
