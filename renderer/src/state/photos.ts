/** Opening photos: from a drop or the file picker through photos:open, from the Electron menu through photos:openPath. */
import { IpcError, type StudioClient } from '../api/client';
import { appStore, type PhotoEntry } from './app-state';
import { clearNotice, notify } from './notice';
import { rememberPhotoSource } from './session';

const IMAGE_NAME = /\.(jpe?g|png|webp|tiff?|gif|heic|heif|avif)$/i;

export function isImageFile(f: { name: string; type?: string }): boolean {
  return (f.type ?? '').startsWith('image/') || IMAGE_NAME.test(f.name);
}

/** A photo to open: bytes the page read (a drop, the file picker), or a path Electron's Open dialog chose (read in main). */
export type PhotoFile = { name: string; bytes: Uint8Array } | { name: string; path: string };

/** Opens each file in turn; a bad one gets its own message and the others still open. */
export async function openPhotos(client: StudioClient, files: PhotoFile[]): Promise<PhotoEntry[]> {
  const opened: PhotoEntry[] = [];
  const problems: string[] = [];
  for (const [i, f] of files.entries()) {
    appStore.set({ busy: { label: `Opening ${f.name}`, done: i, total: files.length } });
    try {
      const r = 'path' in f ? await client.call('photos:openPath', { path: f.path }) : await client.call('photos:open', { name: f.name, bytes: f.bytes });
      const entry: PhotoEntry = {
        photoId: r.photoId,
        name: r.name,
        width: r.width,
        height: r.height,
        scale: r.scale,
        previewUrl: URL.createObjectURL(new Blob([r.preview as BlobPart], { type: 'image/jpeg' })),
      };
      opened.push(entry);
      rememberPhotoSource(entry.photoId, f);
      // Opening a photo again replaces its closed-for-memory placeholder (and its message).
      const placeholders = appStore.get().closedForMemory.filter((c) => c.name === entry.name);
      for (const c of placeholders) clearNotice(`closed:${c.photoId}`);
      appStore.set((s) => ({ photos: [...s.photos, entry], currentId: entry.photoId, closedForMemory: s.closedForMemory.filter((c) => c.name !== entry.name) }));
    } catch (e) {
      problems.push(e instanceof IpcError ? e.message : `${f.name}: ${(e as Error).message}`);
    }
  }
  appStore.set({ busy: null });
  if (problems.length) notify(`open-failed:${Date.now()}`, 'error', problems.join(' '));
  return opened;
}

export async function readFiles(list: ArrayLike<File>): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const files = Array.from(list);
  const images = files.filter(isImageFile);
  if (images.length < files.length) {
    const skipped = files.filter((f) => !isImageFile(f)).map((f) => f.name);
    // Each drop's skipped files are their own message: a later drop must not hide an earlier one's.
    notify(`skipped:${skipped.join('|')}`, 'warning', `Skipped ${skipped.join(', ')}: not an image file.`);
  }
  return Promise.all(images.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Drops a photo from the strip; true if it was there. */
function dropPhoto(photoId: string): boolean {
  const s = appStore.get();
  const p = s.photos.find((x) => x.photoId === photoId);
  if (!p) return false;
  URL.revokeObjectURL(p.previewUrl);
  const photos = s.photos.filter((x) => x.photoId !== photoId);
  appStore.set({ photos, currentId: s.currentId === photoId ? (photos.at(-1)?.photoId ?? null) : s.currentId });
  return true;
}

export const closedForMemoryText = (name: string) => `${name} was closed to free memory (too many large photos open); open it again to keep working on it.`;

/** The host closed a photo to stay within its memory bound: drop it here, say so, and leave a placeholder in the strip. */
export function photoClosedByHost(photoId: string, name: string): void {
  if (!dropPhoto(photoId)) return;
  notify(`closed:${photoId}`, 'warning', closedForMemoryText(name));
  appStore.set((s) => ({ closedForMemory: [...s.closedForMemory, { photoId, name }] }));
}

export function dismissClosedPhoto(photoId: string): void {
  clearNotice(`closed:${photoId}`);
  appStore.set((s) => ({ closedForMemory: s.closedForMemory.filter((c) => c.photoId !== photoId) }));
}

export async function closePhoto(client: StudioClient, photoId: string): Promise<void> {
  dropPhoto(photoId);
  await client.call('photos:close', { photoId }).catch(() => undefined);
}
