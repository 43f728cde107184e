/**
 * The renderer's origin and window chrome, as plain data (no 'electron' import) so tests can
 * use them without an Electron binary.
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
