/**
 * The preset panel's storage: the built-ins plus the artist's presets, one JSON file each in
 * <userDataDir>/presets/, written atomically. A file that no longer validates is listed as
 * skipped with its reason instead of breaking the panel.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ServiceError, badInput } from '../../../common/errors.js';
import { writeFileAtomic } from '../settings/atomic.js';
import { BUILTIN_PRESETS } from './builtins.js';
import { checkPreset, parsePreset, presetToJson } from './parse.js';
import type { PresetDoc, PresetInput } from '../../../common/presets/schema.js';

export interface PresetEntry {
  id: string;
  name: string;
  notes: string;
  builtin: boolean;
}

const USER_PREFIX = 'user:';
const FILE_RE = /^[a-z0-9-]{1,60}\.json$/;

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'preset'
  );
}

export class PresetStore {
  readonly dir: string;

  constructor(userDataDir: string) {
    this.dir = path.join(userDataDir, 'presets');
  }

  async list(): Promise<{ presets: PresetEntry[]; skipped: string[] }> {
    const presets: PresetEntry[] = BUILTIN_PRESETS.map(({ id, doc }) => ({ id, name: doc.name, notes: doc.notes, builtin: true }));
    const skipped: string[] = [];
    for (const file of await this.files()) {
      try {
        const doc = parsePreset(await fs.readFile(path.join(this.dir, file), 'utf8'), `"${file}"`);
        presets.push({ id: USER_PREFIX + file.slice(0, -5), name: doc.name, notes: doc.notes, builtin: false });
      } catch (e) {
        skipped.push(e instanceof ServiceError ? e.message : `"${file}" could not be read.`);
      }
    }
    return { presets, skipped };
  }

  async get(id: string): Promise<PresetDoc> {
    const b = BUILTIN_PRESETS.find((p) => p.id === id);
    if (b) return b.doc;
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await fs.readFile(path.join(this.dir, file), 'utf8');
    } catch {
      throw new ServiceError('not-found', 'That preset no longer exists.');
    }
    return parsePreset(text, `"${file}"`);
  }

  /** Validates and stores a preset; returns its new id. */
  async save(input: PresetInput): Promise<{ id: string; doc: PresetDoc }> {
    const doc = checkPreset(input);
    const file = `${slug(doc.name)}-${randomBytes(3).toString('hex')}.json`;
    await writeFileAtomic(path.join(this.dir, file), presetToJson(doc));
    return { id: USER_PREFIX + file.slice(0, -5), doc };
  }

  /**
   * Import from file text: the whole file is validated before anything is written. A preset whose
   * content (name, notes, geometry) is already stored is not stored again: its entry is returned.
   */
  async import(text: string): Promise<{ id: string; doc: PresetDoc }> {
    const doc = checkPreset(parsePreset(text));
    const json = presetToJson(doc);
    for (const file of await this.files()) {
      const known = await fs.readFile(path.join(this.dir, file), 'utf8').catch(() => '');
      if (known === json) return { id: USER_PREFIX + file.slice(0, -5), doc };
    }
    return this.save(doc);
  }

  async export(id: string): Promise<{ json: string; fileName: string }> {
    const doc = await this.get(id);
    return { json: presetToJson(doc), fileName: `${slug(doc.name)}.preset.json` };
  }

  async delete(id: string): Promise<void> {
    if (BUILTIN_PRESETS.some((p) => p.id === id)) throw badInput('Built-in presets cannot be deleted.');
    try {
      await fs.unlink(path.join(this.dir, this.fileOf(id)));
    } catch {
      throw new ServiceError('not-found', 'That preset no longer exists.');
    }
  }

  private fileOf(id: string): string {
    const file = `${id.slice(USER_PREFIX.length)}.json`;
    // Ids come from the renderer: only names this store could have made, never a path.
    if (!id.startsWith(USER_PREFIX) || !FILE_RE.test(file)) throw new ServiceError('not-found', 'That preset does not exist.');
    return file;
  }

  private async files(): Promise<string[]> {
    try {
      return (await fs.readdir(this.dir)).filter((f) => FILE_RE.test(f)).sort();
    } catch {
      return [];
    }
  }
}
