/**
 * User settings (recent photos, provider preference, face detector) in <userData>/settings.json,
 * validated on read (a damaged file falls back to defaults instead of breaking start-up) and
 * written atomically.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DETECTOR_NAMES, PROVIDER_PREFERENCES } from '../../../common/names.js';
import { writeFileAtomic } from './atomic.js';

export const Settings = z.object({
  recent: z.array(z.string().max(4096)).max(20).default([]),
  providerPreference: z.enum(PROVIDER_PREFERENCES).default('auto'),
  /** Hosts hand it to FaceService.setDetector; 'auto' is the tiny → SSD cascade (faces/cascade.ts). */
  faceDetector: z.enum(DETECTOR_NAMES).default('auto'),
  /**
   * "Only models cleared for commercial use": models whose manifest entry says commercialUse:
   * false are refused (InferenceService), and their callers fall back (parsing → landmark masks).
   */
  commercialOnly: z.boolean().default(false),
});
export type Settings = z.infer<typeof Settings>;

const MAX_RECENT = 10;

export class SettingsStore {
  constructor(private readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, 'settings.json');
  }

  async read(): Promise<Settings> {
    try {
      return Settings.parse(JSON.parse(await fs.readFile(this.file, 'utf8')));
    } catch {
      return Settings.parse({});
    }
  }

  async update(patch: (s: Settings) => Partial<Settings>): Promise<Settings> {
    const current = await this.read();
    const next = Settings.parse({ ...current, ...patch(current) });
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }

  addRecent(paths: string[]): Promise<Settings> {
    return this.update((s) => ({ recent: [...new Set([...paths, ...s.recent])].slice(0, MAX_RECENT) }));
  }
}
