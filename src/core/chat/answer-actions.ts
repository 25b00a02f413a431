import type { Answer, TermAnswer, TermCard, TermRef } from '../answer/types.js';
import type { ActionRef } from './actions.js';

/**
 * Which buttons an answer gets, the same on every platform. Each group fits one Discord
 * row (5 buttons) and one Slack actions block; a slug appears once per message.
 */
export const ANSWER_BUTTONS = {
  /** Other meanings of an ambiguous word. */
  didYouMean: 3,
  /** Suggestions for a word the knowledge does not have. */
  suggestions: 5,
  related: 5,
  contrasts: 3,
  /** A tool's "an example of" concepts. */
  examplesOf: 3,
  /** Tools doing the same job as a tool. */
  alternatives: 5,
  /** Best-known tools of a concept. */
  tools: 5,
  /** Button groups in one message: Discord's 5 action rows (Slack has room for more, but shows the same). */
  groups: 5,
} as const;

export type ActionGroupKind =
  'controls' | 'feedback' | 'did-you-mean' | 'closest' | 'examples-of' | 'alternatives' | 'related' | 'contrasts' | 'tools' | 'columns';

export interface ActionButton {
  label: string;
  ref: ActionRef;
  style?: 'primary' | 'success';
}

export interface ActionGroup {
  kind: ActionGroupKind;
  /** A line above the buttons (Slack shows it; Discord, without headings, words did-you-mean labels as questions); null for controls. */
  heading: string | null;
  buttons: ActionButton[];
}

export interface AnswerActionOptions {
  /** Offer "Share in channel" (only useful on a private answer). */
  shareable: boolean;
  /** The recorded answer's id: offer Helpful? 👍 / 👎 (insights on, term or comparison answers). */
  vote?: string | null;
}

/** Helpful? as a group of its own, right after the controls, so it survives the group limit. */
function feedback(answer: string): ActionGroup {
  return {
    kind: 'feedback',
    heading: 'Helpful?',
    buttons: [
      { label: '👍 Helpful', ref: { kind: 'vote', answer, helpful: true } },
      { label: '👎 Not helpful', ref: { kind: 'vote', answer, helpful: false } },
    ],
  };
}

const show = (slugs: string[], depth: 'short' | 'full' = 'short'): ActionRef => ({ kind: 'show', slugs, depth });

/** The buttons for an answer, in display order; empty groups are left out. */
export function answerActions(answer: Answer, opts: AnswerActionOptions): ActionGroup[] {
  const seen = new Set<string>();
  const pick = (refs: readonly TermRef[] | undefined, n: number): TermRef[] =>
    (refs ?? []).filter((r) => !seen.has(r.slug) && seen.add(r.slug)).slice(0, n);
  const group = (kind: ActionGroupKind, heading: string | null, refs: TermRef[]): ActionGroup => ({
    kind,
    heading,
    buttons: refs.map((r) => ({ label: r.title, ref: show([r.slug]) })),
  });

  if (answer.kind === 'none') {
    const closest = answer.closest;
    if (closest) seen.add(closest.slug);
    return [
      ...(closest ? [group('closest', 'Closest match:', [closest])] : []),
      group('did-you-mean', 'Did you mean:', pick(answer.suggestions, ANSWER_BUTTONS.suggestions)),
    ].filter((g) => g.buttons.length > 0);
  }

  const slugs = answer.kind === 'term' ? [answer.term.slug] : answer.slug ? [answer.slug] : answer.columns.map((c) => c.slug);
  for (const s of slugs) seen.add(s);
  const hasMore = answer.kind === 'term' ? answer.term.hasMore : answer.hasMore;
  const controls: ActionButton[] = [];
  if (answer.depth === 'short' && hasMore) controls.push({ label: 'More detail', ref: show(slugs, 'full'), style: 'primary' });
  if (answer.depth === 'full') controls.push({ label: 'Less', ref: show(slugs, 'short'), style: 'primary' });
  if (opts.shareable) controls.push({ label: 'Share in channel', ref: { kind: 'share', slugs, depth: answer.depth }, style: 'success' });
  const groups: ActionGroup[] = [{ kind: 'controls', heading: null, buttons: controls }];
  if (opts.vote) groups.push(feedback(opts.vote));

  if (answer.kind === 'comparison') {
    groups.push({
      kind: 'columns',
      heading: 'Explain one of them:',
      buttons: answer.columns.slice(0, 5).map((c) => ({ label: c.title, ref: show([c.slug]) })),
    });
  } else {
    const t: TermCard = answer.term;
    // Other meanings first: for an ambiguous word the answer may be the wrong one.
    groups.push(group('did-you-mean', 'Or did you mean:', pick(answer.alternatives, ANSWER_BUTTONS.didYouMean)));
    if (t.kind === 'tool') {
      groups.push(group('examples-of', 'An example of:', pick(t.isA, ANSWER_BUTTONS.examplesOf)));
      groups.push(group('alternatives', 'Alternatives:', pick(t.toolAlternatives, ANSWER_BUTTONS.alternatives)));
      groups.push(group('related', 'Related:', pick(t.related, ANSWER_BUTTONS.related)));
    } else {
      groups.push(group('related', 'Related:', pick(t.related, ANSWER_BUTTONS.related)));
      groups.push(group('contrasts', 'Often confused with:', pick(t.contrasts, ANSWER_BUTTONS.contrasts)));
      groups.push(group('tools', 'Well-known tools:', pick(t.tools, ANSWER_BUTTONS.tools)));
    }
  }
  // The last groups give way when Helpful? would make one too many (the same on every platform).
  return groups.filter((g) => g.buttons.length > 0).slice(0, ANSWER_BUTTONS.groups);
}

/** The buttons of a term-of-the-day card: the full entry and related terms, each opened privately for the clicker. */
export function cardActions(answer: TermAnswer): ActionGroup[] {
  const t = answer.term;
  const open = (slug: string, depth: 'short' | 'full'): ActionRef => ({ kind: 'open', slugs: [slug], depth });
  const groups: ActionGroup[] = [
    { kind: 'controls', heading: null, buttons: [{ label: 'More detail', ref: open(t.slug, 'full'), style: 'primary' }] },
    {
      kind: 'related',
      heading: 'Related:',
      buttons: t.related
        .filter((r) => r.slug !== t.slug)
        .slice(0, ANSWER_BUTTONS.related)
        .map((r) => ({ label: r.title, ref: open(r.slug, 'short') })),
    },
  ];
  return groups.filter((g) => g.buttons.length > 0);
}
