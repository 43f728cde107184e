/**
 * Recipe for every style model: the eight drawing-style graphs, the example-based transfer graph
 * and its analysis graph (all analytic, no weights), and the artwork embeddings computed from
 * ../shared/data/styles when that data is present. See README.md in this folder.
 */
import { writeModel } from '../manifest.js';
import { buildDrawingGraph, drawingStyles } from './drawing.js';
import { buildEmbedGraph, buildExampleGraph } from './example.js';
import { EXAMPLE_LEVELS, EXAMPLE_PARAMS, EXAMPLE_PATCH } from '../../../electron/services/style/catalog.js';

const RECIPE = 'build/recipes/style/recipe.ts';
const io = (names: Array<[string, string, Array<number | string>]>) => names.map(([name, type, shape]) => ({ name, type, shape }));

export async function buildDrawingModels(): Promise<void> {
  for (const style of drawingStyles()) {
    await writeModel({
      name: style.model,
      file: `${style.model}.onnx`,
      description: `${style.name} drawing style; params = [${style.params.map((q) => q.name).join(', ')}]`,
      inputs: io([
        ['image', 'float32', [1, 3, 'H', 'W']],
        ['params', 'float32', [style.params.length]],
        ['strength', 'float32', [1]],
        ['preserve_color', 'float32', [1]],
        ['mask', 'float32', [1, 1, 'H', 'W']],
      ]),
      outputs: io([['styled', 'float32', [1, 3, 'H', 'W']]]),
      provenance: { recipe: RECIPE, source: 'analytic graph (no weights); procedural textures from seeded mulberry32', licence: 'MIT' },
      data: buildDrawingGraph(style),
    });
  }
}

export async function buildExampleModels(): Promise<void> {
  const provenance = { recipe: RECIPE, source: 'analytic graph (no weights): Laplacian pyramid, AdaIN (paper Eq. 5), nearest-patch style swap', licence: 'MIT' };
  const L = EXAMPLE_LEVELS;
  await writeModel({
    name: 'style-embed',
    file: 'style-embed.onnx',
    description: 'Artwork analysis: Laplacian-pyramid band statistics (B0..B2, G3 × mean, std × RGB) and Gaussian levels 1..3 for patch sampling',
    inputs: io([['image', 'float32', [1, 3, 'H', 'W']]]),
    outputs: io([['stats', 'float32', [L + 1, 2, 3]], ...Array.from({ length: L }, (_, i) => [`g${i + 1}`, 'float32', [1, 3, `H${i + 1}`, `W${i + 1}`]] as [string, string, Array<number | string>])]),
    provenance,
    data: buildEmbedGraph(),
  });
  await writeModel({
    name: 'style-example',
    file: 'style-example.onnx',
    description: `Example-based style transfer; params = [${EXAMPLE_PARAMS.map((q) => q.name).join(', ')}]`,
    inputs: io([
      ['image', 'float32', [1, 3, 'H', 'W']],
      ['style_stats', 'float32', [L + 1, 2, 3]],
      ...Array.from({ length: L }, (_, i) => [`bank${i + 1}`, 'float32', [`N${i + 1}`, 3, EXAMPLE_PATCH, EXAMPLE_PATCH]] as [string, string, Array<number | string>]),
      ['params', 'float32', [EXAMPLE_PARAMS.length]],
      ['strength', 'float32', [1]],
      ['preserve_color', 'float32', [1]],
      ['mask', 'float32', [1, 1, 'H', 'W']],
    ]),
    outputs: io([['styled', 'float32', [1, 3, 'H', 'W']]]),
    provenance,
    data: buildExampleGraph(),
  });
}

export async function buildStyleModels(): Promise<void> {
  await buildDrawingModels();
  await buildExampleModels();
}

if (import.meta.url === `file://${process.argv[1]}`) await buildStyleModels();
