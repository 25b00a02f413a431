import { createHash } from 'node:crypto';
import { contentTokens, stripInvisible, tokenize } from '../text/normalize.js';

/** The longest normalised question kept; the rest of a pasted paragraph is not a question. */
export const MAX_QUESTION_CHARS = 200;

/** Things a question may contain that identify someone or something private: removed before anything is kept. */
const PRIVATE = [
  /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, // e-mail addresses
  /\b(?:https?:\/\/|www\.)\S+/gi, // links (may carry tokens or internal hosts)
  /<[@#!][^>]*>/g, // platform mentions and channel links
  /\d{5,}/g, // long numbers: phone numbers, ids, account numbers
];

/**
 * A question as insights keep it: private bits removed, then the matcher's own tokens without
 * filler ("what is", "pls"), so "What's Kubeflow?" and "kubeflow pls" are one line in the report.
 * Empty when nothing is left (then nothing is recorded).
 */
export function normalizeQuestion(text: string): string {
  let t = stripInvisible(text);
  for (const re of PRIVATE) t = t.replace(re, ' ');
  return contentTokens(tokenize(t)).join(' ').slice(0, MAX_QUESTION_CHARS).trim();
}

/**
 * The voter of one answer as a one-way hash: salted with the answer's random id, so the same person
 * gets unrelated hashes on different answers (no profile can be built), and the id cannot be read back.
 */
export function voterHash(answerId: string, platform: string, userId: string): string {
  return createHash('sha256').update(`${answerId}\0${platform}\0${userId}`).digest('hex');
}
