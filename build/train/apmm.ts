/**
 * The Adversarial Portrait Mapping Module trainer (paper §III-C, Algorithm 1), generic over the
 * embedding it maps: 136-d landmark offsets or style vectors.
 *
 *  1. Encoder–decoder (ELA/DLA, or ECA/DCA for style): x → h → x̂ on standardised data,
 *     MSE reconstruction. h is the embedding space the generator learns to hit.
 *  2. Generator G: z ~ N(0, I) → h, trained against a discriminator D on the encoded training set
 *     with the generator loss
 *        L_G = λ_adv·L_adv + λ_dist·L_dist + λ_rec·L_rec
 *     L_adv  non-saturating GAN loss −log D(G(z));
 *     L_dist moment matching between G(z) and the encoded data (mean and covariance, Frobenius):
 *            the distribution term; it is what keeps the 142-sample GAN from collapsing;
 *     L_rec  ‖E(D_ec(G(z))) − G(z)‖²: generated codes must survive a decode/encode round trip,
 *            i.e. lie where the decoder is meaningful.
 *
 * Everything random comes from one seed (our mulberry32 noise fed in as tensors, Glorot weights
 * drawn from it too), and the tfjs CPU backend is plain float32 JS, so a rerun gives the same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { gaussianRng, uniformRng } from '../../common/random.js';
import { GraphBuilder } from '../onnx/builder.js';

export interface Dense {
  w: tf.Variable;
  b: tf.Variable;
}
type Act = 'relu' | 'leaky' | 'linear';

export interface ApmmConfig {
  seed: number;
  latent: number;
  noise: number;
  hidden: number;
  aeSteps: number;
  ganSteps: number;
  batch: number;
  lambdaAdv: number;
  lambdaDist: number;
  lambdaRec: number;
}

export const DEFAULT_CONFIG: ApmmConfig = {
  seed: 6,
  latent: 16,
  noise: 16,
  hidden: 128,
  aeSteps: 3000,
  ganSteps: 3000,
  batch: 64,
  lambdaAdv: 1,
  lambdaDist: 10,
  lambdaRec: 1,
};

export interface TrainedApmm {
  config: ApmmConfig;
  /** Per-dimension mean and one global scale of the training vectors (x_std = (x − μ)/σ). */
  mu: Float32Array;
  sigma: number;
  generator: Array<{ w: Float32Array; b: Float32Array; in: number; out: number; act: Act }>;
  decoder: Array<{ w: Float32Array; b: Float32Array; in: number; out: number; act: Act }>;
  log: string[];
}

function dense(inp: number, out: number, rnd: () => number): Dense {
  const lim = Math.sqrt(6 / (inp + out)); // Glorot uniform
  const w = Float32Array.from({ length: inp * out }, () => (2 * rnd() - 1) * lim);
  return { w: tf.variable(tf.tensor2d(w, [inp, out])), b: tf.variable(tf.zeros([out])) };
}

function forward(x: tf.Tensor2D, layers: Dense[], acts: Act[]): tf.Tensor2D {
  return layers.reduce((h, l, i) => {
    const y = tf.add(tf.matMul(h, l.w), l.b) as tf.Tensor2D;
    const a = acts[i];
    return a === 'relu' ? tf.relu(y) : a === 'leaky' ? tf.leakyRelu(y, 0.2) : y;
  }, x);
}

function covariance(x: tf.Tensor2D): tf.Tensor2D {
  const c = tf.sub(x, tf.mean(x, 0));
  return tf.div(tf.matMul(c, c, true, false), x.shape[0]) as tf.Tensor2D;
}

const vars = (ls: Dense[]) => ls.flatMap((l) => [l.w, l.b]);

