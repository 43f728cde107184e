/**
 * The photos the artist has open, decoded once and kept in memory by id so that every later
 * call (detect, warp, style, variations) names a photo instead of resending its bytes.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../../common/errors.js';
import { decodeImage, type RgbImage } from './decode.js';

export interface Photo {
  id: string;
  name: string;
  image: RgbImage;
}

export class PhotoStore {
  private readonly photos = new Map<string, Photo>();

  /** The least recently opened photos are dropped past this many, bounding memory. */
  constructor(private readonly capacity = 16) {}

  async open(bytes: Uint8Array, name: string): Promise<Photo> {
    const image = await decodeImage(bytes, `"${name}"`);
    const photo: Photo = { id: randomUUID(), name, image };
    this.photos.set(photo.id, photo);
    while (this.photos.size > this.capacity) {
      const oldest = this.photos.keys().next().value as string;
      this.photos.delete(oldest);
    }
    return photo;
  }

  get(id: string): Photo {
    const p = this.photos.get(id);
    if (!p) throw new ServiceError('not-found', 'That photo is no longer open; drop it again.');
    return p;
  }

  close(id: string): boolean {
    return this.photos.delete(id);
  }

  list(): Photo[] {
    return [...this.photos.values()];
  }
}
