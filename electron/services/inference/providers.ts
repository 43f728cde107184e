/**
 * Execution provider choice. GPU providers are tried in the platform's order and CPU always
 * ends the list, so a missing CUDA install or driver costs a warning, never a crash.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { PROVIDER_NAMES } from '../../../common/names.js';
import type { ProviderName, ProviderPreference } from '../../../common/names.js';

export function providerOrder(platform: NodeJS.Platform, arch: string, preference: ProviderPreference = 'auto'): ProviderName[] {
  if (preference !== 'auto') return preference === 'cpu' ? ['cpu'] : [preference, 'cpu'];
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'linux' && arch === 'x64') return ['cuda', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  return ['cpu'];
}

/**
 * Providers the installed binding can really load. onnxruntime-node lists CUDA as "not bundled":
 * its libraries only exist after `npm install --onnxruntime-node-install=cuda12`, so look for them.
 */
export function availableProviders(): ProviderName[] {
  const listed = new Map(ort.listSupportedBackends().map((b) => [b.name, b.bundled]));
  return PROVIDER_NAMES.filter((p) => {
    if (p === 'cpu') return true;
    if (!listed.has(p)) return false;
    return listed.get(p) || providerLibraryPresent(p);
  });
}

function providerLibraryPresent(p: ProviderName): boolean {
  try {
    const pkg = createRequire(import.meta.url).resolve('onnxruntime-node/package.json');
    const bin = path.join(path.dirname(pkg), 'bin', 'napi-v6', process.platform, process.arch);
    return readdirSync(bin).some((f) => f.includes(`onnxruntime_providers_${p}`));
  } catch {
    return false;
  }
}

/**
 * Turns TF32 off for cuBLAS and cuDNN before the first CUDA session (onnxruntime-node passes no
 * CUDA provider options, so `use_tf32` can't be set there). TF32 keeps 10 mantissa bits: on an
 * H200 it put the warp 31.5 dB away from the CPU's (spline coordinates of hundreds of pixels lose
 * ~0.3 px) and one landmark set 4 px away; with it off they agree (tests/integration/
 * providers-gpu.test.ts). An artist's own setting of the variable wins.
 */
export function keepFloat32OnGpu(provider: ProviderName): void {
  if (provider === 'cuda') process.env.NVIDIA_TF32_OVERRIDE ??= '0';
}
