/**
 * The photos the artist has open, decoded once and kept in memory by id so that every later
 * call (detect, warp, style, variations) names a photo instead of resending its bytes.
 *
 * One store per host, bounded by pixels (memory is RGB bytes, not photo count); each connection
 * or window sees only its own photos through a scope. When a bound is exceeded the least recently
 * used photo is closed and its owner is told, so nobody's photo disappears without a word and no
 * client can evict another's photos except under host-wide memory pressure.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError, badInput } from '../../../common/errors.js';
import { decodeImage, type RgbImage } from './decode.js';

export interface Photo {
  id: string;
  name: string;
  image: RgbImage;
}

export interface PhotoLimits {
  /** Pixels one connection may hold (RGB: 3 bytes each). */
  pixelsPerScope: number;
  /** Pixels the whole host may hold across connections. */
  pixelsTotal: number;
  /** Photos one connection may hold, however small. */
  photosPerScope: number;
}

/** 200 MP per connection (≈600 MB of RGB, two of the largest photos decodeImage accepts), 400 MP per host. */
export const DEFAULT_PHOTO_LIMITS: PhotoLimits = { pixelsPerScope: 200_000_000, pixelsTotal: 400_000_000, photosPerScope: 32 };

/** Told when one of the scope's photos is closed to free memory (not when the owner closes it). */
export type PhotoClosedListener = (photo: { id: string; name: string }) => void;

interface Entry extends Photo {
  scope: PhotoScope;
  pixels: number;
}

const pixelsOf = (p: { image: RgbImage }) => p.image.width * p.image.height;

export class PhotoStore {
  /** Insertion order is recency: a photo is moved to the end each time it is used. */
  private readonly entries = new Map<string, Entry>();

  constructor(readonly limits: PhotoLimits = DEFAULT_PHOTO_LIMITS) {}

  /** A connection's or window's own view of the store. */
  scope(onClosed: PhotoClosedListener = () => undefined): PhotoScope {
    return new PhotoScope(this, onClosed);
  }

  /** Pixels held by one scope, or by everyone. */
  pixels(scope?: PhotoScope): number {
    let n = 0;
    for (const e of this.entries.values()) if (!scope || e.scope === scope) n += e.pixels;
    return n;
  }

  /** @internal PhotoScope's storage. */
  add(scope: PhotoScope, photo: Photo): void {
    const entry: Entry = { ...photo, scope, pixels: pixelsOf(photo) };
    if (entry.pixels > this.limits.pixelsPerScope) {
      throw badInput(`"${photo.name}" is too large to keep open (${photo.image.width}×${photo.image.height}).`);
    }
    this.entries.set(photo.id, entry);
    const own = () => [...this.entries.values()].filter((e) => e.scope === scope);
    while (own().length > this.limits.photosPerScope || this.pixels(scope) > this.limits.pixelsPerScope) this.evict(own()[0]!);
    while (this.pixels() > this.limits.pixelsTotal) this.evict([...this.entries.values()][0]!);
  }

  /** @internal */
  find(scope: PhotoScope, id: string): Entry | undefined {
    const e = this.entries.get(id);
    if (!e || e.scope !== scope) return undefined;
    this.entries.delete(id);
    this.entries.set(id, e);
    return e;
  }

  /** @internal */
  remove(scope: PhotoScope, id: string): boolean {
    const e = this.entries.get(id);
    return !!e && e.scope === scope && this.entries.delete(id);
  }

  /** @internal */
  removeAll(scope: PhotoScope): void {
    for (const [id, e] of this.entries) if (e.scope === scope) this.entries.delete(id);
  }

  private evict(e: Entry): void {
    this.entries.delete(e.id);
    e.scope.closedForMemory({ id: e.id, name: e.name });
  }
}

export class PhotoScope {
  constructor(
    private readonly store: PhotoStore,
    private readonly onClosed: PhotoClosedListener,
  ) {}

  async open(bytes: Uint8Array, name: string): Promise<Photo> {
    const image = await decodeImage(bytes, `"${name}"`);
    const photo: Photo = { id: randomUUID(), name, image };
    this.store.add(this, photo);
    return photo;
  }

  get(id: string): Photo {
    const p = this.store.find(this, id);
    if (!p) throw new ServiceError('not-found', 'That photo is no longer open; drop it again.');
    return p;
  }

  close(id: string): boolean {
    return this.store.remove(this, id);
  }

  /** The connection or window went away: its photos go with it. */
  closeAll(): void {
    this.store.removeAll(this);
  }

  /** @internal */
  closedForMemory(photo: { id: string; name: string }): void {
    try {
      this.onClosed(photo);
    } catch {
      /* a listener that throws (a closed socket) must not stop the eviction */
    }
  }
}
