/**
 * The session survives a reload (web) or a restart of the window (Electron): the open photos and
 * each photo's edit (every face's geometry, the style, the selected face) are kept in the page's
 * IndexedDB and re-opened on start: by path where the photo came from a path (Electron's Open
 * dialog), else from its bytes kept in IndexedDB, through photos:openPath / photos:open, so a
 * host that scopes photos to a connection (the web host does) simply hands out new ids. An edit is applied once the re-opened photo's
 * faces are found again, and only if the same number of faces is found (detection is
 * deterministic, so that is the usual case). Undo history is not kept.
 */
import type { StudioClient } from '../api/client';
import { docOf, editorStore, patchPhoto, photoEdit, type PhotoDoc } from '../editor/editor-state';
import { targetOf } from '../editor/geometry';
import { appStore } from './app-state';
import { showError } from './notice';
import { openPhotos, type PhotoFile } from './photos';

const DB = 'caricature-studio';
const SESSION = 'session';
const BYTES = 'photo-bytes';

interface SessionRecord {
  photos: Array<{ key: string; name: string; path?: string }>;
  current: string | null;
  docs: Record<string, PhotoDoc>;
}

/** What each open photo was opened from (photoId → bytes or path), kept for the session store. */
const opened = new Map<string, PhotoFile>();
/** Edits waiting for their re-opened photo's faces. */
const pending = new Map<string, PhotoDoc>();

export function rememberPhotoSource(photoId: string, file: PhotoFile): void {
  opened.set(photoId, file);
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(SESSION);
      req.result.createObjectStore(BYTES);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is unavailable'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

function get<T>(db: IDBDatabase, store: string, key: string): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(store).objectStore(store).get(key);
    req.onsuccess = () => resolve(req.result as T | undefined);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB read failed'));
  });
}

let db: Promise<IDBDatabase> | null = null;
const database = () => (db ??= openDb());

/** Writes the session: the photo list, the current one, every photo's edit, the bytes of new photos. */
async function save(): Promise<void> {
  const { photos, currentId } = appStore.get();
  const record: SessionRecord = { photos: [], current: currentId, docs: {} };
  for (const p of photos) {
    if (!opened.has(p.photoId)) continue;
    const src = opened.get(p.photoId)!;
    record.photos.push({ key: p.photoId, name: p.name, ...('path' in src ? { path: src.path } : {}) });
    const edit = photoEdit(p.photoId);
    const doc = edit?.status === 'ready' ? docOf(edit) : pending.get(p.photoId);
    if (doc) record.docs[p.photoId] = doc;
  }
  const d = await database();
  const tx = d.transaction([SESSION, BYTES], 'readwrite');
  const bytes = tx.objectStore(BYTES);
  const keys = await new Promise<IDBValidKey[]>((resolve) => {
    const r = bytes.getAllKeys();
    r.onsuccess = () => resolve(r.result);
  });
  const live = new Set(record.photos.filter((p) => !p.path).map((p) => p.key));
  for (const k of keys) if (!live.has(String(k))) bytes.delete(k);
  for (const key of live) {
    const src = opened.get(key)!;
    if (!keys.includes(key) && 'bytes' in src) bytes.put(src.bytes, key);
  }
  tx.objectStore(SESSION).put(record, 'current');
  await done(tx);
}

let timer: ReturnType<typeof setTimeout> | null = null;
let restoring = false;
let started = false;

function scheduleSave(): void {
  if (restoring) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    save().catch(showError);
  }, 300);
}

/** Applies a re-opened photo's saved edit once its faces are found (called by detectFaces). */
export function applyRestoredEdit(photoId: string): void {
  const doc = pending.get(photoId);
  const edit = photoEdit(photoId);
  if (!doc || !edit || edit.status === 'detecting') return;
  pending.delete(photoId);
  if (edit.faces.length !== doc.geometries.length) return;
  patchPhoto(photoId, (p) => ({
    face: Math.min(doc.face, p.faces.length - 1),
    style: doc.style,
    faces: p.faces.map((f, i) => ({ ...f, geometry: doc.geometries[i]!, target: targetOf(f.source, doc.geometries[i]!, p.landmarks) })),
  }));
}

/** Re-opens the saved session, then keeps it saved as photos and edits change. */
export async function restoreSession(client: StudioClient): Promise<void> {
  if (started) return; // once per page (React's development double effects included)
  started = true;
  restoring = true;
  try {
    const d = await database();
    const record = await get<SessionRecord>(d, SESSION, 'current');
    for (const p of record?.photos ?? []) {
      const bytes = p.path ? undefined : await get<Uint8Array>(d, BYTES, p.key);
      if (!p.path && !bytes) continue;
      const [entry] = await openPhotos(client, [p.path ? { name: p.name, path: p.path } : { name: p.name, bytes: bytes! }]);
      if (!entry) continue;
      const doc = record!.docs[p.key];
      if (doc) pending.set(entry.photoId, doc);
      if (p.key === record!.current) appStore.set({ currentId: entry.photoId });
    }
  } catch (e) {
    showError(e);
  } finally {
    restoring = false;
  }
  appStore.subscribe(scheduleSave);
  editorStore.subscribe(scheduleSave);
  scheduleSave();
}

/** Whether a photo has edits not yet written out by an export (for the warning on close). */
const exportedAt = new Map<string, unknown>();

export function markExported(photoId: string): void {
  exportedAt.set(photoId, photoEdit(photoId)?.history.undo.at(-1));
}

export function hasUnsavedEdits(): boolean {
  return appStore.get().photos.some((p) => {
    const top = photoEdit(p.photoId)?.history.undo.at(-1);
    return top !== undefined && top !== exportedAt.get(p.photoId);
  });
}
