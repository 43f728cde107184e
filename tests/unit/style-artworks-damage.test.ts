/**
 * A damaged style-artworks.json costs only what is damaged: the drawing styles always list, good
 * paintings beside a bad one still list, and style:list / `styles` say what was skipped.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { InferenceService } from '../../electron/services/inference/service.js';
import { DRAWING_STYLES } from '../../common/style/catalog.js';
import { StyleGallery } from '../../electron/services/style/gallery.js';
import { stylesCommand } from '../../electron/hosts/cli/commands/styles.js';
import { createServices } from '../../electron/hosts/services.js';

const shipped = JSON.parse(readFileSync('native-models/style-artworks.json', 'utf8')) as { styles: Array<{ id: string }> };

function modelsWith(artworks: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-artworks-'));
  copyFileSync('native-models/manifest.json', path.join(dir, 'manifest.json'));
  writeFileSync(path.join(dir, 'style-artworks.json'), artworks);
  return dir;
}

const gallery = (modelsDir: string) => new StyleGallery(mkdtempSync(path.join(os.tmpdir(), 'cs-user-')), new InferenceService({ modelsDir }));

test('a truncated file keeps every drawing style and reports the paintings as unavailable', async () => {
  const text = readFileSync('native-models/style-artworks.json', 'utf8');
  const { styles, skipped } = await gallery(modelsWith(text.slice(0, text.length / 2))).catalog();
  assert.deepEqual(styles.map((s) => s.id), DRAWING_STYLES.map((s) => s.id));
  assert.deepEqual(skipped, ['style-artworks.json is damaged (not valid JSON); the shipped paintings are not available.']);
});

test('one damaged painting is skipped by name; the others still list', async () => {
  const doc = JSON.parse(readFileSync('native-models/style-artworks.json', 'utf8'));
  doc.styles[1].embedding.stats = 'broken';
  const { styles, skipped } = await gallery(modelsWith(JSON.stringify(doc))).catalog();
  const examples = styles.filter((s) => s.kind === 'example').map((s) => s.id);
  assert.deepEqual(examples, shipped.styles.map((s) => s.id).filter((_, i) => i !== 1));
  assert.deepEqual(skipped, [`Painting "${shipped.styles[1]!.id}" in style-artworks.json is damaged and was skipped.`]);
});

test('`styles` prints what was skipped on stderr and the list on stdout', async () => {
  const modelsDir = modelsWith('{"format":"caricature-studio/style-artworks","version":1,"styles":[{"id":"x"}]}');
  const out: string[] = [];
  const err: string[] = [];
  await stylesCommand.run(['--json'], { services: createServices({ modelsDir, userDataDir: mkdtempSync(path.join(os.tmpdir(), 'cs-user-')) }), stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  assert.equal(JSON.parse(out[0]!).length, DRAWING_STYLES.length);
  assert.deepEqual(err, ['Painting "x" in style-artworks.json is damaged and was skipped.']);
});
