/**
 * ONNX Runtime sessions: one per model, provider preference and thread count, verified against
 * the manifest, warmed up once (DESIGN §3), with GPU → CPU fallback both when a session is
 * created and when a GPU run throws. Every model runs through here so the provider choice and its
 * warnings are reported in one place (status bar, `cli doctor`).
 */
import * as ort from 'onnxruntime-node';
import { AsyncLocalStorage } from 'node:async_hooks';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../../../common/errors.js';
import { loadVerified, defaultModelsDir, readManifest, type ManifestEntry } from './manifest.js';
import type { ProviderName, ProviderPreference } from '../../../common/names.js';
import { availableProviders, keepFloat32OnGpu, providerOrder } from './providers.js';
import { warmUpFeeds } from './warm-up.js';

export interface LoadedModel {
  name: string;
  session: ort.InferenceSession;
  provider: ProviderName;
  entry: ManifestEntry;
  warnings: string[];
}

/** Creates a session of `bytes` on one provider: the seam tests use to fake a failing GPU. */
export type SessionFactory = (bytes: Uint8Array, provider: ProviderName, threads: number | undefined) => Promise<ort.InferenceSession>;

export interface InferenceOptions {
  modelsDir?: string;
  preference?: ProviderPreference;
  /** Intra-op threads; ORT's default grabs every core, which starves the UI thread on a laptop. */
  threads?: number;
  createSession?: SessionFactory;
  /** The providers this machine can load (default: providers.ts's look at the installed binding). */
  available?: () => ProviderName[];
  /** Refuse models whose manifest entry says commercialUse: false (settings). */
  commercialOnly?: boolean;
}

const ortSession: SessionFactory = (bytes, provider, threads) => {
  keepFloat32OnGpu(provider);
  return ort.InferenceSession.create(bytes, {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // Models run one after another (detector, landmarks, warp…): idle pool threads that spin
    // waiting for work steal the core the next model needs on a 2–4 core laptop.
    // disable_quant_qdq lets constant folding dequantise uint8 weights (the cartoon generator's
    // DequantizeLinear) once at load: with float weights its convs are prepacked and run in the
    // blocked NCHWc layout (CPU per 512² run 874 → 601 ms, outputs within 1.2e-6). No model here
    // runs int8 kernels, which is what the QDQ handling it switches off is for.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' }, disable_quant_qdq: '1' } },
    ...(threads ? { intraOpNumThreads: threads } : {}),
  });
};

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** A cached session and the runs using it: a session is released only once none is in flight. */
interface Slot {
  model: Promise<LoadedModel>;
  runs: number;
  retired: boolean;
}

export class InferenceService {
  private readonly slots = new Map<string, Slot>();
  /** Fallback warnings of this process, each once, oldest first (app:info and `doctor` show them). */
  private readonly fallbacks = new Set<string>();
  readonly modelsDir: string;
  private _preference: ProviderPreference;
  private readonly threads: number | undefined;
  private readonly createSession: SessionFactory;
  private readonly available: () => ProviderName[];
  private _commercialOnly: boolean;
  private clearances: Promise<Map<string, boolean>> | undefined;
  /** The models used by the current tracked operation (track()), across its awaits. */
  private readonly used = new AsyncLocalStorage<Set<string>>();

  constructor(opts: InferenceOptions = {}) {
    this.modelsDir = opts.modelsDir ?? defaultModelsDir();
    this._preference = opts.preference ?? 'auto';
    this.threads = opts.threads;
    this.createSession = opts.createSession ?? ortSession;
    this.available = opts.available ?? availableProviders;
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
    return (await this.clearance()).get(name) === true;
  }

  /**
   * Each listed model's commercialUse, read once: cleared() sits in front of every run, so with the
   * setting on, a preview drag would otherwise re-read and re-validate the manifest per model run.
   */
  private clearance(): Promise<Map<string, boolean>> {
    if (!this.clearances) {
      const p = readManifest(this.modelsDir).then(({ models }) => new Map(models.map((m) => [m.name, m.commercialUse])));
      this.clearances = p;
      p.catch(() => {
        if (this.clearances === p) this.clearances = undefined;
      });
    }
    return this.clearances;
  }

