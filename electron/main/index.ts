/**
 * The Electron host: one sandboxed window on the app:// origin, the native menu, and the IPC
 * contract registered from the same table the web host uses. All work happens in the services.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { channelNames, type HostEvent } from '../../common/ipc/contract.js';
import { contentSecurityPolicy } from '../security/csp.js';
import { buildHandlers } from '../hosts/handlers/index.js';
import { createDispatcher, type Connection } from '../hosts/registry.js';
import { contentType, staticFile } from '../hosts/static-files.js';
import { applySettings, cleanUserData, closeServices, createServices } from '../hosts/services.js';
import { doctor, licenceNote } from '../services/inference/doctor.js';
import { resourcePaths } from '../services/resources.js';
import { writeFileAtomic } from '../services/settings/atomic.js';
import { menuSpec, type MenuItemSpec } from './menu.js';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, mayLoad, mayOpenExternally, WINDOW_CHROME } from './window-options.js';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const resources = resourcePaths(app.isPackaged ? process.resourcesPath : undefined);
const rendererDir = resources.rendererDir;
const services = createServices({ userDataDir: app.getPath('userData'), modelsDir: resources.modelsDir });
const { settings } = services;
let mainWindow: BrowserWindow | null = null;

function send(e: HostEvent): void {
  mainWindow?.webContents.send('cs:event', e);
}

/** Photos the Open dialog or the recent menu chose: the only paths photos:openPath reads. */
const chosenPaths = new Set<string>();
const handlers = buildHandlers('electron', {
  saveFile: async ({ suggestedName, kind, bytes }) => {
    const r = await dialog.showSaveDialog(mainWindow!, {
      defaultPath: suggestedName,
      filters: [kind === 'png' ? { name: 'PNG image', extensions: ['png'] } : { name: 'JSON', extensions: ['json'] }],
    });
    if (r.canceled || !r.filePath) return { saved: false, download: false };
    await writeFileAtomic(r.filePath, bytes);
    return { saved: true, path: r.filePath, download: false };
  },
  mayOpenPath: (file) => chosenPaths.has(file),
});
const dispatcher = createDispatcher(handlers, services);

/** One connection per page: a reload or a closed window aborts its jobs and closes its photos. */
const connections = new Map<number, Connection>();

function connectionOf(contents: WebContents): Connection {
  let c = connections.get(contents.id);
  if (!c) {
    c = dispatcher.connect((e) => {
      if (!contents.isDestroyed()) contents.send('cs:event', e);
    });
    connections.set(contents.id, c);
  }
  return c;
}

function endConnection(contents: WebContents): void {
  connections.get(contents.id)?.close();
  connections.delete(contents.id);
}

function registerIpc(): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, message: unknown) => {
      // Only the app's own top frame may call the services.
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url) || event.senderFrame.parent) {
        return { ok: false, error: { code: 'bad-request', message: 'Calls are accepted only from the Caricature Studio window.' } };
      }
      const m = (message ?? {}) as { payload?: unknown; jobId?: unknown };
      return connectionOf(event.sender).dispatch(channel, m.payload, { jobId: m.jobId });
    });
  }
}

/** Hands the chosen files to the window, which opens each with photos:openPath (read here, in main). */
async function openPaths(paths: string[]): Promise<void> {
  for (const p of paths) chosenPaths.add(p);
  send({ type: 'open-paths', paths });
  // The photos are open either way; a settings file that can't be written costs only the recent list.
  await settings.addRecent(paths).catch((e: unknown) => console.warn(e instanceof Error ? e.message : String(e)));
  await buildMenu();
}

async function showModelInfo(): Promise<void> {
  const r = await doctor(services.inference);
  const lines = r.models.map((m) => `${m.name}: ${m.status} on ${r.providers.inUse[m.name] ?? 'not loaded yet'} — ${licenceNote(m)}`);
  await dialog.showMessageBox(mainWindow!, {
    type: 'info',
    title: 'Models and execution provider',
    message: `Providers available: ${r.providers.available.join(', ')}`,
    detail: [
      `ONNX Runtime ${r.versions.onnxruntime}`,
      `Only models cleared for commercial use: ${services.inference.commercialOnly ? 'on' : 'off'}`,
      ...lines,
      ...r.warnings.map((w) => `Warning: ${w}`),
    ].join('\n'),
  });
}

