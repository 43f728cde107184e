/**
 * Models run by the app's own TypeScript instead of ONNX Runtime (dlib's predictor and HOG
 * detector): each file verified against the manifest and decoded once per models folder. A
 * failed load is forgotten, so the next call tries again (after `npm run models`, say).
 */
import { loadVerified } from './manifest.js';

export function decodedModel<T>(name: string, decode: (bytes: Uint8Array) => T): (modelsDir: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (modelsDir) => {
    let p = cache.get(modelsDir);
    if (!p) {
      p = loadVerified(name, modelsDir).then(({ bytes }) => decode(bytes));
      cache.set(modelsDir, p);
      p.catch(() => cache.delete(modelsDir));
    }
    return p;
  };
}
