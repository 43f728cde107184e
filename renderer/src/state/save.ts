/** Saving bytes the renderer made: a native dialog in Electron, a browser download in the web host. */
import type { StudioClient } from '../api/client';
import { notify } from './notice';

export async function downloadOrSave(client: StudioClient, suggestedName: string, kind: 'png' | 'json', bytes: Uint8Array): Promise<void> {
  delivered(await client.call('files:save', { suggestedName, kind, bytes }), suggestedName, kind, bytes);
}

/**
 * After a host saved (Electron: its dialog wrote the file) or answered `download` (the web host):
 * the browser download of `bytes`, and a notice either way.
 */
export function delivered(r: { saved: boolean; path?: string | undefined; download: boolean }, suggestedName: string, kind: 'png' | 'json', bytes?: Uint8Array): void {
  if (r.download && bytes) {
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: kind === 'png' ? 'image/png' : 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = suggestedName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    notify('saved', 'info', `Saved ${suggestedName}.`);
  } else if (r.saved) {
    notify('saved', 'info', `Saved ${r.path}.`);
  }
}
