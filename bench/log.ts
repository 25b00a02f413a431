import { writeSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * Bench output: each line written at once with a synchronous write, whatever stdout is (a terminal,
 * a pipe into `tee`, a file), so a long run shows where it is while it runs.
 */
export function log(line = ''): void {
  writeSync(1, line + '\n');
}

/** The 1-minute load average, for every figure that depends on how busy the machine was. */
export const load1 = (): string => loadavg()[0]!.toFixed(1);

export const fmtUs = (us: number): string => (us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`);
export const fmtMs = (ms: number): string => `${ms.toFixed(0)} ms`;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (xs: readonly number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** A Markdown table (pasteable into the README), columns padded so it also reads well in a terminal. */
export function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(3, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)];
}
