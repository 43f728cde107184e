/**
 * The style gallery: the built-in drawing styles, the shipped artwork styles, and the artist's own
 * styles (made by dropping an artwork, or imported from a style JSON). User styles live in
 * <userDataDir>/styles/<id>.json (+ <id>.png only when the artist asked to keep the artwork),
 * every file written atomically; an unreadable file is skipped, never fatal.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badInput, ServiceError } from '../../../common/errors.js';
import { decodeImage, encodePng, fitWithin, type RgbImage } from '../images/decode.js';
import type { InferenceService } from '../inference/service.js';
import { writeFileAtomic } from '../settings/atomic.js';
import { loadArtworks, type ShippedArtwork } from './artworks.js';
import { DRAWING_STYLES, drawingStyle, type ParamSpec } from '../../../common/style/catalog.js';
import { EmbeddingJson, embedArtwork, embeddingFromJson, embeddingToJson, FORMAT, type Attribution } from './embedding.js';
import type { StyleSource } from './engine.js';
import { CARTOON_MODEL, CARTOON_STYLE } from './cartoon.js';

export type StyleKind = 'drawing' | 'example' | 'learned' | 'user';
/**
 * Which engine renders a style by default, as the gallery says it: 'marks' (guided synthesis from
 * the artwork's own strokes: a user artwork whose image was kept, `hasImage`), 'texture' (colour
 * and texture: the Laplacian AdaIN graph from the embedding alone, for artworks known only by
 * their embedding, and a kept artwork's fast alternative), 'drawing' (a built-in drawing graph),
 * 'learned' (a trained network).
 */
export type StyleEngine = 'marks' | 'texture' | 'drawing' | 'learned';

export interface StyleEntry {
  id: string;
  name: string;
  kind: StyleKind;
  /** Drawing styles (and user presets of them): the parameter ranges and the values in use. */
  params?: ParamSpec[];
  values?: number[];
  source?: Attribution;
  hasImage?: boolean;
  engine: StyleEngine;
}

/** Style JSON documents are small; anything bigger is refused before parsing. */
export const MAX_STYLE_JSON = 2 * 1024 * 1024;
const KEPT_IMAGE_SIDE = 1024;
const KEPT_IMAGES_CACHED = 8;

const StyleName = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'the name is empty').max(100, 'the name is longer than 100 characters').regex(/^[^\p{Cc}]*$/u, 'the name has control characters'));

export const StyleDocument = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    name: StyleName,
    embedding: EmbeddingJson.optional(),
    drawing: z.object({ base: z.string().max(64), params: z.array(z.number().finite()).max(64) }).strict().optional(),
  })
  .strict()
  .refine((d) => (d.embedding === undefined) !== (d.drawing === undefined), 'a style has either an embedding or drawing parameters');
export type StyleDocument = z.infer<typeof StyleDocument>;

const USER_ID = /^user:([0-9a-f-]{36})$/;

export function validateName(name: string): string {
  const r = StyleName.safeParse(name);
  if (!r.success) throw badInput(`That style name is not usable: ${r.error.issues[0]?.message ?? 'invalid'}.`);
  return r.data;
}

/** Parses a style JSON text; every failure is one sentence naming what is wrong. */
export function parseStyleJson(text: string): StyleDocument {
  if (text.length > MAX_STYLE_JSON) throw badInput('The style file is larger than 2 MB; it is not a style exported by this app.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw badInput('The style file is not valid JSON.');
  }
  const r = StyleDocument.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw badInput(`The style file is not a Caricature Studio style${where}: ${issue?.message ?? 'invalid'}.`);
  }
  if (r.data.drawing && !drawingStyle(r.data.drawing.base)) throw badInput(`The style file names an unknown drawing style "${r.data.drawing.base}".`);
  if (r.data.embedding) embeddingFromJson(r.data.embedding); // sizes, spreads, digest
  return r.data;
}

