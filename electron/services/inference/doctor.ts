/** The facts `cli doctor` and Help → Model and provider info show: versions, providers, models. */
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { checkModels, type ModelStatus } from './manifest.js';
import type { ProviderName } from '../../../common/names.js';
import type { InferenceService } from './service.js';

import pkg from '../../../package.json' with { type: 'json' };

export const APP = { name: pkg.productName, version: pkg.version };

export interface DoctorReport {
  app: { name: string; version: string };
  versions: Record<string, string>;
  providers: { available: ProviderName[]; inUse: Record<string, ProviderName> };
  provider: ProviderName;
  models: ModelStatus[];
  /** Provider fallbacks so far (a GPU that could not load a model or failed a run), once each. */
  warnings: string[];
}

/** A model's licence for people (Help → Models, `doctor`): flagged where it is not cleared for commercial use. */
export function licenceNote(m: Pick<ModelStatus, 'licence' | 'commercialUse'>): string {
  return m.commercialUse ? m.licence : `${m.licence}; not cleared for commercial use`;
}

export async function doctor(inference: InferenceService, opts: { loadModels?: boolean } = {}): Promise<DoctorReport> {
  const models = await checkModels(inference.modelsDir);
  if (opts.loadModels) {
    await Promise.all(models.filter((m) => m.status === 'ok').map((m) => inference.load(m.name).catch(() => undefined)));
  }
  const inUse = await inference.loadedProviders();
  const used = new Set(Object.values(inUse));
  const versions: Record<string, string> = {
    app: pkg.version,
    node: process.versions.node,
    onnxruntime: ort.env.versions.node ?? ort.env.versions.common,
    sharp: sharp.versions.sharp ?? 'unknown',
    libvips: sharp.versions.vips,
  };
  if (process.versions.electron) versions.electron = process.versions.electron;
  if (process.versions.chrome) versions.chrome = process.versions.chrome;
  const available = inference.availableProviders();
  // The provider reported overall: the GPU one if any model runs on it, else CPU.
  const provider = (['cuda', 'dml', 'coreml'] as const).find((p) => used.has(p)) ?? 'cpu';
  return { app: APP, versions, providers: { available, inUse }, provider, models, warnings: inference.warnings() };
}
