/**
 * The renderer's origin, window chrome and what the window may load or open, as plain data and
 * functions (no 'electron' import) so tests can use them without an Electron binary;
 * main/index.ts wires each decision to its Electron event.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://studio`;

/** Window chrome; the security-relevant webPreferences are written at the call site in main/index.ts (see security.test.ts). */
export const WINDOW_CHROME = {
  width: 1440,
  height: 920,
  minWidth: 960,
  minHeight: 640,
  show: false,
  title: 'Caricature Studio',
  backgroundColor: '#15171b',
} as const;

/** Only the app's own pages may call the services or be navigated to. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'studio';
  } catch {
    return false;
  }
}

/** window.open and target=_blank never make a window; an https link may go to the system browser. */
export function mayOpenExternally(url: string): boolean {
  return /^https:\/\//.test(url);
}

/** No remote content: only the app's own scheme, blobs, data URLs and the dev tools load. */
export function mayLoad(url: string): boolean {
  return /^(app|blob|data|devtools|chrome-extension):/.test(url);
}
