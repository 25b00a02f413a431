// Reads `npm audit --omit=dev --json` output (file in argv[2]) and decides:
// exit 0 = no high/critical advisory; exit 1 = some (listed); exit 3 = the advisory service could not
// be asked (offline, blocked, a mirror without the audit endpoint), which CI reports and skips.
import { readFileSync } from 'node:fs';

let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  console.log('audit: skipped: npm audit gave no readable report (advisory service unreachable?)');
  process.exit(3);
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? 'no answer';
  console.log(`audit: skipped: the advisory service is not reachable from here (${String(why).split('\n')[0].slice(0, 160)})`);
  process.exit(3);
}
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
const summary =
  Object.entries(counts)
    .filter(([k, n]) => k !== 'total' && n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ') || 'none';
if (serious.length > 0) {
  console.log(`audit: production dependencies have high or critical advisories (${summary}):`);
  for (const [name, v] of serious)
    console.log(`  ${name} (${v.severity}): ${v.range ?? ''} ${v.fixAvailable ? '(fix available: npm audit fix)' : ''}`);
  process.exit(1);
}
console.log(`audit: production dependencies checked against known advisories: ${summary} (high and critical fail CI)`);
