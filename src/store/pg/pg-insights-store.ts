import pg from 'pg';
import type {
  AnswerRecord,
  InsightsStore,
  QuestionEvent,
  QuestionRecord,
  SubjectCount,
  SubjectVotes,
  VoteEvent,
  VoteResult,
} from '../../core/ports/insights-store.js';
import type { Platform } from '../../core/totd/types.js';
import { connectionError, redactUrl } from './connection.js';
import { PgTotdStore, type PgStoreOptions } from './pg-totd-store.js';

/**
 * Insights on PostgreSQL (DATABASE_URL), in the same database as the term of the day (migration 3 adds
 * its tables), so every replica counts into one place. Counts are upserts; a vote is one transaction
 * that locks the voter's row, so two replicas handling the same click count it once.
 */
export class PgInsightsStore implements InsightsStore {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly owned: { close(): Promise<void> } | null,
  ) {}

  /** Connects and migrates (or refuses a newer schema untouched), like the term-of-the-day store. Throws StoreError. */
  static async open(url: string, opts: PgStoreOptions = {}): Promise<PgInsightsStore> {
    const store = await PgTotdStore.open(url, opts);
    return new PgInsightsStore(store.pool, store);
  }

  /**
   * For `termbot report`: reads without migrating anything. Null when the database has no insights yet
   * (a schema from before them), which reports as empty. Throws StoreError when it cannot connect.
   */
  static async openForReport(url: string): Promise<PgInsightsStore | null> {
    const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
    pool.on('error', () => undefined);
    try {
      const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass('insight_answers') AS t`);
      if (rows[0]?.t == null) {
        await pool.end();
        return null;
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw connectionError(err, redactUrl(url));
    }
    return new PgInsightsStore(pool, { close: () => pool.end() });
  }

  /** On a pool someone else owns (the term-of-the-day store's); close() leaves it open. */
  static on(pool: pg.Pool): PgInsightsStore {
    return new PgInsightsStore(pool, null);
  }

  async recordQuestion(q: QuestionEvent): Promise<void> {
    const at = q.at.getTime();
    await this.pool.query(
      `INSERT INTO insight_questions (text, platform, outcome, day, count, first_seen, last_seen) VALUES ($1, $2, $3, $4, 1, $5, $5)
       ON CONFLICT (text, platform, outcome, day) DO UPDATE SET count = insight_questions.count + 1,
         first_seen = LEAST(insight_questions.first_seen, excluded.first_seen),
         last_seen = GREATEST(insight_questions.last_seen, excluded.last_seen)`,
      [q.text, q.platform, q.outcome, q.at.toISOString().slice(0, 10), at],
    );
  }

  async recordAnswer(a: AnswerRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO insight_answers (id, subject, platform, source, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
      [a.id, a.subject, a.platform, a.source, a.at.getTime()],
    );
  }

  async vote(v: VoteEvent): Promise<VoteResult> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        // The answer row is locked so a purge cannot delete it between the check and the vote.
        const answer = await client.query('SELECT 1 FROM insight_answers WHERE id = $1 FOR SHARE', [v.answerId]);
        if (answer.rowCount === 0) {
          await client.query('ROLLBACK');
          return 'unknown-answer';
        }
        // One upsert decides, so the same click handled by two replicas at once is counted once: the second
        // waits for the first's row, then finds the same vote (no row returned: unchanged). xmax = 0 marks a
        // freshly inserted row (a first vote), otherwise the vote was changed.
        const { rows } = await client.query<{ inserted: boolean }>(
          `INSERT INTO insight_votes (answer_id, voter_hash, helpful, voted_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (answer_id, voter_hash) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at
             WHERE insight_votes.helpful <> excluded.helpful
           RETURNING (xmax = 0) AS inserted`,
          [v.answerId, v.voterHash, v.helpful ? 1 : 0, v.at.getTime()],
        );
        await client.query('COMMIT');
        const row = rows[0];
        return row === undefined ? 'unchanged' : row.inserted ? 'counted' : 'changed';
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      client.release();
    }
  }

  async questions(since: Date): Promise<QuestionRecord[]> {
    const { rows } = await this.pool.query<{
      text: string;
      platform: string;
      outcome: string;
      count: string;
      first_seen: string;
      last_seen: string;
    }>(
      `SELECT text, platform, outcome, SUM(count) AS count, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen
       FROM insight_questions WHERE last_seen >= $1 GROUP BY text, platform, outcome ORDER BY SUM(count) DESC, text`,
      [since.getTime()],
    );
    return rows.map((r) => ({
      text: r.text,
      platform: r.platform as Platform,
      outcome: r.outcome as QuestionRecord['outcome'],
      count: Number(r.count),
      firstSeen: new Date(Number(r.first_seen)),
      lastSeen: new Date(Number(r.last_seen)),
    }));
  }

  async asked(since: Date): Promise<SubjectCount[]> {
    const { rows } = await this.pool.query<{ subject: string; platform: string; count: string }>(
      `SELECT subject, platform, COUNT(*) AS count FROM insight_answers WHERE source = 'question' AND created_at >= $1
       GROUP BY subject, platform ORDER BY COUNT(*) DESC, subject`,
      [since.getTime()],
    );
    return rows.map((r) => ({ subject: r.subject, platform: r.platform as Platform, count: Number(r.count) }));
  }

  async votes(since: Date): Promise<SubjectVotes[]> {
    const { rows } = await this.pool.query<{ subject: string; platform: string; helpful: string; unhelpful: string }>(
      `SELECT a.subject, a.platform, SUM(v.helpful) AS helpful, SUM(1 - v.helpful) AS unhelpful
       FROM insight_votes v JOIN insight_answers a ON a.id = v.answer_id WHERE a.created_at >= $1
       GROUP BY a.subject, a.platform ORDER BY a.subject, a.platform`,
      [since.getTime()],
    );
    return rows.map((r) => ({
      subject: r.subject,
      platform: r.platform as Platform,
      helpful: Number(r.helpful),
      unhelpful: Number(r.unhelpful),
    }));
  }

  async purge(before: Date): Promise<{ questions: number; answers: number }> {
    const t = before.getTime();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const questions = (await client.query('DELETE FROM insight_questions WHERE last_seen < $1', [t])).rowCount ?? 0;
        // The votes (and their voter hashes) go with their answer: ON DELETE CASCADE.
        const answers = (await client.query('DELETE FROM insight_answers WHERE created_at < $1', [t])).rowCount ?? 0;
        await client.query('COMMIT');
        return { questions, answers };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.owned?.close();
  }
}
