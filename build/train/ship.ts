/**
 * Train → export → evaluate the shipped ONNX → write it with its manifest entry: the common tail
 * of train-landmarks.ts and train-style.ts. The evaluation runs the exported bytes through
 * onnxruntime, so the recorded numbers are those of the model the app loads.
 */
import * as ort from 'onnxruntime-node';
import { writeModel } from '../recipes/manifest.js';
import { exportApmmOnnx, trainApmm, type ApmmConfig } from './apmm.js';
import { evaluateSamples } from './evaluate.js';
import { NOISE_DIM } from '../../electron/services/apmm/generator.js';

export interface ShipSpec {
  name: string;
  output: string;
  description: string;
  recipe: string;
  source: string;
  licence: string;
  /** The short licence and commercial clearance of the trained weights (manifest top level). */
  clearance: { licence: string; commercialUse: boolean };
  train: number[][];
  heldOut: number[][];
  config: ApmmConfig;
}

export async function trainAndShip(spec: ShipSpec): Promise<void> {
  const t0 = performance.now();
  const trained = await trainApmm(spec.train, spec.config);
  const seconds = (performance.now() - t0) / 1000;
  const bytes = exportApmmOnnx(spec.name, trained, spec.output);
  const report = await evaluateSamples(await ort.InferenceSession.create(bytes), spec.output, spec.train, spec.heldOut);
  console.log(JSON.stringify(report, null, 2));
  const c = spec.config;
  await writeModel({
    name: spec.name,
    file: `${spec.name}.onnx`,
    data: bytes,
    description: spec.description,
    ...spec.clearance,
    inputs: [{ name: 'z', type: 'float32', shape: ['N', NOISE_DIM] }],
    outputs: [
      { name: 'embedding', type: 'float32', shape: ['N', c.latent] },
      { name: spec.output, type: 'float32', shape: ['N', spec.train[0]!.length] },
    ],
    provenance: {
      recipe: spec.recipe,
      source: spec.source,
      licence: spec.licence,
      notes: `seed ${c.seed}; latent ${c.latent}, hidden ${c.hidden}; AE ${c.aeSteps} steps, GAN ${c.ganSteps} steps, batch ${c.batch}, λ adv/dist/rec ${c.lambdaAdv}/${c.lambdaDist}/${c.lambdaRec}; ${seconds.toFixed(0)} s on CPU; eval (256 samples, seeds 0…255): ${JSON.stringify(report)}`,
    },
  });
  console.log(`${spec.name}: wrote native-models/${spec.name}.onnx (${seconds.toFixed(1)} s training)`);
}
