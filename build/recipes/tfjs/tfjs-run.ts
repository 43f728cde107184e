/**
 * The source models run by tfjs itself (in node, wasm or cpu backend): the reference the
 * converted ONNX graphs are checked against, and the peer in the benchmarks.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { TfjsSource } from './sources.js';

export async function loadTfjs(src: TfjsSource, backend: 'wasm' | 'cpu' = 'wasm'): Promise<tf.GraphModel> {
  if (tf.getBackend() !== backend) {
    await tf.setBackend(backend);
    await tf.ready();
  }
  const weightData = src.weights.buffer.slice(src.weights.byteOffset, src.weights.byteOffset + src.weights.byteLength) as ArrayBuffer;
  const weightSpecs = src.json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  return tf.loadGraphModel(tf.io.fromMemory({ modelTopology: src.json.modelTopology, weightSpecs, weightData }));
}

/** Runs the graph on one NHWC float input and returns the named outputs' values. */
export function runTfjs(model: tf.GraphModel, input: Float32Array, shape: number[], outputs: string[]): Array<Float32Array | Int32Array> {
  return tf.tidy(() => {
    const res = model.execute(tf.tensor(input, shape), outputs);
    return (Array.isArray(res) ? res : [res]).map((t) => t.dataSync() as Float32Array | Int32Array);
  });
}
