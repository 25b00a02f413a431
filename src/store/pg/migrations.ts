import type { Migration } from '../migrations.js';

/**
 * The PostgreSQL schema, version for version the same changes as the SQLite list (../migrations.ts;
 * a test checks the numbers and names match). Times are BIGINT milliseconds, as in SQLite, so both
 * stores share one row mapping. Never edit a released migration: add a new one to both lists.
 */
export const PG_MIGRATIONS: readonly Migration[] = [
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
        thread BOOLEAN NOT NULL DEFAULT FALSE,
        source TEXT NOT NULL CHECK (source IN ('chat', 'env')),
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT NOT NULL,
        broken_reason TEXT,
        broken_since BIGINT,
        PRIMARY KEY (platform, channel_id)
      );
      CREATE TABLE rotations (
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        cycle INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (platform, channel_id)
      );
      CREATE TABLE rotation_used (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        cycle INTEGER NOT NULL,
        slug TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('posted', 'skipped')),
        used_at BIGINT NOT NULL,
        UNIQUE (platform, channel_id, cycle, slug)
      );
      -- The slot key (platform:channel:local day) is the primary key: one row per channel and day,
      -- whichever replica inserts it first.
      CREATE TABLE slots (
        slot_key TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        date TEXT NOT NULL,
        slug TEXT,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'missed', 'failed')),
        owner TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        message_id TEXT,
        completed_at BIGINT,
        error TEXT
      );
      CREATE INDEX slots_claimed ON slots (claimed_at) WHERE status = 'claimed';
      CREATE INDEX slots_by_channel ON slots (platform, channel_id, date);
    `,
  },
  {
    version: 2,
    name: 'term of the day: due-work index (next run per subscription)',
    sql: `
      ALTER TABLE subscriptions ADD COLUMN next_run_at BIGINT NOT NULL DEFAULT 0;
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
        first_seen BIGINT NOT NULL,
        last_seen BIGINT NOT NULL,
        PRIMARY KEY (text, platform, outcome, day)
      );
      CREATE INDEX insight_questions_by_last_seen ON insight_questions (last_seen);
      CREATE TABLE insight_answers (
        id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        platform TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('question', 'button')),
        created_at BIGINT NOT NULL
      );
      CREATE INDEX insight_answers_by_created ON insight_answers (created_at);
      CREATE TABLE insight_votes (
        answer_id TEXT NOT NULL REFERENCES insight_answers (id) ON DELETE CASCADE,
        voter_hash TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        voted_at BIGINT NOT NULL,
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
        is_enterprise_install BOOLEAN NOT NULL DEFAULT FALSE,
        bot_token TEXT NOT NULL,
        bot_user_id TEXT NOT NULL,
        bot_id TEXT NOT NULL,
        installed_at BIGINT NOT NULL,
        raw TEXT NOT NULL
      );
      CREATE TABLE channel_workspaces (
        channel_id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
      CREATE INDEX channel_workspaces_by_team ON channel_workspaces (team_id);
      CREATE TABLE seen_requests (
        request_key TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX seen_requests_by_expiry ON seen_requests (expires_at);
    `,
  },
];
