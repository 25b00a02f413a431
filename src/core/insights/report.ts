import type { QuestionRecord, SubjectCount, SubjectVotes } from '../ports/insights-store.js';
import type { Termbot } from '../termbot.js';
import type { Platform } from '../totd/types.js';
import { INSIGHTS_TUNING } from './service.js';

/** What `termbot report` shows (its --json is this object): stable field names for scripts. */
export interface InsightsReport {
  since: string;
  generatedAt: string;
  totals: { questions: number; misses: number; lowConfidence: number; answers: number; helpful: number; unhelpful: number };
  /** Grouped by normalised text over both platforms, most asked first. */
  misses: {
    text: string;
    count: number;
    outcome: 'miss' | 'low-confidence';
    platforms: Partial<Record<Platform, number>>;
    firstSeen: string;
    lastSeen: string;
    /** A term added (or improved) since answers it now: its slug(s) and title. */
    answeredBy: { slugs: string[]; title: string } | null;
  }[];
  topTerms: {
    subject: string;
    title: string;
    kind: 'term' | 'tool' | 'comparison';
    count: number;
    platforms: Partial<Record<Platform, number>>;
  }[];
  helpfulness: {
    subject: string;
    title: string;
    helpful: number;
    unhelpful: number;
    platforms: Partial<Record<Platform, { helpful: number; unhelpful: number }>>;
  }[];
  platforms: Partial<Record<Platform, { questions: number; misses: number; helpful: number; unhelpful: number }>>;
}

export interface ReportData {
  questions: QuestionRecord[];
  asked: SubjectCount[];
  votes: SubjectVotes[];
}

/** The empty report: a missing or new store. */
export const NO_DATA: ReportData = { questions: [], asked: [], votes: [] };

/** Builds the report. Pure; `bot` is the knowledge as it is now, to mark misses it now answers. */
export function buildReport(data: ReportData, bot: Termbot, opts: { since: Date; now: Date; limit: number }): InsightsReport {
  const titleOf = (subject: string): string =>
    subject
      .split(',')
      .map((s) => bot.title(s))
      .join(' vs ');
  const platforms: InsightsReport['platforms'] = {};
  const plat = (p: Platform) => (platforms[p] ??= { questions: 0, misses: 0, helpful: 0, unhelpful: 0 });

  const byText = new Map<string, InsightsReport['misses'][number]>();
  for (const q of data.questions) {
    // A miss was a question too (answered with "none"); a low-confidence guess is counted with the answers.
    if (q.outcome === 'miss') {
      plat(q.platform).misses += q.count;
      plat(q.platform).questions += q.count;
    }
    const m = byText.get(q.text) ?? {
      text: q.text,
      count: 0,
      outcome: q.outcome,
      platforms: {},
      firstSeen: q.firstSeen.toISOString(),
      lastSeen: q.lastSeen.toISOString(),
      answeredBy: null,
    };
    m.count += q.count;
    if (q.outcome === 'miss') m.outcome = 'miss';
    m.platforms[q.platform] = (m.platforms[q.platform] ?? 0) + q.count;
    if (q.firstSeen.toISOString() < m.firstSeen) m.firstSeen = q.firstSeen.toISOString();
    if (q.lastSeen.toISOString() > m.lastSeen) m.lastSeen = q.lastSeen.toISOString();
    byText.set(q.text, m);
  }
  const misses = [...byText.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)).slice(0, opts.limit);
  for (const m of misses) {
    // Asked again today, would it be answered with confidence?
    const now = bot.match(m.text);
    if (now.kind !== 'none' && now.score >= INSIGHTS_TUNING.lowConfidence) {
      const slugs = now.comparison ? [now.comparison] : now.terms;
      m.answeredBy = { slugs, title: now.comparison ? bot.title(now.comparison) : titleOf(now.terms.join(',')) };
    }
  }

  const asked = new Map<string, InsightsReport['topTerms'][number]>();
  for (const a of data.asked) {
    plat(a.platform).questions += a.count;
    const kind = a.subject.includes(',') ? 'comparison' : bot.entry(a.subject)?.kind === 'tool' ? 'tool' : 'term';
    const t = asked.get(a.subject) ?? { subject: a.subject, title: titleOf(a.subject), kind, count: 0, platforms: {} };
    t.count += a.count;
    t.platforms[a.platform] = (t.platforms[a.platform] ?? 0) + a.count;
    asked.set(a.subject, t);
  }

  const helpful = new Map<string, InsightsReport['helpfulness'][number]>();
  for (const v of data.votes) {
    plat(v.platform).helpful += v.helpful;
    plat(v.platform).unhelpful += v.unhelpful;
    const h = helpful.get(v.subject) ?? { subject: v.subject, title: titleOf(v.subject), helpful: 0, unhelpful: 0, platforms: {} };
    h.helpful += v.helpful;
    h.unhelpful += v.unhelpful;
    h.platforms[v.platform] = { helpful: v.helpful, unhelpful: v.unhelpful };
    helpful.set(v.subject, h);
  }
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const allMisses = [...byText.values()];
  return {
    since: opts.since.toISOString(),
    generatedAt: opts.now.toISOString(),
    totals: {
      questions: sum(data.asked.map((a) => a.count)) + sum(allMisses.filter((m) => m.outcome === 'miss').map((m) => m.count)),
      misses: sum(allMisses.filter((m) => m.outcome === 'miss').map((m) => m.count)),
      lowConfidence: sum(allMisses.filter((m) => m.outcome === 'low-confidence').map((m) => m.count)),
      answers: sum(data.asked.map((a) => a.count)),
      helpful: sum(data.votes.map((v) => v.helpful)),
      unhelpful: sum(data.votes.map((v) => v.unhelpful)),
    },
    misses,
    topTerms: [...asked.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)).slice(0, opts.limit),
    helpfulness: [...helpful.values()].sort(
      (a, b) => b.helpful + b.unhelpful - (a.helpful + a.unhelpful) || a.title.localeCompare(b.title),
    ),
    platforms,
  };
}