export async function trainApmm(data: readonly number[][], cfg: ApmmConfig = DEFAULT_CONFIG): Promise<TrainedApmm> {
  await tf.setBackend('cpu');
  const n = data.length;
  const d = data[0]!.length;
  const log: string[] = [];
  const say = (s: string) => {
    log.push(s);
    console.log(s);
  };
  // Standardise with one global σ (not per dimension) so the landmark geometry is not distorted.
  const mu = new Float32Array(d);
  for (const x of data) x.forEach((v, i) => (mu[i]! += v / n));
  let ss = 0;
  for (const x of data) x.forEach((v, i) => (ss += (v - mu[i]!) ** 2));
  const sigma = Math.sqrt(ss / (n * d)) || 1;
  const X = tf.tensor2d(data.map((x) => x.map((v, i) => (v - mu[i]!) / sigma)));

  const rnd = uniformRng(cfg.seed);
  const gauss = gaussianRng(cfg.seed ^ 0x5eed);
  const batchIdx = () => tf.tensor1d(Int32Array.from({ length: cfg.batch }, () => Math.floor(rnd() * n)), 'int32');
  const z = () => tf.tensor2d(Float32Array.from({ length: cfg.batch * cfg.noise }, gauss), [cfg.batch, cfg.noise]);

  const H = cfg.hidden;
  const enc = [dense(d, H, rnd), dense(H, cfg.latent, rnd)];
  const dec = [dense(cfg.latent, H, rnd), dense(H, d, rnd)];
  const AE: Act[] = ['relu', 'linear'];
  const aeOpt = tf.train.adam(1e-3);
  for (let step = 1; step <= cfg.aeSteps; step++) {
    const xb = tf.gather(X, batchIdx()) as tf.Tensor2D;
    const loss = aeOpt.minimize(() => tf.mean(tf.square(tf.sub(forward(forward(xb, enc, AE), dec, AE), xb))) as tf.Scalar, true, vars([...enc, ...dec]));
    if (step % 1000 === 0) say(`AE step ${step}: reconstruction MSE ${(await loss!.data())[0]!.toFixed(4)} (standardised units)`);
    tf.dispose([xb, loss!]);
  }
  // The GAN works on codes scaled to unit spread (one global factor hs), so the adversarial and
  // distribution terms are on comparable scales whatever size the AE's codes came out; hs is
  // folded back into G's last layer at export, so 'embedding' is the decoder's own code space.
  const Hraw = tf.tidy(() => forward(X, enc, AE));
  const hs = tf.tidy(() => tf.sqrt(tf.mean(tf.square(tf.sub(Hraw, tf.mean(Hraw, 0))))).dataSync()[0]!) || 1;
  const Hdata = tf.div(Hraw, hs) as tf.Tensor2D;
  say(`code scale hs = ${hs.toFixed(4)}`);
  const Hmean = tf.mean(Hdata, 0);
  const Hcov = covariance(Hdata);

  const G: Act[] = ['relu', 'relu', 'linear'];
  const gen = [dense(cfg.noise, 64, rnd), dense(64, 64, rnd), dense(64, cfg.latent, rnd)];
  const D: Act[] = ['leaky', 'leaky', 'linear'];
  const disc = [dense(cfg.latent, 64, rnd), dense(64, 64, rnd), dense(64, 1, rnd)];
  const gOpt = tf.train.adam(5e-4, 0.5);
  const dOpt = tf.train.adam(5e-4, 0.5);
  // softplus(−t) = −log σ(t): the logistic GAN losses without log(0).
  const softplus = (t: tf.Tensor) => tf.softplus(t);
  for (let step = 1; step <= cfg.ganSteps; step++) {
    const hb = tf.gather(Hdata, batchIdx()) as tf.Tensor2D;
    const z1 = z();
    const dLoss = dOpt.minimize(
      () => {
        const fake = forward(z1, gen, G);
        return tf.add(tf.mean(softplus(tf.neg(forward(hb, disc, D)))), tf.mean(softplus(forward(fake, disc, D)))) as tf.Scalar;
      },
      true,
      vars(disc),
    );
    const z2 = z();
    let parts: number[] = [];
    const gLoss = gOpt.minimize(
      () => {
        const fake = forward(z2, gen, G);
        const adv = tf.mean(softplus(tf.neg(forward(fake, disc, D))));
        const dist = tf.add(tf.sum(tf.square(tf.sub(tf.mean(fake, 0), Hmean))), tf.sum(tf.square(tf.sub(covariance(fake), Hcov))));
        const rec = tf.mean(tf.sum(tf.square(tf.sub(tf.div(forward(forward(tf.mul(fake, hs) as tf.Tensor2D, dec, AE), enc, AE), hs), fake)), 1));
        if (step % 1000 === 0) parts = [adv, dist, rec].map((t) => t.dataSync()[0]!);
        return tf.addN([tf.mul(adv, cfg.lambdaAdv), tf.mul(dist, cfg.lambdaDist), tf.mul(rec, cfg.lambdaRec)]) as tf.Scalar;
      },
      true,
      vars(gen),
    );
    if (step % 1000 === 0) {
      say(`GAN step ${step}: D ${(await dLoss!.data())[0]!.toFixed(3)}, G adv ${parts[0]!.toFixed(3)}, dist ${parts[1]!.toFixed(4)}, rec ${parts[2]!.toFixed(4)}`);
    }
    tf.dispose([hb, z1, z2, dLoss!, gLoss!]);
  }
  const dump = (ls: Dense[], acts: Act[]) =>
    ls.map((l, i) => ({ w: l.w.dataSync() as Float32Array, b: l.b.dataSync() as Float32Array, in: l.w.shape[0]!, out: l.w.shape[1]!, act: acts[i]! }));
  const generator = dump(gen, G);
  const last = generator[generator.length - 1]!;
  last.w = last.w.map((v) => v * hs);
  last.b = last.b.map((v) => v * hs);
  const out: TrainedApmm = { config: cfg, mu, sigma, generator, decoder: dump(dec, AE), log };
  tf.dispose([X, Hraw, Hdata, Hmean, Hcov, ...vars([...enc, ...dec, ...gen, ...disc])]);
  return out;
}

/**
 * ONNX graph: z [N, noise] → G (Gemm/Relu) → embedding [N, latent] → decoder → × σ + μ → vector
 * [N, d] in the data's own units. Both the embedding and the vector are outputs.
 */
export function exportApmmOnnx(name: string, m: TrainedApmm, outputName: string): Uint8Array {
  const g = new GraphBuilder(name);
  const d = m.mu.length;
  let h = g.input('z', 'float32', ['N', m.config.noise]);
  const chain = (layers: TrainedApmm['generator'], x: string, finalName?: string) => {
    layers.forEach((l, i) => {
      const last = i === layers.length - 1;
      const y = g.op1('Gemm', [x, g.f32('w', l.w, [l.in, l.out]), g.f32('b', l.b, [l.out])], {}, last && l.act === 'linear' ? finalName : undefined);
      x = l.act === 'relu' ? g.op1('Relu', [y]) : l.act === 'leaky' ? g.op1('LeakyRelu', [y], { alpha: { float: 0.2 } }) : y;
    });
    return x;
  };
  h = chain(m.generator, h, 'embedding');
  const std = chain(m.decoder, h);
  const scaled = g.op1('Mul', [std, g.f32('sigma', [m.sigma], [1])]);
  g.op1('Add', [scaled, g.f32('mu', m.mu, [d])], {}, outputName);
  g.output('embedding', 'float32', ['N', m.config.latent]);
  g.output(outputName, 'float32', ['N', d]);
  return g.toBytes(`APMM generator + decoder (${name})`);
}
