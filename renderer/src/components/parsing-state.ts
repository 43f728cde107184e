/** The face-parsing overlay: whether it shows, and per photo its image (object URL) or why there is none. */
import type { Res } from '../../../common/ipc/contract';
import { IpcError, type StudioClient } from '../api/client';
import { createStore } from '../state/store';

export type ParsingEntry = { status: 'loading' } | { status: 'ready'; url: string; classes: string[]; colours: Res<'faces:parse'>['colours'] } | { status: 'error'; message: string };

export const parsingStore = createStore<{ show: boolean; byPhoto: Record<string, ParsingEntry> }>({ show: false, byPhoto: {} });

const setEntry = (photoId: string, entry: ParsingEntry) => parsingStore.set((s) => ({ byPhoto: { ...s.byPhoto, [photoId]: entry } }));

/** Forgets every parsing (the commercial-only setting changed what may run). */
export function resetParsing(): void {
  for (const e of Object.values(parsingStore.get().byPhoto)) if (e.status === 'ready') URL.revokeObjectURL(e.url);
  parsingStore.set({ byPhoto: {} });
}

/** Asks for the photo's parsing once (until the commercial-only setting clears the cache). */
export async function loadParsing(client: StudioClient, photoId: string): Promise<void> {
  if (parsingStore.get().byPhoto[photoId]) return;
  setEntry(photoId, { status: 'loading' });
  try {
    const r = await client.call('faces:parse', { photoId });
    const url = URL.createObjectURL(new Blob([r.overlay as BlobPart], { type: 'image/png' }));
    setEntry(photoId, { status: 'ready', url, classes: r.classes, colours: r.colours });
  } catch (e) {
    setEntry(photoId, { status: 'error', message: e instanceof IpcError ? e.message : String(e) });
  }
}
