import type { Comparison, EntryKind, KnowledgeBase, Section, Term } from '../knowledge/types.js';
import { CATEGORIES, type BundledCategory, type Category } from '../knowledge/types.js';
import type { MatchResult } from '../matcher/index.js';
import type { Answer, CategoryOverview, ComparisonAnswer, Depth, TermAnswer, TermCard, TermRef } from './types.js';

export const CATEGORY_LABELS: Record<BundledCategory, string> = {
  foundations: 'Foundations',
  networking: 'Networking',
  compute: 'Compute and hosting',
  data: 'Data and storage',
  security: 'Security and identity',
  architecture: 'Software architecture',
  operations: 'Operations and delivery',
};

/** A category's label: the bundled one's, or a team category's name in words ("payments-platform" -> "Payments platform"). */
export function categoryLabel(category: Category): string {
  const known = (CATEGORY_LABELS as Record<string, string>)[category];
  if (known) return known;
  const words = category.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The bundled categories in their fixed order, then any team categories in use, by name. */
export function categoriesOf(kb: KnowledgeBase): Category[] {
  const extra = new Set<string>();
  for (const t of kb.terms.values()) if (!(CATEGORIES as readonly string[]).includes(t.category)) extra.add(t.category);
  return [...CATEGORIES, ...[...extra].sort()];
}

const SHORT_SECTIONS = new Set(['What it is', 'In short']);
/** How many of a concept's tools its card names (the best known first). */
const MAX_TOOLS_ON_CARD = 6;

export function termRef(kb: KnowledgeBase, slug: string): TermRef | null {
  const t = kb.terms.get(slug);
  return t ? { slug: t.slug, title: t.title, summary: t.summary } : null;
}

function refs(kb: KnowledgeBase, slugs: readonly string[]): TermRef[] {
  return slugs.map((s) => termRef(kb, s)).filter((r): r is TermRef => r !== null);
}

function pickSections(sections: Section[], depth: Depth): { sections: Section[]; hasMore: boolean } {
  if (depth === 'full') return { sections, hasMore: false };
  const short = sections.filter((s) => SHORT_SECTIONS.has(s.heading));
  return { sections: short, hasMore: short.length < sections.length };
}

export function termCard(kb: KnowledgeBase, term: Term, depth: Depth): TermCard {
  const { sections, hasMore } = pickSections(term.sections, depth);
  return {
    slug: term.slug,
    kind: term.kind,
    title: term.title,
    category: term.category,
    summary: term.summary,
    analogy: term.analogy,
    sections,
    hasMore,
    related: refs(kb, term.related),
    contrasts: refs(kb, term.contrasts),
    links: term.links,
    tags: term.tags,
    isA: refs(kb, term.isA),
    toolAlternatives: refs(kb, term.alternatives),
    tools: refs(kb, (kb.toolsOf.get(term.slug) ?? []).slice(0, MAX_TOOLS_ON_CARD)),
    reviewed: term.reviewed,
  };
}

/** "An example of Load Balancer and Reverse Proxy": a tool's place among the concepts. */
function exampleOf(kb: KnowledgeBase, t: Term): string {
  const titles = refs(kb, t.isA).map((r) => r.title);
  return titles.length ? `An example of ${titles.length > 1 ? `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}` : titles[0]}` : '—';
}

function curatedComparison(
  kb: KnowledgeBase,
  c: Comparison,
  order: readonly string[],
  depth: Depth,
  query: string,
  score: number,
): ComparisonAnswer {
  // Show the columns in the order the person asked, whatever order the file uses.
  const perm = [...c.compares].sort((a, b) => idx(order, a) - idx(order, b));
  const positions = perm.map((s) => c.compares.indexOf(s));
  const { sections, hasMore } = pickSections(c.sections, depth);
  return {
    kind: 'comparison',
    query,
    depth,
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    ...(c.analogy ? { analogy: c.analogy } : {}),
    columns: refs(kb, perm),
    rows: c.rows.map((r) => ({ aspect: r.aspect, values: positions.map((p) => r.values[p] ?? '') })),
    sections,
    hasMore,
    score,
  };
}

function idx(order: readonly string[], s: string): number {
  const i = order.indexOf(s);
  return i < 0 ? order.length : i;
}

