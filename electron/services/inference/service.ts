/**
 * ONNX Runtime sessions, created once per model and provider preference, verified against the
 * manifest, with GPU → CPU fallback. Every model runs through here so the provider choice is
 * reported in one place (status bar, `cli doctor`).
 */
import * as ort from 'onnxruntime-node';
import { AsyncLocalStorage } from 'node:async_hooks';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../../common/errors.js';
import { loadVerified, defaultModelsDir, readManifest, type ManifestEntry } from './manifest.js';
import type { ProviderName, ProviderPreference } from '../../../common/names.js';
import { availableProviders, keepFloat32OnGpu, providerOrder } from './providers.js';

export interface LoadedModel {
  name: string;
  session: ort.InferenceSession;
  provider: ProviderName;
  entry: ManifestEntry;
  warnings: string[];
}

export interface InferenceOptions {
  modelsDir?: string;
  preference?: ProviderPreference;
  /** Intra-op threads; ORT's default grabs every core, which starves the UI thread on a laptop. */
  threads?: number;
  /** Refuse models whose manifest entry says commercialUse: false (settings). */
  commercialOnly?: boolean;
}

/** A cached session and the runs that hold it: a retired session is released when the last one ends. */
interface CacheEntry {
  model: Promise<LoadedModel>;
  runs: number;
  retired: boolean;
}

function release(entry: CacheEntry): Promise<void> {
  return entry.model.then((m) => m.session.release()).catch(() => undefined);
}

export class InferenceService {
  private readonly cache = new Map<string, CacheEntry>();
  readonly modelsDir: string;
  private _preference: ProviderPreference;
  private readonly threads: number | undefined;
  private _commercialOnly: boolean;
  /** The models used by the current tracked operation (track()), across its awaits. */
  private readonly used = new AsyncLocalStorage<Set<string>>();

  constructor(opts: InferenceOptions = {}) {
    this.modelsDir = opts.modelsDir ?? defaultModelsDir();
    this._preference = opts.preference ?? 'auto';
    this.threads = opts.threads;
    this._commercialOnly = opts.commercialOnly ?? false;
  }

  /**
   * Runs an operation and reports every model it used (run, loaded, or noted by a cache that
   * reused an earlier result): what an exported PNG credits. Nested tracks report to their own set.
   */
  async track<T>(fn: () => Promise<T>): Promise<{ value: T; models: string[] }> {
    const set = new Set<string>();
    const value = await this.used.run(set, fn);
    return { value, models: [...set].sort() };
  }

  /** Adds models to the tracked operation in progress, if any (cached results say what made them). */
  note(models: Iterable<string>): void {
    const set = this.used.getStore();
    if (set) for (const m of models) set.add(m);
  }

  /** "Only models cleared for commercial use": read from the manifest, so it covers every model. */
  get commercialOnly(): boolean {
    return this._commercialOnly;
  }

  setCommercialOnly(on: boolean): void {
    this._commercialOnly = on;
  }

  /** Whether the current setting lets this model run (an unlisted model is not cleared). */
  async cleared(name: string): Promise<boolean> {
    if (!this._commercialOnly) return true;
    const entry = (await readManifest(this.modelsDir)).models.find((m) => m.name === name);
    return entry?.commercialUse === true;
  }

  /** Present and allowed by the setting: what callers with a fallback ask before choosing. */
  async usable(name: string): Promise<boolean> {
    return (await this.cleared(name)) && (await this.hasModel(name));
  }

  get preference(): ProviderPreference {
    return this._preference;
  }

  /**
   * New sessions use the new provider; the old ones are released once no run holds them (a job
   * in flight finishes on the session it started with instead of failing "already disposed").
   */
  setPreference(p: ProviderPreference): void {
    if (p === this._preference) return;
    this._preference = p;
    void this.retireAll(); // never rejects: release() swallows a failed release
  }

