import pg from 'pg';
import type { ClaimRequest, ClaimResult, Chooser, SlotRecord, SubscriptionRecord, TotdStore } from '../../core/ports/totd-store.js';
import type { RotationState } from '../../core/totd/rotation.js';
import type { Platform } from '../../core/totd/types.js';
import type { Migration } from '../migrations.js';
import { reopens, toSlot, toSubscription, type SlotRow, type SubscriptionRow } from '../rows.js';
import { StoreError } from '../preflight.js';
import { connectionError, redactUrl } from './connection.js';
import { migratePg } from './migrate.js';
import { PG_MIGRATIONS } from './migrations.js';

export interface PgStoreOptions {
  /** Tests: a migration list other than the released one. */
  migrations?: readonly Migration[];
  /** Connections per replica (pg's pool); each pass runs its claims in parallel over these. */
  poolSize?: number;
  /** Called for an error on an idle connection (the server went away); the pool replaces the connection. */
  onIdleError?: (err: Error) => void;
}

/** Tuning, each a guess at "plenty but bounded". */
const CONNECT_TIMEOUT_MS = 5_000; // a server that does not answer in 5 s counts as unreachable
const QUERY_TIMEOUT_MS = 30_000; // no statement of ours takes long; a hung connection must not hold a pass forever
const DEFAULT_POOL_SIZE = 10;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Thrown inside a transaction to roll it back and return a value. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
    this.name = 'Rollback';
  }
}

/**
 * The term-of-the-day store on PostgreSQL (DATABASE_URL), for several replicas sharing one database.
 * Exactly once comes from PostgreSQL itself: the slot key is the primary key (INSERT ... ON CONFLICT),
 * claims and skips of one channel serialise on its rotation row (a row lock taken by an upsert), due
 * subscriptions are handed out with FOR UPDATE SKIP LOCKED, and lease renewals and take-overs are
 * compare-and-set updates. Times are BIGINT milliseconds, as in SQLite.
 */
export class PgTotdStore implements TotdStore {
  /** Statements sent, for the benchmark's queries-per-pass figure. */
  queries = 0;
  readonly where: string;

  private constructor(
    readonly pool: pg.Pool,
    where: string,
  ) {
    this.where = where;
  }

  /** Connects, migrates (or refuses a newer or foreign schema untouched). Throws StoreError. */
  static async open(url: string, opts: PgStoreOptions = {}): Promise<PgTotdStore> {
    const where = redactUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    // Without a listener an idle connection's error (the server restarted) would crash the process.
    pool.on('error', (err) => opts.onIdleError?.(err));
    try {
      const client = await pool.connect();
      try {
        await migratePg(client, opts.migrations ?? PG_MIGRATIONS, where);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw connectionError(err, where);
    }
    return new PgTotdStore(pool, where);
  }

  /**
   * For the operator's CLI (`termbot totd list`, `termbot today`): looks without changing anything. No
   * migration, one connection. Null when the bot has not created its tables here yet. A schema this
   * termbot cannot read as it is (not ours, older or newer) is refused, as the read-only SQLite view is:
   * a guess at another schema could be a wrong answer. Only the reading methods are meant to be called.
   * Throws StoreError (one line, redacted URL).
   */
  static async openForLook(url: string, migrations: readonly Migration[] = PG_MIGRATIONS): Promise<PgTotdStore | null> {
    const where = redactUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: 1,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
    });
    pool.on('error', () => undefined);
    try {
      const { rows } = await pool.query<{ subs: string | null; versions: string | null }>(
        `SELECT to_regclass('subscriptions') AS subs, to_regclass('schema_migrations') AS versions`,
      );
      if (rows[0]?.subs == null) {
        await pool.end();
        return null;
      }
      if (rows[0].versions == null)
        throw new StoreError('foreign', where, `${where} has a table named subscriptions that termbot did not create; check DATABASE_URL`);
      const applied = (await pool.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
      const version = Math.max(0, ...applied);
      const known = Math.max(0, ...migrations.map((m) => m.version));
      if (version > known)
        throw new StoreError(
          'newer',
          where,
          `${where} has schema version ${version}, newer than this termbot knows (${known}); upgrade termbot to read it`,
        );
      if (migrations.some((m) => !applied.includes(m.version)))
        throw new StoreError(
          'older',
          where,
          `${where} has schema version ${version}; start the bot once to upgrade it (this command only reads)`,
        );
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw connectionError(err, where);
    }
    return new PgTotdStore(pool, where);
  }

