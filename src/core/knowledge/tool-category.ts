import type { Category, Term } from './types.js';

/**
 * Categories of general vocabulary (API, frontend, distributed systems, open standard) that many
 * tools name first as the broad "what it is". They say little about where a tool does its job, so
 * they place a tool only when none of its concepts is in another category. Data: a list of names.
 */
const GENERAL_CATEGORIES: readonly string[] = ['foundations'];

/**
 * A tool's category, from the categories of its `is_a` concepts in order: the one most of them
 * are in, general ones (above) only when there is no other; a tie goes to the one named first.
 * So ZooKeeper (distributed systems, service discovery, consensus) goes with networking, not the
 * basics, and Trivy (DevSecOps, container image, vulnerability scanning, SBOM) with security.
 * Undefined when there is no concept.
 */
export function toolCategory(conceptCategories: readonly Category[]): Category | undefined {
  const specific = conceptCategories.filter((c) => !GENERAL_CATEGORIES.includes(c));
  const pool = specific.length > 0 ? specific : conceptCategories;
  const count = new Map<Category, number>();
  for (const c of pool) count.set(c, (count.get(c) ?? 0) + 1);
  // Map keeps first-seen order, and only a strictly larger count replaces the leader: ties go to the first named.
  let best: Category | undefined;
  for (const [c, n] of count) if (best === undefined || n > count.get(best)!) best = c;
  return best;
}

/** Gives every tool with known concepts its category by toolCategory (after the tools are placed). */
export function settleToolCategories(terms: ReadonlyMap<string, Term>): void {
  for (const t of terms.values()) {
    if (t.kind !== 'tool') continue;
    const category = toolCategory(t.isA.flatMap((s) => terms.get(s)?.category ?? []));
    if (category !== undefined) t.category = category;
  }
}