/** A side-by-side built from the term entries when nobody curated this pair yet. */
function generatedComparison(kb: KnowledgeBase, slugs: readonly string[], depth: Depth, query: string, score: number): ComparisonAnswer {
  const terms = slugs.map((s) => kb.terms.get(s)).filter((t): t is Term => t !== undefined);
  const titles = terms.map((t) => t.title);
  const firstSection = (t: Term): string => t.sections.find((s) => s.heading === 'What it is')?.body ?? t.summary;
  const anyTool = terms.some((t) => t.kind === 'tool');
  const rows = [
    { aspect: 'In one line', values: terms.map((t) => t.summary) },
    ...(anyTool ? [{ aspect: 'What it is', values: terms.map((t) => (t.kind === 'tool' ? exampleOf(kb, t) : 'A concept')) }] : []),
    ...(terms.some((t) => t.analogy) ? [{ aspect: 'Think of it as', values: terms.map((t) => t.analogy || '—') }] : []),
    { aspect: 'Area', values: terms.map((t) => categoryLabel(t.category)) },
    {
      aspect: 'Often confused with',
      values: terms.map(
        (t) =>
          refs(kb, t.contrasts)
            .map((r) => r.title)
            .join(', ') || '—',
      ),
    },
  ];
  const sections: Section[] = depth === 'full' ? terms.map((t) => ({ heading: t.title, body: firstSection(t) })) : [];
  return {
    kind: 'comparison',
    query,
    depth,
    slug: null,
    title: titles.join(' vs '),
    summary: `No curated comparison of ${titles.join(' and ')} yet, so here they are side by side.`,
    columns: refs(kb, slugs),
    rows,
    sections,
    hasMore: depth === 'short',
    score,
  };
}

/** Turns a match into the platform-neutral answer every adapter renders. */
export function buildAnswer(kb: KnowledgeBase, match: MatchResult, depth: Depth = 'short'): Answer {
  if (match.kind === 'term') {
    const term = kb.terms.get(match.terms[0] ?? '');
    if (term) {
      const answer: TermAnswer = {
        kind: 'term',
        query: match.query,
        depth,
        term: termCard(kb, term, depth),
        alternatives: refs(kb, match.suggestions),
        score: match.score,
      };
      return answer;
    }
  }
  if (match.kind === 'comparison') {
    const curated = match.comparison ? kb.comparisons.get(match.comparison) : undefined;
    return curated
      ? curatedComparison(kb, curated, match.terms, depth, match.query, match.score)
      : generatedComparison(kb, match.terms, depth, match.query, match.score);
  }
  const empty = match.reason === 'empty';
  const all = refs(kb, match.suggestions);
  // The matcher's "closest match": named in the query, related, but not what was asked ("cache warming" -> Cache).
  // It is shown once, as the closest, not again among the other suggestions.
  const closest = match.closest ? all.find((r) => r.slug === match.suggestions[0]) : undefined;
  const suggestions = closest ? all.filter((r) => r.slug !== closest.slug) : all;
  return {
    kind: 'none',
    query: match.query,
    reason: empty ? 'empty' : 'no-match',
    message: empty
      ? 'Tell me a term to explain, for example "load balancer" or "CQRS vs event sourcing".'
      : closest && match.unknownSide
        ? "I can't compare those: one side is not a term I have yet. Here is the side I do have."
        : closest
          ? "I don't have that exact term yet; here is the closest one I have."
          : match.suggestions.length > 0
            ? "I don't have that term yet. Did you mean one of these?"
            : "I don't have that term yet. Try another spelling, an abbreviation, or browse the categories.",
    suggestions,
    ...(closest ? { closest } : {}),
  };
}

/** The same answer as `buildAnswer` for a known slug (buttons, term of the day). */
export function answerForSlug(kb: KnowledgeBase, slug: string, depth: Depth = 'short'): Answer {
  if (kb.terms.has(slug)) {
    return buildAnswer(kb, { query: slug, kind: 'term', terms: [slug], comparison: null, suggestions: [], score: 1 }, depth);
  }
  const c = kb.comparisons.get(slug);
  if (c) {
    return buildAnswer(kb, { query: slug, kind: 'comparison', terms: c.compares, comparison: c.slug, suggestions: [], score: 1 }, depth);
  }
  return buildAnswer(kb, { query: slug, kind: 'none', terms: [], comparison: null, suggestions: [], score: 0, reason: 'no-match' }, depth);
}

/** Categories with their term counts and a few well-connected examples, for help and browsing. */
export function categoryOverview(kb: KnowledgeBase, popularity?: ReadonlyMap<string, number>): CategoryOverview[] {
  return categoriesOf(kb)
    .map((category) => {
      const inCategory = [...kb.terms.values()].filter((t) => t.category === category);
      const terms = inCategory.filter((t) => t.kind === 'concept');
      terms.sort((a, b) => (popularity?.get(b.slug) ?? 0) - (popularity?.get(a.slug) ?? 0) || a.title.localeCompare(b.title));
      return {
        category,
        label: categoryLabel(category),
        count: terms.length,
        tools: inCategory.length - terms.length,
        examples: terms.slice(0, 4).map((t) => ({ slug: t.slug, title: t.title, summary: t.summary })),
      };
    })
    .filter((c) => c.count > 0);
}

/** Concepts (or tools) of one category (or all), sorted by title, for paginated browsing. */
export function listTerms(kb: KnowledgeBase, category?: Category, kind: EntryKind = 'concept'): TermRef[] {
  return [...kb.terms.values()]
    .filter((t) => t.kind === kind && (!category || t.category === category))
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((t) => ({ slug: t.slug, title: t.title, summary: t.summary }));
}
