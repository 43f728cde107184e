/**
 * native-models/manifest.json: every model the app runs, with the sha256 that is checked before
 * a session is created, its tensor signature and where its weights came from.
 */
import { promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../../../common/errors.js';
import { resourcePaths } from '../resources.js';

const TensorSig = z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) });

export const ManifestEntry = z.object({
  name: z.string(),
  /** A file directly in the models folder: no folders, so a manifest can't point outside it. */
  file: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/, 'a file name in the models folder'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  description: z.string(),
  inputs: z.array(TensorSig),
  outputs: z.array(TensorSig),
  /** The licence the weights are under, in short (details in provenance.licence). */
  licence: z.string().min(1),
  /**
   * Whether the weights may be used commercially: false when the licence or the training data's
   * terms exclude it. "Only models cleared for commercial use" hides every model marked false.
   */
  commercialUse: z.boolean(),
  provenance: z.object({
    recipe: z.string(),
    source: z.string(),
    version: z.string().optional(),
    licence: z.string(),
    /** False where the weights' training data excludes commercial use (e.g. iBUG 300-W). */
    commercialUse: z.boolean().optional(),
    notes: z.string().optional(),
  }),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;
export const Manifest = z.object({ models: z.array(ManifestEntry) });
export type Manifest = z.infer<typeof Manifest>;

/** native-models/ where this process runs from (resources.ts); a packaged host passes its own. */
export function defaultModelsDir(): string {
  return resourcePaths().modelsDir;
}

/** The manifest, or one sentence naming the file and what is wrong with it. */
export async function readManifest(dir = defaultModelsDir()): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  const rebuild = 'run `npm run models` to rebuild it';
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ServiceError('not-found', `The model manifest ${file} ${missing ? 'is missing' : `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`}; ${rebuild}.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ServiceError('internal', `The model manifest ${file} is damaged (not valid JSON); ${rebuild}.`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? issue.path.map(String).join('.') : 'the file';
    throw new ServiceError('internal', `The model manifest ${file} is not in the expected form (${where}: ${issue.message}); ${rebuild}.`);
  }
  return parsed.data;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type ModelStatus = {
  name: string;
  file: string;
  sha256: string;
  status: 'ok' | 'missing' | 'mismatch';
  bytes: number;
  licence: string;
  commercialUse: boolean;
};

/**
 * sha256 of the model files already hashed, by path, with the size and mtime they had: `app:info`
 * asks after every detection and hashing ~13 MB each time showed in the status bar's latency. A
 * file rewritten in place (a rebuilt model, a damaged download) changes its mtime or size.
 */
const hashed = new Map<string, { bytes: number; mtimeMs: number; sha256: string }>();

/** The file's sha256, from the cache while its size and mtime are unchanged; null if it can't be read. */
async function fileSha256(file: string, known?: Uint8Array): Promise<{ sha256: string; bytes: number } | null> {
  try {
    const st = await fs.stat(file);
    const hit = hashed.get(file);
    if (hit && hit.bytes === st.size && hit.mtimeMs === st.mtimeMs) return hit;
    const data = known ?? (await fs.readFile(file));
    const entry = { bytes: st.size, mtimeMs: st.mtimeMs, sha256: sha256(data) };
    hashed.set(file, entry);
    return entry;
  } catch {
    return null;
  }
}

export async function checkModels(dir = defaultModelsDir()): Promise<ModelStatus[]> {
  const manifest = await readManifest(dir);
  return Promise.all(
    manifest.models.map(async (m): Promise<ModelStatus> => {
      const h = await fileSha256(path.join(dir, m.file));
      const base = { name: m.name, file: m.file, sha256: m.sha256, licence: m.licence, commercialUse: m.commercialUse };
      return h ? { ...base, bytes: h.bytes, status: h.sha256 === m.sha256 ? 'ok' : 'mismatch' } : { ...base, bytes: 0, status: 'missing' };
    }),
  );
}

/** Reads a model's bytes and refuses them unless they match the manifest (hashed once per file version). */
export async function loadVerified(name: string, dir = defaultModelsDir()): Promise<{ entry: ManifestEntry; bytes: Uint8Array }> {
  const manifest = await readManifest(dir);
  const entry = manifest.models.find((m) => m.name === name);
  if (!entry) throw new ServiceError('not-found', `Model "${name}" is not listed in native-models/manifest.json.`);
  const file = path.join(dir, entry.file);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new ServiceError('not-found', `Model file ${entry.file} is missing; run \`npm run models\` to rebuild it.`);
  }
  const h = await fileSha256(file, bytes);
  if (h?.sha256 !== entry.sha256 || h.bytes !== bytes.byteLength) {
    throw new ServiceError('internal', `Model file ${entry.file} does not match its sha256 in the manifest; it may be damaged.`);
  }
  return { entry, bytes };
}
