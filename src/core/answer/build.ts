import type { Comparison, EntryKind, KnowledgeBase, Section, Term } from '../knowledge/types.js';
import { CATEGORIES, type BundledCategory, type Category } from '../knowledge/types.js';
import { firstSentence } from '../knowledge/first-sentence.js';
import { MAX_WORD_LENGTH } from '../text/normalize.js';
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

/**
 * Concept cards that name one product or vendor (Terraform, Kafka, AWS) carry one of these tags: in a
 * side-by-side they are described by what they are, like a tool, not as an idea.
 */
const PRODUCT_TAGS: readonly string[] = ['products', 'vendors'];

const isProduct = (t: Term): boolean => t.kind === 'tool' || t.tags.some((g) => PRODUCT_TAGS.includes(g));

/** A section's first sentence as plain text, or '' when the section opens with a list, code or a back-reference. */
function openingSentence(t: Term, heading: string): string {
  const body = t.sections.find((s) => s.heading === heading)?.body.trim() ?? '';
  if (!body || /^[-*#>|`\d]/.test(body)) return '';
  const sentence = firstSentence(body.split('\n')[0]!).replace(/\*\*|__/g, '');
  // "It ..." or "This ..." only makes sense after the sentence before it.
  return /^(it|its|this|that|these|they|here)\b/i.test(sentence) ? '' : sentence;
}

/** What a card is, in one line: a tool's concepts, else the opening of its "What it is". */
function whatItIs(kb: KnowledgeBase, t: Term): string {
  if (t.kind === 'tool') return exampleOf(kb, t);
  return openingSentence(t, 'What it is') || firstSentence(t.summary);
}

/** A card's analogy; a tool has none, so it borrows its main concept's, saying so (unless that concept is a column too). */
function analogyOf(kb: KnowledgeBase, t: Term, shown: readonly string[]): string {
  if (t.analogy) return t.analogy;
  const main = shown.includes(t.isA[0] ?? '') ? undefined : kb.terms.get(t.isA[0] ?? '');
  return main?.analogy ? `For ${main.title} in general: ${main.analogy}` : '';
}

/** How many of a product concept's `related` slugs (closest first) say what job it does. */
const PRODUCT_JOB_RELATED = 3;

/**
 * Tools that do the same job. A tool names them itself. A product concept (Terraform) names none, so it gets
 * the tools that list it as an alternative and do its job: an example of one of its closest related concepts
 * (Pulumi, an example of infrastructure as code, not Packer, which lists Docker for building images only).
 */
function alternativesOf(kb: KnowledgeBase, t: Term): string[] {
  if (t.kind === 'tool') return t.alternatives;
  if (!isProduct(t)) return [];
  const jobs = new Set(t.related.slice(0, PRODUCT_JOB_RELATED));
  return (
    [...kb.terms.values()]
      .filter((o) => o.kind === 'tool' && o.alternatives.includes(t.slug) && o.isA.some((c) => jobs.has(c)))
      // A tool that names it first sees it as its closest rival.
      .sort((a, b) => a.alternatives.indexOf(t.slug) - b.alternatives.indexOf(t.slug) || a.title.localeCompare(b.title))
      .map((o) => o.slug)
      .slice(0, MAX_TOOLS_ON_CARD)
  );
}

const titlesOf = (kb: KnowledgeBase, slugs: readonly string[]): string =>
  refs(kb, slugs)
    .map((r) => r.title)
    .join(', ');

/**
 * A side-by-side built from the term entries when nobody curated this pair yet. Every row says something
 * from the cards themselves; a row with nothing on any side, or the same on every side, says nothing and is left out.
 */
function generatedComparison(kb: KnowledgeBase, slugs: readonly string[], depth: Depth, query: string, score: number): ComparisonAnswer {
  const terms = slugs.map((s) => kb.terms.get(s)).filter((t): t is Term => t !== undefined);
  const titles = terms.map((t) => t.title);
  const rows = [
    { aspect: 'In one line', values: terms.map((t) => t.summary) },
    ...(terms.some(isProduct) ? [{ aspect: 'What it is', values: terms.map((t) => whatItIs(kb, t)) }] : []),
    { aspect: 'Think of it as', values: terms.map((t) => analogyOf(kb, t, slugs)) },
    { aspect: 'Area', values: terms.map((t) => categoryLabel(t.category)) },
    { aspect: 'Alternatives', values: terms.map((t) => titlesOf(kb, alternativesOf(kb, t))) },
    { aspect: 'Best-known tools', values: terms.map((t) => titlesOf(kb, (kb.toolsOf.get(t.slug) ?? []).slice(0, MAX_TOOLS_ON_CARD))) },
    { aspect: 'Often confused with', values: terms.map((t) => titlesOf(kb, t.contrasts)) },
  ]
    .filter((r) => r.values.some((v) => v !== '') && (terms.length < 2 || new Set(r.values).size > 1))
    .map((r) => ({ aspect: r.aspect, values: r.values.map((v) => v || '—') }));
  const areas = new Set(terms.map((t) => t.category));
  const area =
    terms.length > 1 && areas.size === 1 ? ` (${terms.length > 2 ? 'all' : 'both'} in ${categoryLabel(terms[0]!.category)})` : '';
  // Full depth: each card's own words, and for a tool where it fits among the concepts.
  const explained = (t: Term): string =>
    ['What it is', ...(t.kind === 'tool' ? ['Where it fits'] : [])]
      .map((h) => t.sections.find((s) => s.heading === h)?.body)
      .filter((b): b is string => b !== undefined)
      .join('\n\n') || t.summary;
  const sections: Section[] = depth === 'full' ? terms.map((t) => ({ heading: t.title, body: explained(t) })) : [];
  return {
    kind: 'comparison',
    query,
    depth,
    slug: null,
    title: titles.join(' vs '),
    summary: `No curated comparison of ${titles.join(' and ')} yet, so here they are side by side${area}.`,
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
      ? match.emptyBecause === 'no-words'
        ? 'I found no words I can look up in that. Tell me a term, for example "load balancer" or "CQRS vs event sourcing".'
        : match.emptyBecause === 'too-long'
          ? `That word is too long to be a term (${MAX_WORD_LENGTH} characters at most). Tell me a term, for example "load balancer".`
          : 'Tell me a term to explain, for example "load balancer" or "CQRS vs event sourcing".'
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