  /** Present and allowed by the setting: what callers with a fallback ask before choosing. */
  async usable(name: string): Promise<boolean> {
    return (await this.cleared(name)) && (await this.hasModel(name));
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

  /** Every use of a model passes here: refused when not cleared, else noted for track(). */
  private async admit(name: string): Promise<void> {
    if (!(await this.cleared(name))) {
      throw new ServiceError('unsupported', `The model "${name}" is not cleared for commercial use, and "Only models cleared for commercial use" is on.`);
    }
    this.note([name]);
  }

  get preference(): ProviderPreference {
    return this._preference;
  }

  /** Later loads use `p`; sessions of the old preference are released once their runs end. */
  setPreference(p: ProviderPreference): void {
    if (p === this._preference) return;
    this._preference = p;
    for (const [key, slot] of this.slots) {
      if (key.startsWith(this.keyPrefix())) continue;
      this.slots.delete(key);
      this.retire(slot);
    }
  }

  /** The session for a model, created (and warmed up) on first use and then shared. */
  async load(name: string): Promise<LoadedModel> {
    await this.admit(name);
    return this.slot(name).model;
  }

  async run(name: string, feeds: Record<string, ort.Tensor>): Promise<ort.InferenceSession.ReturnType> {
    return (await this.runOn(name, feeds)).outputs;
  }

  /**
   * Runs a model and says on which provider. A GPU run that throws (a driver fault, memory
   * exhausted mid-run) is run again once on the CPU, which then serves that model from here on.
   */
  async runOn(name: string, feeds: Record<string, ort.Tensor>): Promise<{ outputs: ort.InferenceSession.ReturnType; provider: ProviderName }> {
    await this.admit(name);
    const slot = this.slot(name);
    slot.runs++;
    try {
      const m = await slot.model;
      try {
        return { outputs: await m.session.run(feeds), provider: m.provider };
      } catch (e) {
        if (m.provider === 'cpu') throw e;
        this.warn(`A ${m.provider} run of ${name} failed (${firstLine(e)}); running it on the CPU from now on.`);
      }
    } finally {
      this.release(slot);
    }
    const cpu = this.replaceWithCpu(name, slot);
    cpu.runs++;
    try {
      const c = await cpu.model;
      return { outputs: await c.session.run(feeds), provider: c.provider };
    } finally {
      this.release(cpu);
    }
  }

  /** Providers in use per loaded model (for the status bar and `doctor`). */
  async loadedProviders(): Promise<Record<string, ProviderName>> {
    const out: Record<string, ProviderName> = {};
    for (const slot of this.slots.values()) {
      try {
        const m = await slot.model;
        out[m.name] = m.provider;
      } catch {
        /* a failed load is reported by its caller */
      }
    }
    return out;
  }

  /** Providers this machine can load (what a preference can choose from). */
  availableProviders(): ProviderName[] {
    return this.available();
  }

  /** Every provider fallback so far, once each: a GPU that could not load a model or failed a run. */
  warnings(): string[] {
    return [...this.fallbacks];
  }

  async dispose(): Promise<void> {
    const all = [...this.slots.values()];
    this.slots.clear();
    await Promise.all(all.map((s) => s.model.then((m) => m.session.release()).catch(() => undefined)));
  }

  private keyPrefix(): string {
    return `${this._preference}/${this.threads ?? 'default'}/`;
  }

  private slot(name: string): Slot {
    const key = this.keyPrefix() + name;
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { model: this.create(name, this._preference), runs: 0, retired: false };
      this.slots.set(key, slot);
      const s = slot;
      s.model.catch(() => this.slots.get(key) === s && this.slots.delete(key));
    }
    return slot;
  }

  /** After a GPU run failed: this model's session for the current preference becomes a CPU one. */
  private replaceWithCpu(name: string, failed: Slot): Slot {
    const key = this.keyPrefix() + name;
    const current = this.slots.get(key);
    if (current && current !== failed) return current;
    const slot: Slot = { model: this.create(name, 'cpu'), runs: 0, retired: false };
    this.slots.set(key, slot);
    if (current) this.retire(current);
    return slot;
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    if (slot.runs === 0) void slot.model.then((m) => m.session.release()).catch(() => undefined);
  }

  private release(slot: Slot): void {
    slot.runs--;
    if (slot.retired && slot.runs === 0) void slot.model.then((m) => m.session.release()).catch(() => undefined);
  }

  private warn(w: string): void {
    this.fallbacks.add(w);
  }

  private async create(name: string, preference: ProviderPreference): Promise<LoadedModel> {
    const { entry, bytes } = await loadVerified(name, this.modelsDir);
    const available = new Set(this.available());
    const warnings: string[] = [];
    for (const provider of providerOrder(process.platform, process.arch, preference)) {
      if (!available.has(provider)) {
        if (preference === provider) warnings.push(`The ${provider} provider is not installed; using the CPU.`);
        continue;
      }
      let session: ort.InferenceSession | undefined;
      try {
        session = await this.createSession(bytes, provider, this.threads);
        // The warm-up: ORT allocates its arena and picks kernels on a session's first run, which
        // would otherwise land on the artist's first drag. A GPU that fails here falls back now.
        await session.run(warmUpFeeds(entry));
        return { name, session, provider, entry, warnings };
      } catch (e) {
        // On the CPU (the last resort) a failed warm-up costs only the warm-up.
        if (session && provider === 'cpu') return { name, session, provider, entry, warnings: [...warnings, `The warm-up run of ${name} failed (${firstLine(e)}).`] };
        if (session) await session.release().catch(() => undefined);
        warnings.push(`The ${provider} provider failed for ${name} (${firstLine(e)}); falling back.`);
      } finally {
        warnings.forEach((w) => this.warn(w));
      }
    }
    throw new Error(`No execution provider could load ${name}: ${warnings.join(' ')}`);
  }
}
