import type { Platform } from '../totd/types.js';

/**
 * What people asked and did not find, and whether answers helped (docs: README, Privacy). The
 * bundled implementation is SQLite (src/store/sqlite-insights-store.ts); another database can
 * replace it by passing the same contract suite (test/store/insights-store-contract.ts).
 *
 * Nothing here names a person: a question is kept as normalised text with its platform, and a
 * vote as a one-way hash that only serves to count one vote per person per answer.
 */

/** A question answered with "none", or with a guess below the confidence the core trusts. */
export type QuestionOutcome = 'miss' | 'low-confidence';

export interface QuestionEvent {
  /** Normalised text (see core/insights/normalize.ts); never the user's id or name. */
  text: string;
  platform: Platform;
  outcome: QuestionOutcome;
  at: Date;
}

/** One normalised question on one platform, over the period asked for. */
export interface QuestionRecord {
  text: string;
  platform: Platform;
  outcome: QuestionOutcome;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** An answer shown with Helpful? buttons: the votes on it hang off its id. */
export interface AnswerRecord {
  /** Random, unguessable; carried by the vote buttons. */
  id: string;
  /** A term or tool slug, or a comparison's slugs joined by ",". */
  subject: string;
  platform: Platform;
  /** A typed or mentioned question, or a button (related, more detail, share). */
  source: 'question' | 'button';
  at: Date;
}

export interface VoteEvent {
  answerId: string;
  /** One-way hash of the voter for this answer only (core/insights/normalize.ts: voterHash). */
  voterHash: string;
  helpful: boolean;
  at: Date;
}

/** counted: a first vote; changed: the same person changed their mind; unchanged: the same vote again; unknown-answer: expired or never recorded. */
export type VoteResult = 'counted' | 'changed' | 'unchanged' | 'unknown-answer';

export interface SubjectCount {
  subject: string;
  platform: Platform;
  count: number;
}

export interface SubjectVotes {
  subject: string;
  platform: Platform;
  helpful: number;
  unhelpful: number;
}

export interface InsightsStore {
  /** Counts one occurrence (per text, platform, outcome and UTC day), keeping first and last seen. */
  recordQuestion(q: QuestionEvent): Promise<void>;
  recordAnswer(a: AnswerRecord): Promise<void>;
  /** One vote per voter per answer; a later different vote replaces the earlier one. */
  vote(v: VoteEvent): Promise<VoteResult>;
  /** Questions seen at or after `since`, one record per text, platform and outcome, most asked first. */
  questions(since: Date): Promise<QuestionRecord[]>;
  /** Answers to questions (not buttons) at or after `since`, per subject and platform, most first. */
  asked(since: Date): Promise<SubjectCount[]>;
  /** Votes on answers given at or after `since`, per subject and platform. */
  votes(since: Date): Promise<SubjectVotes[]>;
  /** Deletes questions last seen, and answers given (with their votes), before `before`. */
  purge(before: Date): Promise<{ questions: number; answers: number }>;
  close(): Promise<void>;
}
