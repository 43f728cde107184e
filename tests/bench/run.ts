/**
 * `npm run bench`: every area's benchmark (tests/bench/<area>.ts exporting `bench()`), in one
 * process so peers are measured side by side. Not part of `npm test`: timings are not assertions.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'stats.ts')
  .filter((f) => !only.length || only.includes(path.basename(f, '.ts')))
  .sort();
for (const f of files) {
  const mod = (await import(path.join(dir, f))) as { bench?: () => Promise<void> };
  if (!mod.bench) continue;
  console.log(`\n=== ${path.basename(f, '.ts')} ===`);
  await mod.bench();
}
