/**
 * Text normalisation shared by the index and the queries: both sides go through
 * the same functions, so "LoadBalancer", "load_balancer" and "Load-Balancers"
 * meet on the same key.
 */

/** Longest input the matcher looks at; anything beyond is ignored (chat messages can be 10k+). */
export const MAX_QUERY_CHARS = 2000;

// eslint-disable-next-line no-misleading-character-class -- deliberately lists combining joiners to strip them
const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\u00AD\u034F\u180E]/g;
/** Removes invisible characters (zero-width spaces and joiners, bidi marks, soft hyphens): String.trim keeps them. */
export function stripInvisible(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Chat-platform syntax that is never part of a term: links, Discord <@123> <@&123> <#123>
 * <:emoji:123> <t:1:R>, Slack <@U123|name> <#C1|general> <!here> <!subteam^S1>, broadcast pings.
 */
const CHAT_SYNTAX: readonly RegExp[] = [
  /<(?:https?|mailto):[^>]*>/gi,
  /<(?:@[!&]?|#)\d+>/g,
  /<a?:\w+:\d+>/g,
  /<t:\d+(?::[a-zA-Z])?>/g,
  /<[@#!][^>]*>/g,
  /@(?:everyone|here|channel)\b/gi,
];

/** Removes chat syntax, keeping the label of a Slack link (<https://x|label>) and dropping :emoji_codes:. */
export function stripChatSyntax(input: string): string {
  const labelled = input.replace(/<(?:https?|mailto):[^>|]*\|([^>]*)>/gi, ' $1 ');
  return CHAT_SYNTAX.reduce((text, re) => text.replace(re, ' '), labelled).replace(/:[a-z0-9_+-]{2,}:/gi, ' ');
}

/** Same as stripChatSyntax (plus bare URLs) but replaces with spaces of equal length, so offsets into the text stay true. */
export function blankChatSyntax(input: string): string {
  const blank = (m: string): string => ' '.repeat(m.length);
  return [...CHAT_SYNTAX, /https?:\/\/\S+/gi].reduce((text, re) => text.replace(re, blank), input);
}

/** Removes Markdown decoration while keeping the words. */
export function stripMarkdown(input: string): string {
  return input
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/```[a-z]*\n?/gi, ' ')
    .replace(/[`*~|>#]/g, ' ')
    .replace(/(^|\s)_+|_+(\s|$)/g, '$1 $2');
}

/** Splits camelCase / PascalCase words ("LoadBalancer" -> "Load Balancer", "HTTPServer" -> "HTTP Server"). */
export function splitCamel(input: string): string {
  // Only split before a capital that starts a lowercase word: "DoS", "IaaS", "GraphQL", "gRPC" stay whole.
  return input.replace(/([a-z0-9])([A-Z][a-z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2');
}

/** Safe, bounded clean-up of raw user input: caps length, drops invisible and control characters. */
export function sanitize(input: unknown): string {
  const s = typeof input === 'string' ? input : '';
  return s
    .slice(0, MAX_QUERY_CHARS * 2)
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, ' ')
    .slice(0, MAX_QUERY_CHARS);
}

/**
 * Lowercase word tokens of a string. Separators (`-`, `_`, `/`, `.`), punctuation
 * and camelCase boundaries split words; `+`/`#` stay attached (C++, C#).
 */
/** Longer "words" are no term (a pasted hash, a URL-safe token, a keyboard run) and are left out. */
export const MAX_WORD_LENGTH = 64;

export function tokenize(input: string): string[] {
  const cleaned = stripMarkdown(stripChatSyntax(sanitize(input)));
  return (
    splitCamel(cleaned)
      .toLowerCase()
      // A single letter hyphenated onto a word is part of it: "Hyper-V" is one name, not "hyper" and "v".
      .replace(/([\p{L}\p{N}]{2,})-(\p{L})(?![\p{L}\p{N}-])/gu, '$1$2')
      .replace(/['’]s\b/g, '')
      .replace(/['’]/g, '')
      .split(/[^\p{L}\p{N}+#]+/u)
      .filter((t) => t.length > 0 && t.length <= MAX_WORD_LENGTH)
  );
}

/** Words that carry no meaning in a lookup ("what is the", "please explain", ...). */
export const FILLER = new Set([
  'a',
  'an',
  'the',
  'what',
  'whats',
  'wat',
  'is',
  'are',
  'was',
  'be',
  'explain',
  'explained',
  'define',
  'definition',
  'of',
  'tell',
  'me',
  'us',
  'about',
  'eli5',
  'eli',
  'meaning',
  'mean',
  'means',
  'please',
  'pls',
  'plz',
  'can',
  'could',
  'would',
  'you',
  'u',
  'does',
  'do',
  'by',
  'term',
  'word',
  'hey',
  'hi',
  'hello',
  'yo',
  'termbot',
  'bot',
  'again',
  'exactly',
  'how',
  'work',
  'works',
  'i',
  'to',
  'know',
  'want',
  'understand',
  'some',
  'one',
  'in',
  'simple',
  'terms',
  'words',
  'quick',
  'quickly',
  'briefly',
  'thing',
  'thingy',
  'stand',
  'stands',
  'for',
  'abbreviation',
  'acronym',
  'concept',
  'idea',
  'like',
  'im',
  'confused',
  'it',
  'this',
  'that',
  'anyone',
  'someone',
  'help',
  'pattern',
  'really',
  'actually',
  'describe',
  'as',
  'if',
  'were',
  'five',
  '5',
  'with',
  'and',
  'or',
  'vs',
  'versus',
  'v',
  'type',
  'types',
  'kind',
  'kinds',
  'stuff',
]);

/**
 * Some filler words are real parts of titles ("Infrastructure as Code", "On-Call",
 * "Backend for Frontend"): they are dropped from both the index and the query,
 * so the remaining words still meet.
 */
export function contentTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !FILLER.has(t));
}

/** Compact key: content tokens glued together ("load balancer" -> "loadbalancer"). */
export function compactKey(tokens: readonly string[]): string {
  return tokens.join('');
}

/** Plural and form candidates for one token, most likely first. */
export function singularCandidates(token: string): string[] {
  const out: string[] = [];
  if (token.length <= 2) return out;
  if (token.endsWith('ies')) out.push(token.slice(0, -3) + 'y');
  if (token.endsWith('es')) out.push(token.slice(0, -2));
  if (token.endsWith('s') && !token.endsWith('ss')) out.push(token.slice(0, -1));
  if (token.endsWith('ing')) out.push(token.slice(0, -3), token.slice(0, -3) + 'e');
  return out;
}

/** A rough stem for comparing word forms: "sourced", "sourcing", "sources" -> "sourc". */
export function roughStem(word: string): string {
  return word.length > 4 ? word.replace(/(ing|ed|es|s|e)$/, '') : word;
}