  /** The session for a model, created on first use and then shared. Run it through run(), which holds it. */
  async load(name: string): Promise<LoadedModel> {
    await this.admit(name);
    return this.entry(name).model;
  }

  /** Every use of a model passes here: refused when not cleared, else noted for track(). */
  private async admit(name: string): Promise<void> {
    if (!(await this.cleared(name))) {
      throw new ServiceError('unsupported', `The model "${name}" is not cleared for commercial use, and "Only models cleared for commercial use" is on.`);
    }
    this.note([name]);
  }

  /**
   * Whether a model is listed and its file is present (not verified: a damaged file still fails
   * at load, loudly). Models too big to commit are built by `npm run models`, so a fresh clone
   * may lack them; their callers fall back or say so.
   */
  async hasModel(name: string): Promise<boolean> {
    try {
      const entry = (await readManifest(this.modelsDir)).models.find((m) => m.name === name);
      if (!entry) return false;
      await fs.access(path.join(this.modelsDir, entry.file));
      return true;
    } catch {
      return false;
    }
  }

  async run(name: string, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType> {
    return (await this.runWithProvider(name, feeds)).outputs;
  }

  /** run(), also saying which provider ran it. */
  async runWithProvider(name: string, feeds: Record<string, ort.Tensor>): Promise<{ outputs: ort.InferenceSession.ReturnType; provider: ProviderName }> {
    await this.admit(name);
    const entry = this.entry(name);
    entry.runs++;
    try {
      const m = await entry.model;
      return { outputs: await m.session.run(feeds), provider: m.provider };
    } finally {
      entry.runs--;
      if (entry.retired && entry.runs === 0) await release(entry);
    }
  }

  private entry(name: string): CacheEntry {
    let e = this.cache.get(name);
    if (!e) {
      const entry: CacheEntry = { model: this.create(name), runs: 0, retired: false };
      entry.model.catch(() => {
        if (this.cache.get(name) === entry) this.cache.delete(name);
      });
      this.cache.set(name, entry);
      e = entry;
    }
    return e;
  }

  /** Drops every cached session: idle ones are released now, held ones when their last run ends. */
  private retireAll(): Promise<void> {
    const all = [...this.cache.values()];
    this.cache.clear();
    for (const e of all) e.retired = true;
    return Promise.all(all.filter((e) => e.runs === 0).map(release)).then(() => undefined);
  }

  /** Providers in use per loaded model (for the status bar and `doctor`). */
  async loadedProviders(): Promise<Record<string, ProviderName>> {
    const out: Record<string, ProviderName> = {};
    for (const [name, e] of this.cache) {
      try {
        out[name] = (await e.model).provider;
      } catch {
        /* a failed load is reported by its caller */
      }
    }
    return out;
  }

  dispose(): Promise<void> {
    return this.retireAll();
  }

  private async create(name: string): Promise<LoadedModel> {
    const { entry, bytes } = await loadVerified(name, this.modelsDir);
    const available = new Set(availableProviders());
    const warnings: string[] = [];
    for (const provider of providerOrder(process.platform, process.arch, this._preference)) {
      if (!available.has(provider)) {
        if (this._preference === provider) warnings.push(`The ${provider} provider is not installed; using CPU.`);
        continue;
      }
      try {
        keepFloat32OnGpu(provider);
        const session = await ort.InferenceSession.create(bytes, {
          executionProviders: [provider],
          graphOptimizationLevel: 'all',
          // Models run one after another (detector, landmarks, warp…): idle pool threads that spin
          // waiting for work steal the core the next model needs on a 2–4 core laptop.
          extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
          ...(this.threads ? { intraOpNumThreads: this.threads } : {}),
        });
        return { name, session, provider, entry, warnings };
      } catch (e) {
        warnings.push(`The ${provider} provider failed for ${name} (${(e as Error).message.split('\n')[0]}); falling back.`);
      }
    }
    throw new Error(`No execution provider could load ${name}: ${warnings.join(' ')}`);
  }
}
