import type Database from 'better-sqlite3';

/**
 * Versioned schema changes, applied in order once each. Never edit a released migration: add a new one.
 * The PostgreSQL list (pg/migrations.ts) has the same versions and names: version N is the same
 * change on both engines (a test checks), so a feature adds one number to both lists.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'term of the day: subscriptions, rotations, slots',
    sql: `
      CREATE TABLE subscriptions (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        time TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        weekdays TEXT NOT NULL,
        category TEXT,
        thread INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL CHECK (source IN ('chat', 'env')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        broken_reason TEXT,
        broken_since INTEGER,
        PRIMARY KEY (platform, channel_id)
      );
      CREATE TABLE rotations (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        cycle INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (platform, channel_id)
      );
      CREATE TABLE rotation_used (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        cycle INTEGER NOT NULL,
        slug TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('posted', 'skipped')),
        used_at INTEGER NOT NULL,
        UNIQUE (platform, channel_id, cycle, slug)
      );
      CREATE TABLE slots (
        slot_key TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        date TEXT NOT NULL,
        slug TEXT,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'missed', 'failed')),
        owner TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        message_id TEXT,
        completed_at INTEGER,
        error TEXT
      );
      CREATE INDEX slots_by_status ON slots (status);
      CREATE INDEX slots_by_channel ON slots (platform, channel_id, date);
    `,
  },
  {
    version: 2,
    name: 'term of the day: due-work index (next run per subscription)',
    // 0 = due at once: every existing subscription is looked at by the first pass after the upgrade.
    sql: `
      ALTER TABLE subscriptions ADD COLUMN next_run_at INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX subscriptions_due ON subscriptions (next_run_at) WHERE broken_reason IS NULL;
    `,
  },
  {
    version: 3,
    name: 'insights: unanswered questions, answers with votes',
    // No user ids or names: questions are normalised text; a vote's voter is a one-way hash per answer.
    sql: `
      CREATE TABLE insight_questions (
        text TEXT NOT NULL,
        platform TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('miss', 'low-confidence')),
        day TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        PRIMARY KEY (text, platform, outcome, day)
      );
      CREATE INDEX insight_questions_by_last_seen ON insight_questions (last_seen);
      CREATE TABLE insight_answers (
        id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        platform TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('question', 'button')),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX insight_answers_by_created ON insight_answers (created_at);
      CREATE TABLE insight_votes (
        answer_id TEXT NOT NULL REFERENCES insight_answers (id) ON DELETE CASCADE,
        voter_hash TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        voted_at INTEGER NOT NULL,
        PRIMARY KEY (answer_id, voter_hash)
      );
    `,
  },
  {
    version: 4,
    name: 'workspaces: installations, channel workspaces, seen requests',
    sql: `
      CREATE TABLE installations (
        install_key TEXT PRIMARY KEY,
        team_id TEXT,
        enterprise_id TEXT,
        is_enterprise_install INTEGER NOT NULL DEFAULT 0,
        bot_token TEXT NOT NULL,
        bot_user_id TEXT NOT NULL,
        bot_id TEXT NOT NULL,
        installed_at INTEGER NOT NULL,
        raw TEXT NOT NULL
      );
      CREATE TABLE channel_workspaces (
        channel_id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX channel_workspaces_by_team ON channel_workspaces (team_id);
      CREATE TABLE seen_requests (
        request_key TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX seen_requests_by_expiry ON seen_requests (expires_at);
    `,
  },
];

/**
 * Applies every migration not yet recorded, in version order; safe when several processes open the
 * same file at once. Returns the schema version (the highest applied). Numbers may have gaps, and a
 * lower number that arrives later (branches merged in another order) is still applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const apply = db.transaction(() => {
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
      applied.add(m.version);
    }
    return Math.max(0, ...applied);
  });
  // IMMEDIATE takes the write lock first, so two processes starting together do not both migrate.
  return apply.immediate();
}
