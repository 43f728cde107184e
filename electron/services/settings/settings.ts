/**
 * User settings (recent photos, provider preference, face detector and landmark model) in <userData>/settings.json.
 * A damaged file never costs the artist more than the damaged part: each field is validated on
 * its own (an invalid one falls back to its default with a logged warning, the rest are kept), a
 * BOM is accepted, and the damaged file is kept as settings.json.bak before it is first
 * rewritten. Updates are serialised per file, so two concurrent changes both land.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DETECTOR_NAMES, LANDMARK_NAMES, PROVIDER_PREFERENCES } from '../../../common/names.js';
import { badInput } from '../../../common/errors.js';
import { writeFileAtomic } from './atomic.js';

const MAX_RECENT = 10;

export const Settings = z.object({
  recent: z.array(z.string().max(4096)).max(MAX_RECENT).default([]),
  providerPreference: z.enum(PROVIDER_PREFERENCES).default('auto'),
  /** Hosts hand it to FaceService.setDetector; 'auto' is the tiny → SSD cascade (faces/cascade.ts). */
  faceDetector: z.enum(DETECTOR_NAMES).default('auto'),
  /** Hands to FaceService.setLandmarks; 'precise' is dlib's predictor, 'fast' face-api's net. */
  faceLandmarks: z.enum(LANDMARK_NAMES).default('precise'),
  /**
   * "Only models cleared for commercial use": models whose manifest entry says commercialUse:
   * false are refused (InferenceService), and their callers fall back (parsing → landmark masks).
   */
  commercialOnly: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

const DEFAULTS = Settings.parse({});

/** What a settings file holds, field by field, and what had to be dropped to get there. */
export function parseSettings(text: string): { settings: Settings; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { settings: DEFAULTS, problems: [text.trim() ? 'it is not valid JSON' : 'it is empty'] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { settings: DEFAULTS, problems: ['it is not a JSON object'] };
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  const fields = raw as Record<string, unknown>;
  for (const [key, schema] of Object.entries(Settings.shape)) {
    if (!(key in fields)) continue;
    let value = fields[key];
    if (key === 'recent' && Array.isArray(value)) {
      // A long or partly bad list keeps its good, most recent entries.
      const good = [...new Set(value.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096))];
      if (good.length !== value.length || good.length > MAX_RECENT) problems.push(`"recent" kept ${Math.min(good.length, MAX_RECENT)} of ${value.length} entries`);
      value = good.slice(0, MAX_RECENT);
    }
    const r = schema.safeParse(value);
    if (r.success) out[key] = r.data;
    else problems.push(`"${key}" was invalid (${JSON.stringify(value)?.slice(0, 60)}) and is reset to its default`);
  }
  for (const key of Object.keys(fields)) if (!(key in Settings.shape)) problems.push(`unknown setting "${key.slice(0, 60)}" was dropped`);
  return { settings: Settings.parse(out), problems };
}

/** Updates in flight per settings file, across stores, so each one reads the previous one's result. */
const queues = new Map<string, Promise<unknown>>();

export class SettingsStore {
  private readonly warned = new Set<string>();
  /** The damaged contents already copied to settings.json.bak, so each is copied once. */
  private backedUp: Buffer | undefined;

  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void = (m) => console.warn(m),
  ) {}

  get file(): string {
    return path.join(this.dir, 'settings.json');
  }

  async read(): Promise<Settings> {
    return (await this.load()).settings;
  }

  /** Applies `patch` to the current settings and writes them; concurrent updates run one after another. */
  update(patch: (s: Settings) => Partial<Settings>): Promise<Settings> {
    const run = (queues.get(this.file) ?? Promise.resolve()).catch(() => undefined).then(() => this.apply(patch));
    queues.set(this.file, run);
    const forget = () => {
      if (queues.get(this.file) === run) queues.delete(this.file);
    };
    run.then(forget, forget);
    return run;
  }

  addRecent(paths: string[]): Promise<Settings> {
    return this.update((s) => ({ recent: [...new Set([...paths, ...s.recent])].slice(0, MAX_RECENT) }));
  }

  private async apply(patch: (s: Settings) => Partial<Settings>): Promise<Settings> {
    const { settings, damaged, unreadable } = await this.load();
    if (unreadable) throw unreadable;
    const next = Settings.parse({ ...settings, ...patch(settings) });
    // Never overwrite a damaged file whose copy could not be kept.
    if (damaged !== undefined) await this.backUp(damaged);
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }

  /** The settings, and the damaged file's bytes when any part of it had to be dropped. */
  private async load(): Promise<{ settings: Settings; damaged?: Buffer; unreadable?: Error }> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { settings: DEFAULTS };
      const unreadable = this.unreadable(e);
      this.warnOnce(`${unreadable.message} Using the default settings.`);
      return { settings: DEFAULTS, unreadable };
    }
    const { settings, problems } = parseSettings(bytes.toString('utf8'));
    if (!problems.length) return { settings };
    let kept = `A copy is kept as ${this.file}.bak.`;
    await this.backUp(bytes).catch((e: unknown) => {
      kept = `No copy could be kept (${e instanceof Error ? e.message : String(e)}).`;
    });
    this.warnOnce(`Settings file ${this.file} is damaged: ${problems.join('; ')}. ${kept}`);
    return { settings, damaged: bytes };
  }

  private async backUp(damaged: Buffer): Promise<void> {
    if (this.backedUp?.equals(damaged)) return;
    await writeFileAtomic(`${this.file}.bak`, damaged);
    this.backedUp = damaged;
  }

  private unreadable(e: unknown): Error {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return badInput(`The settings file ${this.file} is a folder; move it away so the settings can be kept.`);
    if (code === 'EACCES' || code === 'EPERM') return badInput(`The settings file ${this.file} cannot be read (permission denied).`);
    return badInput(`The settings file ${this.file} cannot be read (${(e as Error).message}).`);
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warn(message);
  }
}
