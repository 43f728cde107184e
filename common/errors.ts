/**
 * The one error type services throw for expected failures (bad input, no face, cancelled…).
 * Hosts turn it into a typed IPC error, a CLI sentence on stderr, or a message in the app;
 * anything else is a bug and is reported as 'internal'.
 */
export type ErrorCode = 'bad-input' | 'no-face' | 'not-found' | 'cancelled' | 'unsupported' | 'internal';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function badInput(message: string): ServiceError {
  return new ServiceError('bad-input', message);
}

/** One sentence for the user, whatever was thrown. */
export function describeError(e: unknown): { code: ErrorCode; message: string } {
  if (e instanceof ServiceError) return { code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}