  private async q<R extends pg.QueryResultRow>(db: Queryable, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    this.queries++;
    return db.query<R>(sql, params);
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    // A checked-out connection that dies emits 'error' on the client (the pool only listens to idle ones);
    // the statement in progress rejects anyway, so the event itself needs no more than a listener.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await this.q(client, 'BEGIN');
      try {
        const value = await fn(client);
        await this.q(client, 'COMMIT');
        return value;
      } catch (err) {
        await this.q(client, 'ROLLBACK').catch(() => (broken = true));
        if (err instanceof Rollback) return err.value as T;
        throw err;
      }
    } finally {
      // A connection whose ROLLBACK failed (or that died) is in an unknown state: drop it instead of reusing it.
      client.off('error', onError);
      client.release(broken);
    }
  }

  async listSubscriptions(): Promise<SubscriptionRecord[]> {
    const { rows } = await this.q<SubscriptionRow>(this.pool, 'SELECT * FROM subscriptions ORDER BY platform, channel_id');
    return rows.map(toSubscription);
  }

  async getSubscription(platform: Platform, channelId: string): Promise<SubscriptionRecord | null> {
    const { rows } = await this.q<SubscriptionRow>(this.pool, 'SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2', [
      platform,
      channelId,
    ]);
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  async putSubscription(sub: Omit<SubscriptionRecord, 'createdAt' | 'broken'>): Promise<SubscriptionRecord> {
    const { rows } = await this.q<SubscriptionRow>(
      this.pool,
      `INSERT INTO subscriptions (platform, channel_id, time, time_zone, weekdays, category, thread, source, created_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)
       ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time, time_zone = excluded.time_zone, weekdays = excluded.weekdays,
         category = excluded.category, thread = excluded.thread, source = excluded.source, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by, broken_reason = NULL, broken_since = NULL, next_run_at = 0
       RETURNING *`,
      [
        sub.platform,
        sub.channelId,
        sub.time,
        sub.timeZone,
        sub.weekdays.join(','),
        sub.category,
        sub.thread,
        sub.source,
        sub.updatedAt.getTime(),
        sub.updatedBy,
      ],
    );
    return toSubscription(rows[0]!);
  }

  async deleteSubscription(platform: Platform, channelId: string): Promise<boolean> {
    const r = await this.q(this.pool, 'DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return (r.rowCount ?? 0) > 0;
  }

  async markBroken(platform: Platform, channelId: string, reason: string, since: Date): Promise<void> {
    await this.q(this.pool, 'UPDATE subscriptions SET broken_reason = $1, broken_since = $2 WHERE platform = $3 AND channel_id = $4', [
      reason,
      since.getTime(),
      platform,
      channelId,
    ]);
  }

  async takeDue(platforms: readonly Platform[], now: Date, leaseUntil: Date, limit: number): Promise<SubscriptionRecord[]> {
    if (platforms.length === 0) return [];
    // SKIP LOCKED: rows another replica is taking right now are left to it instead of waited for.
    const { rows } = await this.q<SubscriptionRow>(
      this.pool,
      `UPDATE subscriptions s SET next_run_at = $1
       FROM (SELECT platform, channel_id FROM subscriptions
             WHERE broken_reason IS NULL AND next_run_at <= $2 AND platform = ANY($3)
             ORDER BY next_run_at LIMIT $4 FOR UPDATE SKIP LOCKED) due
       WHERE s.platform = due.platform AND s.channel_id = due.channel_id
       RETURNING s.*`,
      [leaseUntil.getTime(), now.getTime(), [...platforms], limit],
    );
    return rows.map(toSubscription);
  }

  async setNextRun(platform: Platform, channelId: string, seenUpdatedAt: Date, at: Date): Promise<void> {
    await this.q(this.pool, 'UPDATE subscriptions SET next_run_at = $1 WHERE platform = $2 AND channel_id = $3 AND updated_at = $4', [
      at.getTime(),
      platform,
      channelId,
      seenUpdatedAt.getTime(),
    ]);
  }

  async nextDueAt(platforms: readonly Platform[]): Promise<Date | null> {
    if (platforms.length === 0) return null;
    const { rows } = await this.q<{ at: string | null }>(
      this.pool,
      'SELECT MIN(next_run_at) AS at FROM subscriptions WHERE broken_reason IS NULL AND platform = ANY($1)',
      [[...platforms]],
    );
    return rows[0]?.at == null ? null : new Date(Number(rows[0].at));
  }

  /** Locks the channel's rotation row (creating it) for this transaction and returns its state. */
  private async lockRotation(c: Queryable, platform: Platform, channelId: string): Promise<RotationState> {
    const { rows } = await this.q<{ cycle: number }>(
      c,
      `INSERT INTO rotations (platform, channel_id, cycle) VALUES ($1, $2, 0)
       ON CONFLICT (platform, channel_id) DO UPDATE SET cycle = rotations.cycle RETURNING cycle`,
      [platform, channelId],
    );
    const cycle = rows[0]!.cycle;
    return { cycle, used: await this.usedIn(c, platform, channelId, cycle) };
  }

  private async usedIn(c: Queryable, platform: Platform, channelId: string, cycle: number): Promise<string[]> {
    const { rows } = await this.q<{ slug: string }>(
      c,
      'SELECT slug FROM rotation_used WHERE platform = $1 AND channel_id = $2 AND cycle = $3 ORDER BY seq',
      [platform, channelId, cycle],
    );
    return rows.map((r) => r.slug);
  }

  /** Records a pick; a pick in a new cycle moves the channel to it and forgets the old cycle. */
  private async recordUse(
    c: Queryable,
    platform: Platform,
    channelId: string,
    state: RotationState,
    pick: { slug: string; cycle: number },
    kind: 'posted' | 'skipped',
    now: Date,
  ): Promise<void> {
    if (pick.cycle !== state.cycle) {
      await this.q(c, 'UPDATE rotations SET cycle = $3 WHERE platform = $1 AND channel_id = $2', [platform, channelId, pick.cycle]);
      await this.q(c, 'DELETE FROM rotation_used WHERE platform = $1 AND channel_id = $2 AND cycle < $3', [
        platform,
        channelId,
        pick.cycle,
      ]);
    }
    await this.q(
      c,
      `INSERT INTO rotation_used (platform, channel_id, cycle, slug, kind, used_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, channel_id, cycle, slug) DO NOTHING`,
      [platform, channelId, pick.cycle, pick.slug, kind, now.getTime()],
    );
  }

  async rotation(platform: Platform, channelId: string): Promise<RotationState> {
    const { rows } = await this.q<{ cycle: number }>(this.pool, 'SELECT cycle FROM rotations WHERE platform = $1 AND channel_id = $2', [
      platform,
      channelId,
    ]);
    const cycle = rows[0]?.cycle ?? 0;
    return { cycle, used: await this.usedIn(this.pool, platform, channelId, cycle) };
  }

  async skip(platform: Platform, channelId: string, choose: Chooser, now: Date): Promise<string | null> {
    return this.tx(async (c) => {
      const state = await this.lockRotation(c, platform, channelId);
      const pick = choose(state);
      if (!pick) return null;
      await this.recordUse(c, platform, channelId, state, pick, 'skipped', now);
      return pick.slug;
    });
  }

  async claimSlot(req: ClaimRequest, choose: Chooser): Promise<ClaimResult> {
    return this.tx(async (c): Promise<ClaimResult> => {
      // Every claim and skip of this channel waits here for the one before it to commit.
      const state = await this.lockRotation(c, req.platform, req.channelId);
      const found = await this.q<SlotRow>(c, 'SELECT * FROM slots WHERE slot_key = $1', [req.slotKey]);
      const existing = found.rows[0];
      const retry = existing !== undefined && reopens(existing, req.retryClosedBefore);
      if (existing && !retry) throw new Rollback<ClaimResult>({ claimed: false, existing: toSlot(existing), reason: 'taken' });
      const pick = choose(state);
      if (!pick) throw new Rollback<ClaimResult>({ claimed: false, existing: existing ? toSlot(existing) : null, reason: 'no-terms' });
      await this.recordUse(c, req.platform, req.channelId, state, pick, 'posted', req.now);
      // The unique slot key is the last word: a row that appeared meanwhile (recordMissed does not take
      // the rotation lock) or one that is not reopenable makes this a no-op, and the claim is rolled back.
      const inserted = await this.q<SlotRow>(
        c,
        `INSERT INTO slots (slot_key, platform, channel_id, date, slug, status, owner, claimed_at)
         VALUES ($1, $2, $3, $4, $5, 'claimed', $6, $7)
         ON CONFLICT (slot_key) DO UPDATE SET slug = excluded.slug, status = 'claimed', owner = excluded.owner,
           claimed_at = excluded.claimed_at, message_id = NULL, completed_at = NULL, error = NULL
         WHERE slots.status IN ('failed', 'missed') AND COALESCE(slots.completed_at, slots.claimed_at) < $8
         RETURNING *`,
        [
          req.slotKey,
          req.platform,
          req.channelId,
          req.date,
          pick.slug,
          req.owner,
          req.now.getTime(),
          req.retryClosedBefore?.getTime() ?? 0,
        ],
      );
      const row = inserted.rows[0];
      if (!row) {
        const now = await this.q<SlotRow>(c, 'SELECT * FROM slots WHERE slot_key = $1', [req.slotKey]);
        throw new Rollback<ClaimResult>({ claimed: false, existing: now.rows[0] ? toSlot(now.rows[0]) : null, reason: 'taken' });
      }
      return { claimed: true, slot: toSlot(row), ...(retry ? { retried: true } : {}) };
    });
  }

  async getSlot(slotKey: string): Promise<SlotRecord | null> {
    const { rows } = await this.q<SlotRow>(this.pool, 'SELECT * FROM slots WHERE slot_key = $1', [slotKey]);
    return rows[0] ? toSlot(rows[0]) : null;
  }

  async completeSlot(slotKey: string, owner: string, messageId: string, now: Date): Promise<boolean> {
    const r = await this.q(
      this.pool,
      `UPDATE slots SET status = 'posted', message_id = $1, completed_at = $2, error = NULL WHERE slot_key = $3 AND owner = $4 AND status = 'claimed'`,
      [messageId, now.getTime(), slotKey, owner],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async releaseSlot(slotKey: string, owner: string, status: 'failed' | 'missed', error: string, now: Date): Promise<boolean> {
    return this.tx(async (c) => {
      const { rows } = await this.q<SlotRow>(
        c,
        `UPDATE slots SET status = $1, error = $2, completed_at = $3 WHERE slot_key = $4 AND owner = $5 AND status = 'claimed' RETURNING *`,
        [status, error, now.getTime(), slotKey, owner],
      );
      const row = rows[0];
      if (!row) return false;
      // The term was never shown: give it back so the rotation still covers every term.
      if (row.slug !== null) {
        await this.q(c, `DELETE FROM rotation_used WHERE platform = $1 AND channel_id = $2 AND slug = $3 AND kind = 'posted'`, [
          row.platform,
          row.channel_id,
          row.slug,
        ]);
      }
      return true;
    });
  }

  async recordMissed(req: ClaimRequest, reason: string): Promise<boolean> {
    const r = await this.q(
      this.pool,
      `INSERT INTO slots (slot_key, platform, channel_id, date, slug, status, owner, claimed_at, completed_at, error)
       VALUES ($1, $2, $3, $4, NULL, 'missed', $5, $6, $6, $7) ON CONFLICT (slot_key) DO NOTHING`,
      [req.slotKey, req.platform, req.channelId, req.date, req.owner, req.now.getTime(), reason],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async listClaimed(): Promise<SlotRecord[]> {
    const { rows } = await this.q<SlotRow>(this.pool, `SELECT * FROM slots WHERE status = 'claimed' ORDER BY claimed_at`);
    return rows.map(toSlot);
  }

  async takeOverClaim(slotKey: string, expected: { owner: string; claimedAt: Date }, owner: string, now: Date): Promise<boolean> {
    const r = await this.q(
      this.pool,
      `UPDATE slots SET owner = $1, claimed_at = $2 WHERE slot_key = $3 AND status = 'claimed' AND owner = $4 AND claimed_at = $5`,
      [owner, now.getTime(), slotKey, expected.owner, expected.claimedAt.getTime()],
    );
    return (r.rowCount ?? 0) > 0;
  }

  async lastPosted(platform: Platform, channelId: string): Promise<SlotRecord | null> {
    const { rows } = await this.q<SlotRow>(
      this.pool,
      `SELECT * FROM slots WHERE platform = $1 AND channel_id = $2 AND status = 'posted' ORDER BY date DESC, completed_at DESC LIMIT 1`,
      [platform, channelId],
    );
    return rows[0] ? toSlot(rows[0]) : null;
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
