import type { KnowledgeBase } from './types.js';

const DAY_MS = 86_400_000;

export interface StaleCard {
  file: string;
  reviewed: string;
  days: number;
}

/** Cards (terms, tools, comparisons) whose `reviewed` date is more than `maxDays` before `today`, oldest first. */
export function staleCards(kb: KnowledgeBase, today: Date, maxDays: number): StaleCard[] {
  const cards = [...kb.terms.values(), ...kb.comparisons.values()];
  const out: StaleCard[] = [];
  for (const c of cards) {
    const days = Math.floor((today.getTime() - Date.parse(`${c.reviewed}T00:00:00Z`)) / DAY_MS);
    if (days > maxDays) out.push({ file: c.file, reviewed: c.reviewed, days });
  }
  return out.sort((a, b) => b.days - a.days || a.file.localeCompare(b.file));
}