export class StyleGallery {
  private artworks: Promise<{ artworks: ShippedArtwork[]; skipped: string[] }> | undefined;
  private readonly images = new Map<string, Promise<RgbImage>>();
  readonly dir: string;

  constructor(
    userDataDir: string,
    private readonly inference: InferenceService,
  ) {
    this.dir = path.join(userDataDir, 'styles');
  }

  private async shipped(): Promise<ShippedArtwork[]> {
    return (await this.shippedWithSkipped()).artworks;
  }

  private shippedWithSkipped(): Promise<{ artworks: ShippedArtwork[]; skipped: string[] }> {
    this.artworks ??= loadArtworks(this.inference.modelsDir);
    return this.artworks;
  }

  private file(id: string, ext: 'json' | 'png'): string {
    const m = USER_ID.exec(id);
    if (!m) throw new ServiceError('not-found', `There is no user style "${id}".`);
    return path.join(this.dir, `${m[1]}.${ext}`);
  }

  private async readUser(id: string): Promise<StyleDocument> {
    let text: string;
    try {
      text = await fs.readFile(this.file(id, 'json'), 'utf8');
    } catch {
      throw new ServiceError('not-found', `There is no user style "${id}".`);
    }
    return parseStyleJson(text);
  }

  private async userEntry(id: string, doc: StyleDocument): Promise<StyleEntry> {
    const hasImage = await fs.access(this.file(id, 'png')).then(() => true, () => false);
    const base = doc.drawing ? drawingStyle(doc.drawing.base) : undefined;
    return {
      id,
      name: doc.name,
      kind: 'user',
      engine: doc.drawing ? 'drawing' : hasImage ? 'marks' : 'texture',
      ...(base ? { params: base.params, values: doc.drawing!.params } : {}),
      ...(doc.embedding?.source ? { source: doc.embedding.source } : {}),
      hasImage,
    };
  }

  async list(): Promise<StyleEntry[]> {
    return (await this.catalog()).styles;
  }

  /** Every style, and one sentence per shipped painting or user style file that could not be read. */
  async catalog(): Promise<{ styles: StyleEntry[]; skipped: string[] }> {
    const out: StyleEntry[] = DRAWING_STYLES.map((s) => ({ id: s.id, name: s.name, kind: 'drawing', engine: 'drawing', params: s.params, values: s.params.map((q) => q.default) }));
    const shipped = await this.shippedWithSkipped();
    const skipped = [...shipped.skipped];
    // Only the shipped paintings' statistics and patch samples ship, never the images: colour and texture.
    for (const a of shipped.artworks) out.push({ id: a.id, name: a.name, kind: 'example', engine: 'texture', ...(a.embedding.source ? { source: a.embedding.source } : {}) });
    // Hidden, not greyed out, under "Only models cleared for commercial use" (CC BY-NC-SA 4.0).
    if (await this.inference.usable(CARTOON_MODEL)) out.push({ id: CARTOON_STYLE.id, name: CARTOON_STYLE.name, kind: 'learned', engine: 'learned' });
    let files: string[] = [];
    try {
      files = (await fs.readdir(this.dir)).filter((f) => f.endsWith('.json')).sort();
    } catch {
      /* no user styles yet */
    }
    const user: StyleEntry[] = [];
    for (const f of files) {
      const id = `user:${f.slice(0, -5)}`;
      if (!USER_ID.test(id)) continue;
      try {
        user.push(await this.userEntry(id, await this.readUser(id)));
      } catch (e) {
        // A damaged file does not hide the others.
        skipped.push(`User style ${f} was skipped: ${e instanceof ServiceError ? e.message : 'it cannot be read.'}`);
      }
    }
    return { styles: [...out, ...user.sort((a, b) => a.name.localeCompare(b.name))], skipped };
  }

