/** Adds up node:test and Playwright results into one closing line: "N passed, N failed, N skipped". */
import { existsSync, readFileSync } from 'node:fs';

const [logFile, e2eJson] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
// node --test spec reporter totals: "ℹ pass 12", "ℹ fail 0", "ℹ skipped 1"
for (const [, kind, n] of log.matchAll(/^ℹ (pass|fail|skipped) (\d+)$/gm)) {
  if (kind === 'pass') passed += Number(n);
  if (kind === 'fail') failed += Number(n);
  if (kind === 'skipped') skipped += Number(n);
}
if (e2eJson && existsSync(e2eJson)) {
  const s = JSON.parse(readFileSync(e2eJson, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
