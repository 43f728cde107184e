/** How a failed action reaches the artist: one sentence in the app's notice bar. */
import { IpcError } from '../api/client';
import { appStore } from './app-state';

export function showError(e: unknown): void {
  appStore.set({ notice: { kind: 'error', text: e instanceof IpcError ? e.message : String(e) } });
}

/**
 * An event handler that runs an async action: React ignores a handler's promise, so without this
 * a rejection would vanish as an unhandled one instead of telling the artist what went wrong.
 */
export function perform<A extends unknown[]>(action: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => {
    action(...args).catch(showError);
  };
}
