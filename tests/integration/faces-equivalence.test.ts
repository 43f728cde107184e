/**
 * The ONNX conversions against face-api itself (tfjs, WASM backend) on the six demo photos, with
 * either detector and face-api's default options for it: same faces, boxes within 1 px, every
 * landmark within 0.5 px, and (SSD run) descriptors with cosine ≥ 0.999.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../electron/services/images/decode.js';
import { InferenceService } from '../../electron/services/inference/service.js';
import { detectFaces, type Face } from '../../electron/services/faces/detect.js';
import { cosineSimilarity, faceDescriptor } from '../../electron/services/faces/descriptor.js';

const require = createRequire(import.meta.url);
const nodeModules = (p: string) => fileURLToPath(new URL(`../../node_modules/${p}`, import.meta.url));

interface RefFace {
  detection: { box: { x: number; y: number; width: number; height: number }; score: number };
  landmarks: { positions: Array<{ x: number; y: number }> };
  descriptor: Float32Array;
}
// face-api's node-wasm bundle is CommonJS and untyped here; only these calls are used.
interface FaceApi {
  tf: {
    setBackend(b: string): Promise<boolean>;
    ready(): Promise<void>;
    tensor3d(d: Uint8Array, s: number[], t: string): { dispose(): void };
  };
  nets: Record<'ssdMobilenetv1' | 'tinyFaceDetector' | 'faceLandmark68Net' | 'faceRecognitionNet', { loadFromDisk(dir: string): Promise<void> }>;
  SsdMobilenetv1Options: new (o: { minConfidence: number }) => unknown;
  TinyFaceDetectorOptions: new (o: { inputSize: number; scoreThreshold: number }) => unknown;
  detectAllFaces(t: unknown, o: unknown): Promise<unknown> & { withFaceLandmarks(): Promise<RefFace[]> & { withFaceDescriptors(): Promise<RefFace[]> } };
}

let faceapi: FaceApi;
const inference = new InferenceService();

before(async () => {
  faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
  (require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void }).setWasmPaths(nodeModules('@tensorflow/tfjs-backend-wasm/dist/'));
  await faceapi.tf.setBackend('wasm');
  await faceapi.tf.ready();
  const dir = nodeModules('@vladmandic/face-api/model');
  for (const net of ['ssdMobilenetv1', 'tinyFaceDetector', 'faceLandmark68Net', 'faceRecognitionNet'] as const) await faceapi.nets[net].loadFromDisk(dir);
});

after(() => inference.dispose());

/** Pairs each of face-api's faces with ours (box within 1 px), checking score and landmarks. */
function matchFaces(ref: Omit<RefFace, 'descriptor'>[], mine: Face[]): Face[] {
  assert.equal(mine.length, ref.length);
  const unmatched = new Set(mine);
  return ref.map((r) => {
    const b = r.detection.box;
    const refBox = [b.x, b.y, b.width, b.height];
    const face = [...unmatched].find((f) => f.box.every((v, k) => Math.abs(v - refBox[k]!) <= 1));
    assert.ok(face, `a face within 1 px of face-api's box ${refBox.map((v) => v.toFixed(1))}`);
    unmatched.delete(face);
    assert.ok(Math.abs(face.score - r.detection.score) < 1e-3);
    r.landmarks.positions.forEach((p, k) => {
      const d = Math.hypot(p.x - face.landmarks[k]![0], p.y - face.landmarks[k]![1]);
      assert.ok(d <= 0.5, `landmark ${k} is ${d.toFixed(3)} px from face-api's`);
    });
    return face;
  });
}

async function demo(n: number) {
  const image = await decodeImage(readFileSync(nodeModules(`@vladmandic/face-api/demo/sample${n}.jpg`)));
  return { image, tensor: faceapi.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32') };
}

for (const n of [1, 2, 3, 4, 5, 6]) {
  test(`sample${n}.jpg, SSD: ONNX faces match face-api (boxes ≤ 1 px, landmarks ≤ 0.5 px, descriptor cosine ≥ 0.999)`, async () => {
    const { image, tensor } = await demo(n);
    const ref = await faceapi.detectAllFaces(tensor, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })).withFaceLandmarks().withFaceDescriptors();
    tensor.dispose();
    // face-api's own points: the 'fast' landmarks (the default 'precise' ones are dlib's, tests/unit/faces-dlib.test.ts).
    const mine = await detectFaces(inference, image, { detector: 'ssd', landmarks: 'fast' });
    assert.ok(ref.length >= 3, `face-api finds several faces in sample${n}`);
    const matched = matchFaces(ref, mine.faces);
    for (const [k, face] of matched.entries()) {
      const descriptor = await faceDescriptor(inference, image, face.landmarks);
      assert.equal(descriptor.length, 128);
      assert.ok(cosineSimilarity(descriptor, ref[k]!.descriptor) >= 0.999);
    }
    // largest first
    const areas = mine.faces.map((f) => f.box[2] * f.box[3]);
    assert.deepEqual(areas, [...areas].sort((a, b) => b - a));
  });

  test(`sample${n}.jpg, tiny detector: ONNX faces match face-api's TinyFaceDetector (416, score 0.5)`, async () => {
    const { image, tensor } = await demo(n);
    const ref = await faceapi.detectAllFaces(tensor, new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 })).withFaceLandmarks();
    tensor.dispose();
    assert.ok(ref.length >= 1, `face-api's tiny detector finds a face in sample${n}`);
    matchFaces(ref, (await detectFaces(inference, image, { detector: 'tiny', minConfidence: 0.5, landmarks: 'fast' })).faces);
  });
}
