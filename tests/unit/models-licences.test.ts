/** Every manifest entry is in README's "Models and licences" table with the same licence and commercial use. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readManifest } from '../../electron/services/inference/manifest.js';

test('README "Models and licences" lists every model with its manifest licence and commercialUse', async () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Models and licences'));
  const rows = new Map(
    [...section.matchAll(/^\| `([^`]+)` \|[^|]*\|[^|]*\| ([^|]+) \| (yes|\*\*no\*\*) \|$/gm)].map((m) => [m[1]!, { licence: m[2]!.trim(), commercial: m[3] === 'yes' }]),
  );
  for (const e of (await readManifest()).models) {
    const row = rows.get(e.name);
    assert.ok(row, `${e.name} is missing from README's table`);
    assert.equal(row.licence, e.licence, `${e.name}: licence`);
    assert.equal(row.commercial, e.commercialUse, `${e.name}: commercial use`);
  }
});
