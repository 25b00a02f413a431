import type { Depth } from '../../core/answer/types.js';

/**
 * Button ids are `tb1:<action>:<args>` so buttons on old messages keep working or fail kindly
 * after an upgrade (bump the version when the format changes). Discord caps them at 100 chars.
 */
export const CUSTOM_ID_VERSION = 'tb1';
export const MAX_CUSTOM_ID = 100;

/**
 * What a button refers to: a term or curated comparison slug, or `a,b` for a comparison the
 * core generated from two terms (it has no slug of its own).
 */
export type Target = string;

export type ButtonAction =
  /** Show the target in place of this message (ephemeral) or as a new ephemeral reply (public message). */
  | { kind: 'show'; target: Target; depth: Depth }
  /** Always open the target as a new ephemeral reply, keeping this message as it is (lists). */
  | { kind: 'open'; target: Target; depth: Depth }
  /** Post the target publicly in the channel, crediting the person who clicked. */
  | { kind: 'share'; target: Target; depth: Depth }
  /** Page of /terms. */
  | { kind: 'page'; category: string; page: number };

const CODES = { show: 't', open: 'o', share: 'sh', page: 'pg' } as const;
const TARGET = /^[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*$/;

const depthCode = (d: Depth): string => (d === 'full' ? 'f' : 's');

/** The id for an action, or null when it would not fit Discord's limit (the caller drops that button). */
export function encodeCustomId(action: ButtonAction): string | null {
  const id =
    action.kind === 'page'
      ? `${CUSTOM_ID_VERSION}:${CODES.page}:${action.category}:${action.page}`
      : `${CUSTOM_ID_VERSION}:${CODES[action.kind]}:${action.target}:${depthCode(action.depth)}`;
  return id.length <= MAX_CUSTOM_ID ? id : null;
}

/** Parses an id; null for anything that is not a current termbot id (old versions, forged input). */
export function decodeCustomId(id: string): ButtonAction | null {
  if (id.length > MAX_CUSTOM_ID) return null;
  const [version, code, arg, last, ...rest] = id.split(':');
  if (version !== CUSTOM_ID_VERSION || arg === undefined || last === undefined || rest.length > 0) return null;
  if (code === CODES.page) {
    const page = Number(last);
    if (!/^[a-z]+$/.test(arg) || !Number.isInteger(page) || page < 0 || page > 10_000) return null;
    return { kind: 'page', category: arg, page };
  }
  if (!TARGET.test(arg) || (last !== 's' && last !== 'f')) return null;
  const depth: Depth = last === 'f' ? 'full' : 'short';
  if (code === CODES.show) return { kind: 'show', target: arg, depth };
  if (code === CODES.open) return { kind: 'open', target: arg, depth };
  if (code === CODES.share) return { kind: 'share', target: arg, depth };
  return null;
}
