import type { Depth } from '../answer/types.js';
import { TEAM_CATEGORY, type Category } from '../knowledge/types.js';

/**
 * What a button does, typed and versioned. Platforms only carry the encoded string (Discord's
 * custom_id, Slack's button value); every decision about it is made here and in ./chat.ts.
 * Bump ACTION_VERSION when the format changes: buttons in old messages then get one neutral
 * "from an older version" reply instead of being misread.
 */
export const ACTION_VERSION = 'tb1';

export type ActionRef =
  /** Show the slugs' answer in place of a private message, or as a new private reply under a public one. */
  | { kind: 'show'; slugs: string[]; depth: Depth }
  /** Always a new private reply, keeping the message as it is (lists, help, term of the day). */
  | { kind: 'open'; slugs: string[]; depth: Depth }
  /** Post the answer publicly in the channel, crediting the person who clicked. */
  | { kind: 'share'; slugs: string[]; depth: Depth }
  /** A page of the term list; category null = all areas. */
  | { kind: 'page'; category: Category | null; page: number }
  /** Helpful? 👍 / 👎 on one recorded answer (its random id; the slugs live in the store). */
  | { kind: 'vote'; answer: string; helpful: boolean };

const CODES = { show: 't', open: 'o', share: 'sh', page: 'pg', vote: 'v' } as const;
/** An answer id as core/insights writes it. */
const ANSWER_ID = /^[a-z0-9]{8,32}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;
/** The longest encoded reference; Discord's custom_id limit (100) is the tightest. */
export const MAX_ACTION_LENGTH = 100;
/** More slugs than any comparison has. */
const MAX_SLUGS = 4;

/** `tb1:<code>:<slug[,slug]>:<s|f>` or `tb1:pg:<category|all>:<page>`; null when it would not fit (the button is left out). */
export function encodeAction(ref: ActionRef): string | null {
  const id =
    ref.kind === 'page'
      ? `${ACTION_VERSION}:${CODES.page}:${ref.category ?? 'all'}:${ref.page}`
      : ref.kind === 'vote'
        ? `${ACTION_VERSION}:${CODES.vote}:${ref.answer}:${ref.helpful ? 'u' : 'd'}`
        : `${ACTION_VERSION}:${CODES[ref.kind]}:${ref.slugs.join(',')}:${ref.depth === 'full' ? 'f' : 's'}`;
  return id.length <= MAX_ACTION_LENGTH ? id : null;
}

/** The reference in an encoded string; null for anything this version did not write (old, stale, forged). */
export function decodeAction(raw: unknown): ActionRef | null {
  if (typeof raw !== 'string' || raw.length > MAX_ACTION_LENGTH) return null;
  const [version, code, arg, last, ...rest] = raw.split(':');
  if (version !== ACTION_VERSION || arg === undefined || last === undefined || rest.length > 0) return null;
  if (code === CODES.page) {
    const page = Number(last);
    // A bundled category or a team's own (kebab-case); the use case checks it is one in use.
    const category = arg === 'all' ? null : TEAM_CATEGORY.test(arg) && arg.length <= 40 ? arg : undefined;
    if (category === undefined || !/^\d{1,5}$/.test(last)) return null;
    return { kind: 'page', category, page };
  }
  if (code === CODES.vote) {
    if (!ANSWER_ID.test(arg) || (last !== 'u' && last !== 'd')) return null;
    return { kind: 'vote', answer: arg, helpful: last === 'u' };
  }
  const slugs = arg.split(',');
  if (slugs.length > MAX_SLUGS || !slugs.every((s) => SLUG.test(s)) || (last !== 's' && last !== 'f')) return null;
  const depth: Depth = last === 'f' ? 'full' : 'short';
  if (code === CODES.show) return { kind: 'show', slugs, depth };
  if (code === CODES.open) return { kind: 'open', slugs, depth };
  if (code === CODES.share) return { kind: 'share', slugs, depth };
  return null;
}

/** The one reply to a button this version cannot read. */
export const STALE_BUTTON = "That button is from an older version of termbot. Ask again and the new answer's buttons will work.";
