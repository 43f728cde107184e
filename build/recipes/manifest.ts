/**
 * Writes a recipe's model into native-models/ and upserts its manifest entry (sha256, size,
 * signature, provenance). Entries stay sorted by name so the manifest diff of a rebuild is empty.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Manifest, ManifestEntry, sha256 } from '../../electron/services/inference/manifest.js';
import { writeFileAtomic } from '../../electron/services/settings/atomic.js';

export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../native-models');

export type ModelSpec = Omit<ManifestEntry, 'sha256' | 'bytes'> & { data: Uint8Array };

export async function writeModel(spec: ModelSpec, dir = MODELS_DIR): Promise<ManifestEntry> {
  const { data, ...rest } = spec;
  await writeFileAtomic(path.join(dir, spec.file), data);
  // Parsed so its keys come in the schema's order, as every entry read back does: a rebuild's diff stays empty.
  const entry: ManifestEntry = ManifestEntry.parse({ ...rest, sha256: sha256(data), bytes: data.byteLength });
  const manifestPath = path.join(dir, 'manifest.json');
  let manifest: Manifest = { models: [] };
  try {
    manifest = Manifest.parse(JSON.parse(await fs.readFile(manifestPath, 'utf8')));
  } catch (e) {
    // Only a missing manifest starts afresh: a damaged one would otherwise be replaced by this one entry.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const models = manifest.models.filter((m) => m.name !== entry.name);
  models.push(entry);
  models.sort((a, b) => a.name.localeCompare(b.name));
  await writeFileAtomic(manifestPath, `${JSON.stringify({ models }, null, 2)}\n`);
  return entry;
}