function toTemplate(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((it): MenuItemConstructorOptions => {
    if (it.separator) return { type: 'separator' };
    if (it.role) return { label: it.label, role: it.role, accelerator: it.accelerator };
    return {
      label: it.label,
      accelerator: it.accelerator,
      enabled: !!(it.action || it.main || it.submenu),
      submenu: it.submenu ? toTemplate(it.submenu) : undefined,
      click: () => {
        if (it.action) send({ type: 'menu', action: it.action });
        else if (it.main === 'open-photos') pickPhotos().catch(reportError('Cannot open photos'));
        else if (it.main === 'open-recent' && it.arg) openPaths([it.arg]).catch(reportError('Cannot open photo'));
        else if (it.main === 'about') app.showAboutPanel();
        else if (it.main === 'model-info') showModelInfo().catch(reportError('Cannot read the models'));
      },
    };
  });
}

/** Every main-process promise ends here or in an await: a failure is one dialog, never an unhandled rejection. */
function reportError(title: string): (e: unknown) => void {
  return (e) => dialog.showErrorBox(title, e instanceof Error ? e.message : String(e));
}

async function buildMenu(): Promise<void> {
  const { recent } = await settings.read();
  Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(menuSpec(recent, { devTools: !app.isPackaged }))));
}

async function pickPhotos(): Promise<void> {
  const r = await dialog.showOpenDialog(mainWindow!, {
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff'] }],
  });
  if (!r.canceled) await openPaths(r.filePaths);
}

function serveRenderer(): void {
  const csp = contentSecurityPolicy();
  // Read and answered here: a net.fetch('file://…') would pass through the remote-content filter
  // below, which cancels file: requests, and the packaged window would be blank.
  protocol.handle(APP_SCHEME, async (request) => {
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    const target = staticFile(rendererDir, new URL(request.url).pathname);
    if ('error' in target) return new Response(null, { status: target.error === 'bad' ? 400 : 404, headers });
    try {
      const body = await fs.readFile(target.file);
      return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': contentType(target.file) } });
    } catch {
      return new Response(null, { status: 404, headers });
    }
  });
}

function hardenContents(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (mayOpenExternally(url)) shell.openExternal(url).catch(reportError('Cannot open the link'));
      return { action: 'deny' };
    });
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) endConnection(contents);
    });
    contents.once('destroyed', () => endConnection(contents));
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    cb({ cancel: !mayLoad(details.url) });
  });
}

async function createWindow(): Promise<void> {
  // Written out literally so static checkers (electronegativity) and security.test.ts see them.
  mainWindow = new BrowserWindow({
    ...WINDOW_CHROME,
    webPreferences: {
      preload: resources.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  // The renderer's beforeunload asks to stay when edits were never exported; Electron closes
  // silently either way unless asked here (a web page gets the browser's own question).
  mainWindow.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(mainWindow!, {
      type: 'question',
      buttons: ['Close anyway', 'Keep working'],
      defaultId: 1,
      cancelId: 1,
      message: 'Some edits were never exported.',
      detail: 'They come back when Caricature Studio opens again, but no file holds them yet.',
    });
    if (choice === 0) e.preventDefault(); // preventDefault here overrides the page and lets it close
  });
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.setAboutPanelOptions({ applicationName: 'Caricature Studio', applicationVersion: app.getVersion(), copyright: 'MIT licence' });

app
  .whenReady()
  .then(async () => {
    await cleanUserData(services);
    await applySettings(services);
    serveRenderer();
    hardenContents();
    registerIpc();
    await buildMenu();
    await createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow().catch(reportError('Cannot open the window'));
    });
  })
  .catch((e: unknown) => {
    reportError('Caricature Studio cannot start')(e);
    app.quit();
  });

app.on('window-all-closed', () => {
  closeServices(services)
    .catch(() => undefined) // quitting anyway; ORT frees its sessions with the process
    .finally(() => {
      if (process.platform !== 'darwin') app.quit();
    });
});