  /** What the engine needs to render a style id. */
  async resolve(id: string, params?: readonly number[]): Promise<StyleSource> {
    const d = drawingStyle(id);
    if (d) return { kind: 'drawing', style: d, ...(params ? { params } : {}) };
    if (id === CARTOON_STYLE.id) {
      if (!(await this.inference.cleared(CARTOON_MODEL))) {
        throw new ServiceError('unsupported', `The ${CARTOON_STYLE.name} style is off: its model is licensed CC BY-NC-SA 4.0 (non-commercial) and "Only models cleared for commercial use" is on.`);
      }
      return { kind: 'learned', model: CARTOON_MODEL };
    }
    const art = (await this.shipped()).find((a) => a.id === id);
    if (art) return { kind: 'example', embedding: art.embedding };
    const doc = await this.readUser(id);
    if (doc.drawing) return { kind: 'drawing', style: drawingStyle(doc.drawing.base)!, params: params ?? doc.drawing.params };
    const embedding = embeddingFromJson(doc.embedding!);
    const png = this.file(id, 'png');
    const kept = await fs.access(png).then(() => true, () => false);
    return { kind: 'example', embedding, ...(kept ? { artwork: () => this.artworkImage(png) } : {}) };
  }

  /** A kept artwork, decoded once: the same object each time, so the face detector's cache holds. */
  private artworkImage(file: string): Promise<RgbImage> {
    let img = this.images.get(file);
    if (!img) {
      img = fs.readFile(file).then((b) => decodeImage(new Uint8Array(b), 'The kept artwork'));
      img.catch(() => this.images.delete(file));
      this.images.set(file, img);
      while (this.images.size > KEPT_IMAGES_CACHED) this.images.delete(this.images.keys().next().value as string);
    }
    return img;
  }

  private async save(doc: StyleDocument, image?: Uint8Array): Promise<StyleEntry> {
    const id = `user:${randomUUID()}`;
    // Image first: if it fails, no JSON exists and the style was never listed.
    if (image) await writeFileAtomic(this.file(id, 'png'), image);
    await writeFileAtomic(this.file(id, 'json'), `${JSON.stringify(doc)}\n`);
    return this.userEntry(id, doc);
  }

  /** A user style from a dropped artwork; the artwork itself is kept only if asked. */
  async addArtwork(name: string, bytes: Uint8Array, keepImage: boolean): Promise<StyleEntry> {
    const clean = validateName(name);
    const artwork = await decodeImage(bytes, 'The artwork');
    const embedding = await embedArtwork(this.inference, artwork);
    const doc: StyleDocument = { format: FORMAT, version: 1, name: clean, embedding: embeddingToJson(embedding) };
    return this.save(doc, keepImage ? await encodePng(await fitWithin(artwork, KEPT_IMAGE_SIDE)) : undefined);
  }

  async rename(id: string, name: string): Promise<StyleEntry> {
    const doc = { ...(await this.readUser(id)), name: validateName(name) };
    await writeFileAtomic(this.file(id, 'json'), `${JSON.stringify(doc)}\n`);
    return this.userEntry(id, doc);
  }

  async delete(id: string): Promise<void> {
    await this.readUser(id);
    await fs.rm(this.file(id, 'json'), { force: true });
    await fs.rm(this.file(id, 'png'), { force: true });
    this.images.delete(this.file(id, 'png'));
  }

  /** A style as a JSON document another artist can import (never includes the artwork image). */
  async export(id: string): Promise<string> {
    const d = drawingStyle(id);
    if (id === CARTOON_STYLE.id) throw badInput(`The ${CARTOON_STYLE.name} style is a trained network, not a style file; it cannot be exported.`);
    let doc: StyleDocument;
    if (d) {
      doc = { format: FORMAT, version: 1, name: d.name, drawing: { base: d.id, params: d.params.map((q) => q.default) } };
    } else {
      const art = (await this.shipped()).find((a) => a.id === id);
      doc = art ? { format: FORMAT, version: 1, name: art.name, embedding: embeddingToJson(art.embedding) } : await this.readUser(id);
    }
    return `${JSON.stringify(doc, null, 1)}\n`;
  }

  async import(text: string): Promise<StyleEntry> {
    return this.save(parseStyleJson(text));
  }
}
