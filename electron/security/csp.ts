/**
 * The Content-Security-Policy of every renderer page, in both hosts. No remote origin appears:
 * scripts and styles come only from the app itself; images may be blob:/data: (photos, previews);
 * the only connection allowed is the web host's loopback WebSocket.
 */
export function contentSecurityPolicy(opts: { webSocketOrigin?: string } = {}): string {
  const connect = ["'self'", ...(opts.webSocketOrigin ? [opts.webSocketOrigin] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
