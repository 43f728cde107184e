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

/** The only pages a link in the app may open, in the user's browser. */
export const EXTERNAL_URL_PREFIXES = ['https://onnxruntime.ai/', 'https://github.com/vladmandic/face-api'] as const;

/**
 * window.open and target=_blank never make a window; a link goes to the system browser only when
 * it is https under EXTERNAL_URL_PREFIXES, with no credentials or port.
 */
export function mayOpenExternally(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  return EXTERNAL_URL_PREFIXES.some((p) => u.href === p || u.href.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/** Only the app's own pages may call the services or be navigated to. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'studio';
  } catch {
    return false;
  }
}

/**
 * No remote content: only the app's own scheme, blobs, data URLs and the dev tools load. file: is
 * not among them, which is why app:// answers from the files it reads itself (Electron documents
 * that net.fetch goes through this filter).
 */
export function mayLoad(url: string): boolean {
  return /^(app|blob|data|devtools):/.test(url);
}
