/**
 * The path of an HTTP request target, decoded, or null when the target is anything a browser
 * loading our own pages would not send: absolute-form (`http://a:b/`), authority or asterisk
 * form, a malformed percent-escape, a NUL or a backslash. Callers answer null with a 400, so no
 * target, however odd, can throw inside a request handler.
 */
export function requestPath(target: string | undefined): string | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  const raw = target.split(/[?#]/, 1)[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (/[\0\\]/.test(decoded)) return null;
  return decoded;
}

/** The query parameters of an origin-form target ('' for absent ones), never throwing. */
export function requestQuery(target: string | undefined): URLSearchParams {
  const q = target?.indexOf('?') ?? -1;
  // URLSearchParams replaces a malformed escape with U+FFFD instead of throwing.
  return new URLSearchParams(q >= 0 ? target!.slice(q + 1).split('#', 1)[0] : '');
}
