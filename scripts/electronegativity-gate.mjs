/** Fails CI on any HIGH-severity electronegativity finding; prints every finding either way. */
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').slice(1);
const findings = rows.map((r) => {
  const [issue, severity, confidence, file, location] = r.split(',').map((c) => c.replace(/^"|"$/g, ''));
  return { issue, severity, confidence, file, location };
});
for (const f of findings) console.log(`  ${f.severity.padEnd(7)} ${f.issue} ${f.file}:${f.location}`);
const high = findings.filter((f) => f.severity === 'HIGH');
console.log(`electronegativity: ${findings.length} findings, ${high.length} high`);
process.exit(high.length ? 1 : 0);
