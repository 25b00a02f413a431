import { existsSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type {
  AnswerRecord,
  InsightsStore,
  QuestionEvent,
  QuestionRecord,
  SubjectCount,
  SubjectVotes,
  VoteEvent,
  VoteResult,
} from '../core/ports/insights-store.js';
import type { Platform } from '../core/totd/types.js';
import { DB_FILE, SqliteTotdStore, StoreError, type StoreOptions } from './sqlite-totd-store.js';

/**
 * Insights on the same SQLite file as the term of the day (migration 3 adds its tables). It opens
 * the file the same way (preflight, backup before migrating, WAL), so a file we would refuse is
 * never touched. Every write is one statement or one transaction; counts are upserts.
 */
export class SqliteInsightsStore implements InsightsStore {
  private constructor(
    readonly db: Database.Database,
    private readonly owned: { close(): Promise<void> } | null,
  ) {}

  /** Opens (creating and migrating if needed) DATA_DIR/termbot.db. */
  static open(dataDir: string, opts: StoreOptions = {}): SqliteInsightsStore {
    const file = new SqliteTotdStore(path.join(dataDir, DB_FILE), opts);
    return new SqliteInsightsStore(file.db, file);
  }

  /**
   * For `termbot report`: a read-only view, or null when there is nothing to read (no database, or
   * one from before insights existed), which reports as empty.
   */
  static openForReport(dataDir: string): SqliteInsightsStore | null {
    const file = path.join(dataDir, DB_FILE);
    if (!existsSync(file)) return null;
    let store: SqliteTotdStore;
    try {
      store = new SqliteTotdStore(file, { readonly: true });
    } catch (err) {
      // A database from before insights (schema 1): nothing recorded yet. Anything else is a real problem.
      if (err instanceof StoreError && err.problem === 'older') return null;
      throw err;
    }
    const has = store.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'insight_answers'`).get();
    if (!has) {
      void store.close();
      return null;
    }
    return new SqliteInsightsStore(store.db, store);
  }

  /** On a connection someone else owns (tests, a shared store); close() leaves it open. */
  static on(db: Database.Database): SqliteInsightsStore {
    return new SqliteInsightsStore(db, null);
  }

  async recordQuestion(q: QuestionEvent): Promise<void> {
    const at = q.at.getTime();
    this.db
      .prepare(
        `INSERT INTO insight_questions (text, platform, outcome, day, count, first_seen, last_seen) VALUES (?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (text, platform, outcome, day) DO UPDATE SET count = count + 1,
           first_seen = MIN(first_seen, excluded.first_seen), last_seen = MAX(last_seen, excluded.last_seen)`,
      )
      .run(q.text, q.platform, q.outcome, q.at.toISOString().slice(0, 10), at, at);
  }

  async recordAnswer(a: AnswerRecord): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO insight_answers (id, subject, platform, source, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(a.id, a.subject, a.platform, a.source, a.at.getTime());
  }

  async vote(v: VoteEvent): Promise<VoteResult> {
    const run = this.db.transaction((): VoteResult => {
      if (!this.db.prepare('SELECT 1 FROM insight_answers WHERE id = ?').get(v.answerId)) return 'unknown-answer';
      const prev = this.db
        .prepare('SELECT helpful FROM insight_votes WHERE answer_id = ? AND voter_hash = ?')
        .get(v.answerId, v.voterHash) as { helpful: number } | undefined;
      const helpful = v.helpful ? 1 : 0;
      if (prev?.helpful === helpful) return 'unchanged';
      this.db
        .prepare(
          `INSERT INTO insight_votes (answer_id, voter_hash, helpful, voted_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (answer_id, voter_hash) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at`,
        )
        .run(v.answerId, v.voterHash, helpful, v.at.getTime());
      return prev ? 'changed' : 'counted';
    });
    return run.immediate();
  }

  async questions(since: Date): Promise<QuestionRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT text, platform, outcome, SUM(count) AS count, MIN(first_seen) AS first_seen, MAX(last_seen) AS last_seen
         FROM insight_questions WHERE last_seen >= ? GROUP BY text, platform, outcome ORDER BY count DESC, text`,
      )
      .all(since.getTime()) as { text: string; platform: string; outcome: string; count: number; first_seen: number; last_seen: number }[];
    return rows.map((r) => ({
      text: r.text,
      platform: r.platform as Platform,
      outcome: r.outcome as QuestionRecord['outcome'],
      count: r.count,
      firstSeen: new Date(r.first_seen),
      lastSeen: new Date(r.last_seen),
    }));
  }

  async asked(since: Date): Promise<SubjectCount[]> {
    return this.db
      .prepare(
        `SELECT subject, platform, COUNT(*) AS count FROM insight_answers WHERE source = 'question' AND created_at >= ?
         GROUP BY subject, platform ORDER BY count DESC, subject`,
      )
      .all(since.getTime()) as SubjectCount[];
  }

  async votes(since: Date): Promise<SubjectVotes[]> {
    return this.db
      .prepare(
        `SELECT a.subject, a.platform, SUM(v.helpful) AS helpful, SUM(1 - v.helpful) AS unhelpful
         FROM insight_votes v JOIN insight_answers a ON a.id = v.answer_id WHERE a.created_at >= ?
         GROUP BY a.subject, a.platform ORDER BY a.subject, a.platform`,
      )
      .all(since.getTime()) as SubjectVotes[];
  }

  async purge(before: Date): Promise<{ questions: number; answers: number }> {
    const t = before.getTime();
    const run = this.db.transaction(() => {
      const questions = this.db.prepare('DELETE FROM insight_questions WHERE last_seen < ?').run(t).changes;
      // The votes go with their answer (and their voter hashes with them), whether or not foreign keys are on.
      this.db.prepare('DELETE FROM insight_votes WHERE answer_id IN (SELECT id FROM insight_answers WHERE created_at < ?)').run(t);
      const answers = this.db.prepare('DELETE FROM insight_answers WHERE created_at < ?').run(t).changes;
      return { questions, answers };
    });
    return run.immediate();
  }

  async close(): Promise<void> {
    await this.owned?.close();
  }
}
