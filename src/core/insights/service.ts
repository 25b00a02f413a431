import { randomBytes } from 'node:crypto';
import type { Answer } from '../answer/types.js';
import type { InsightsStore, QuestionOutcome, VoteResult } from '../ports/insights-store.js';
import type { CoreLogger } from '../termbot.js';
import type { Platform } from '../totd/types.js';
import { normalizeQuestion, voterHash } from './normalize.js';

/** Tuning, as data. */
export const INSIGHTS_TUNING = {
  /** An answer below this confidence is a guess worth reviewing (the matcher accepts from 0.5). */
  lowConfidence: 0.7,
  /** How often the running bot deletes records past their retention. */
  purgeEveryMs: 6 * 60 * 60 * 1000,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InsightsOptions {
  store: InsightsStore;
  retentionDays: number;
  logger: CoreLogger;
  now?: () => Date;
  /** Tests: deterministic answer ids. */
  newId?: () => string;
}

/** What a chat answer was for: a question someone typed, or a button on an earlier answer. */
export interface AnsweredContext {
  text: string;
  platform: Platform;
  source: 'question' | 'button';
}

/** The policy of what is recorded, written once for every platform. */
export interface Insights {
  /**
   * Records a miss or a low-confidence guess (questions only), and the answer itself when it can
   * be voted on; returns its id for the Helpful? buttons, or null (no buttons). Never throws: a
   * store failure is logged and the answer goes out without buttons.
   */
  answered(answer: Answer, ctx: AnsweredContext): Promise<string | null>;
  vote(v: { answerId: string; user: string; platform: Platform; helpful: boolean }): Promise<VoteResult>;
  /** Deletes what is older than the retention; returns what went. */
  purge(): Promise<{ questions: number; answers: number }>;
}

/** An answer id: 60 random bits in lowercase base 32, safe inside a button reference. */
export const newAnswerId = (): string =>
  BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString(32)
    .slice(0, 12)
    .padStart(12, '0');

export function createInsights(opts: InsightsOptions): Insights {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? newAnswerId;
  return {
    async answered(answer, ctx) {
      const at = now();
      try {
        if (ctx.source === 'question') {
          const outcome: QuestionOutcome | null =
            answer.kind === 'none'
              ? answer.reason === 'empty'
                ? null
                : 'miss'
              : answer.score < INSIGHTS_TUNING.lowConfidence
                ? 'low-confidence'
                : null;
          const text = outcome ? normalizeQuestion(ctx.text) : '';
          if (outcome && text) await opts.store.recordQuestion({ text, platform: ctx.platform, outcome, at });
        }
        if (answer.kind === 'none') return null;
        const subject = answer.kind === 'term' ? answer.term.slug : answer.columns.map((c) => c.slug).join(',');
        const id = newId();
        await opts.store.recordAnswer({ id, subject, platform: ctx.platform, source: ctx.source, at });
        return id;
      } catch (err) {
        opts.logger.warn({ err }, 'insights: could not record an answer; it goes out without Helpful? buttons');
        return null;
      }
    },
    vote: (v) =>
      opts.store.vote({ answerId: v.answerId, voterHash: voterHash(v.answerId, v.platform, v.user), helpful: v.helpful, at: now() }),
    async purge() {
      const gone = await opts.store.purge(new Date(now().getTime() - opts.retentionDays * DAY_MS));
      if (gone.questions + gone.answers > 0)
        opts.logger.info({ ...gone, retentionDays: opts.retentionDays }, 'insights: old records deleted');
      return gone;
    },
  };
}
