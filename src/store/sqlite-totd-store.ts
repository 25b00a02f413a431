import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ClaimRequest, ClaimResult, Chooser, SlotRecord, SubscriptionRecord, TotdStore } from '../core/ports/totd-store.js';
import type { RotationState } from '../core/totd/rotation.js';
import type { Platform } from '../core/totd/types.js';
import { reopens, toSlot, toSubscription, type SlotRow, type SubscriptionRow } from './rows.js';
import { MIGRATIONS, migrate, type Migration } from './migrations.js';
import { backupBeforeMigration } from './backup.js';
import { StoreError, preflight, readOnlyView } from './preflight.js';

export { StoreError } from './preflight.js';

/** The database file inside DATA_DIR. */
export const DB_FILE = 'termbot.db';

export interface StoreOptions {
  /** Read only (the CLI): never creates, migrates or switches the journal mode. */
  readonly?: boolean;
  /** Tests: a migration list other than the released one. */
  migrations?: readonly Migration[];
  /** Tests: the clock used in backup file names. */
  now?: () => Date;
}

/**
 * The term-of-the-day store on an embedded SQLite file (WAL, busy timeout). Every read-modify-write
 * runs in a BEGIN IMMEDIATE transaction, which takes the file's write lock up front, so two processes
 * on the same file serialise instead of both deciding a slot is free.
 *
 * Opening never writes to a file it then refuses: an existing file is first checked read-only
 * (SQLite, ours, not from a newer termbot: see preflight.ts), and copied aside before a migration.
 * Failures are StoreError with a one-line message naming the file.
 */
export class SqliteTotdStore implements TotdStore {
  readonly db: Database.Database;
  /** The copy taken before migrating this file, if one was. */
  readonly backup: string | null = null;

  constructor(file: string, opts: StoreOptions = {}) {
    const migrations = opts.migrations ?? MIGRATIONS;
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (file === ':memory:') {
      this.db = new Database(file);
      migrate(this.db, migrations);
      return;
    }
    const { version, applied } = preflight(file, known);
    // Numbers may have gaps and arrive out of order (branches merged later): pending = any not recorded.
    const pending = migrations.some((m) => !applied.includes(m.version));
    if (opts.readonly) {
      if (!existsSync(file)) throw new StoreError('unreadable', file, `${file} does not exist`);
      if (pending)
        throw new StoreError(
          'older',
          file,
          `${file} has schema version ${version}; start the bot once to upgrade it (this command only reads)`,
        );
      this.db = readOnlyView(file);
      return;
    }
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      if (version > 0 && pending) this.backup = backupBeforeMigration(file, version, (opts.now ?? (() => new Date()))());
      this.db = new Database(file, { timeout: 10_000 });
    } catch (err) {
      if (err instanceof StoreError) throw err;
      const code = (err as { code?: string }).code ?? (err as Error).message;
      throw new StoreError('cannot-create', file, `cannot open ${file} for writing: ${code} (DATA_DIR must be a writable folder)`, {
        cause: err,
      });
    }
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db, migrations);
    } catch (err) {
      this.db.close();
      const code = (err as { code?: string }).code ?? '';
      throw new StoreError(
        'cannot-create',
        file,
        `cannot write to ${file}: ${code || (err as Error).message} (DATA_DIR and the file must be writable by the bot's user)`,
        { cause: err },
      );
    }
  }

  /** Opens (creating if needed) DATA_DIR/termbot.db. */
  static open(dataDir: string, opts: StoreOptions = {}): SqliteTotdStore {
    return new SqliteTotdStore(path.join(dataDir, DB_FILE), opts);
  }

  async listSubscriptions(): Promise<SubscriptionRecord[]> {
    const rows = this.db.prepare('SELECT * FROM subscriptions ORDER BY platform, channel_id').all() as SubscriptionRow[];
    return rows.map(toSubscription);
  }

  async getSubscription(platform: Platform, channelId: string): Promise<SubscriptionRecord | null> {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?').get(platform, channelId) as
      SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  async putSubscription(sub: Omit<SubscriptionRecord, 'createdAt' | 'broken'>): Promise<SubscriptionRecord> {
    const now = sub.updatedAt.getTime();
    this.db
      .prepare(
        `INSERT INTO subscriptions (platform, channel_id, time, time_zone, weekdays, category, thread, source, created_at, updated_at, updated_by, broken_reason, broken_since)
         VALUES (@platform, @channelId, @time, @timeZone, @weekdays, @category, @thread, @source, @now, @now, @updatedBy, NULL, NULL)
         ON CONFLICT (platform, channel_id) DO UPDATE SET time = excluded.time, time_zone = excluded.time_zone, weekdays = excluded.weekdays,
           category = excluded.category, thread = excluded.thread, source = excluded.source, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by, broken_reason = NULL, broken_since = NULL, next_run_at = 0`,
      )
      .run({
        platform: sub.platform,
        channelId: sub.channelId,
        time: sub.time,
        timeZone: sub.timeZone,
        weekdays: sub.weekdays.join(','),
        category: sub.category,
        thread: sub.thread ? 1 : 0,
        source: sub.source,
        now,
        updatedBy: sub.updatedBy,
      });
    return (await this.getSubscription(sub.platform, sub.channelId))!;
  }

  async deleteSubscription(platform: Platform, channelId: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(platform, channelId).changes > 0;
  }

  async markBroken(platform: Platform, channelId: string, reason: string, since: Date): Promise<void> {
    this.db
      .prepare('UPDATE subscriptions SET broken_reason = ?, broken_since = ? WHERE platform = ? AND channel_id = ?')
      .run(reason, since.getTime(), platform, channelId);
  }

  async takeDue(platforms: readonly Platform[], now: Date, leaseUntil: Date, limit: number): Promise<SubscriptionRecord[]> {
    if (platforms.length === 0) return [];
    const marks = platforms.map(() => '?').join(', ');
    const run = this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT * FROM subscriptions WHERE broken_reason IS NULL AND next_run_at <= ? AND platform IN (${marks}) ORDER BY next_run_at LIMIT ?`,
        )
        .all(now.getTime(), ...platforms, limit) as SubscriptionRow[];
      const lease = this.db.prepare('UPDATE subscriptions SET next_run_at = ? WHERE platform = ? AND channel_id = ?');
      for (const r of rows) lease.run(leaseUntil.getTime(), r.platform, r.channel_id);
      return rows.map(toSubscription);
    });
    return run.immediate();
  }

  async setNextRun(platform: Platform, channelId: string, seenUpdatedAt: Date, at: Date): Promise<void> {
    this.db
      .prepare('UPDATE subscriptions SET next_run_at = ? WHERE platform = ? AND channel_id = ? AND updated_at = ?')
      .run(at.getTime(), platform, channelId, seenUpdatedAt.getTime());
  }

  async nextDueAt(platforms: readonly Platform[]): Promise<Date | null> {
    if (platforms.length === 0) return null;
    const row = this.db
      .prepare(
        `SELECT MIN(next_run_at) AS at FROM subscriptions WHERE broken_reason IS NULL AND platform IN (${platforms.map(() => '?').join(', ')})`,
      )
      .get(...platforms) as { at: number | null };
    return row.at === null ? null : new Date(row.at);
  }

  private readRotation(platform: Platform, channelId: string): RotationState {
    const row = this.db.prepare('SELECT cycle FROM rotations WHERE platform = ? AND channel_id = ?').get(platform, channelId) as
      { cycle: number } | undefined;
    const cycle = row?.cycle ?? 0;
    const used = this.db
      .prepare('SELECT slug FROM rotation_used WHERE platform = ? AND channel_id = ? AND cycle = ? ORDER BY seq')
      .pluck()
      .all(platform, channelId, cycle) as string[];
    return { cycle, used };
  }

  /** Records a pick; a pick in a new cycle moves the channel to it and forgets the old cycle. */
  private recordUse(
    platform: Platform,
    channelId: string,
    state: RotationState,
    pick: { slug: string; cycle: number },
    kind: 'posted' | 'skipped',
    now: Date,
  ): void {
    if (pick.cycle !== state.cycle) {
      this.db
        .prepare(
          'INSERT INTO rotations (platform, channel_id, cycle) VALUES (?, ?, ?) ON CONFLICT (platform, channel_id) DO UPDATE SET cycle = excluded.cycle',
        )
        .run(platform, channelId, pick.cycle);
      this.db.prepare('DELETE FROM rotation_used WHERE platform = ? AND channel_id = ? AND cycle < ?').run(platform, channelId, pick.cycle);
    }
    this.db
      .prepare('INSERT OR IGNORE INTO rotation_used (platform, channel_id, cycle, slug, kind, used_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(platform, channelId, pick.cycle, pick.slug, kind, now.getTime());
  }

  async rotation(platform: Platform, channelId: string): Promise<RotationState> {
    return this.readRotation(platform, channelId);
  }

  async skip(platform: Platform, channelId: string, choose: Chooser, now: Date): Promise<string | null> {
    const run = this.db.transaction(() => {
      const state = this.readRotation(platform, channelId);
      const pick = choose(state);
      if (!pick) return null;
      this.recordUse(platform, channelId, state, pick, 'skipped', now);
      return pick.slug;
    });
    return run.immediate();
  }

  async claimSlot(req: ClaimRequest, choose: Chooser): Promise<ClaimResult> {
    const run = this.db.transaction((): ClaimResult => {
      const existing = this.db.prepare('SELECT * FROM slots WHERE slot_key = ?').get(req.slotKey) as SlotRow | undefined;
      const retry = existing !== undefined && reopens(existing, req.retryClosedBefore);
      if (existing && !retry) return { claimed: false, existing: toSlot(existing), reason: 'taken' };
      const state = this.readRotation(req.platform, req.channelId);
      const pick = choose(state);
      if (!pick) return { claimed: false, existing: existing ? toSlot(existing) : null, reason: 'no-terms' };
      this.recordUse(req.platform, req.channelId, state, pick, 'posted', req.now);
      this.db
        .prepare(
          `INSERT INTO slots (slot_key, platform, channel_id, date, slug, status, owner, claimed_at)
           VALUES (?, ?, ?, ?, ?, 'claimed', ?, ?)
           ON CONFLICT (slot_key) DO UPDATE SET slug = excluded.slug, status = 'claimed', owner = excluded.owner,
             claimed_at = excluded.claimed_at, message_id = NULL, completed_at = NULL, error = NULL`,
        )
        .run(req.slotKey, req.platform, req.channelId, req.date, pick.slug, req.owner, req.now.getTime());
      const row = this.db.prepare('SELECT * FROM slots WHERE slot_key = ?').get(req.slotKey) as SlotRow;
      return { claimed: true, slot: toSlot(row), ...(retry ? { retried: true } : {}) };
    });
    return run.immediate();
  }

  async getSlot(slotKey: string): Promise<SlotRecord | null> {
    const row = this.db.prepare('SELECT * FROM slots WHERE slot_key = ?').get(slotKey) as SlotRow | undefined;
    return row ? toSlot(row) : null;
  }

  async completeSlot(slotKey: string, owner: string, messageId: string, now: Date): Promise<boolean> {
    const r = this.db
      .prepare(
        `UPDATE slots SET status = 'posted', message_id = ?, completed_at = ?, error = NULL WHERE slot_key = ? AND owner = ? AND status = 'claimed'`,
      )
      .run(messageId, now.getTime(), slotKey, owner);
    return r.changes > 0;
  }

  async releaseSlot(slotKey: string, owner: string, status: 'failed' | 'missed', error: string, now: Date): Promise<boolean> {
    const run = this.db.transaction(() => {
      const row = this.db.prepare(`SELECT * FROM slots WHERE slot_key = ? AND owner = ? AND status = 'claimed'`).get(slotKey, owner) as
        SlotRow | undefined;
      if (!row) return false;
      this.db
        .prepare('UPDATE slots SET status = ?, error = ?, completed_at = ? WHERE slot_key = ?')
        .run(status, error, now.getTime(), slotKey);
      // The term was never shown: give it back so the rotation still covers every term.
      if (row.slug !== null) {
        this.db
          .prepare(`DELETE FROM rotation_used WHERE platform = ? AND channel_id = ? AND slug = ? AND kind = 'posted'`)
          .run(row.platform, row.channel_id, row.slug);
      }
      return true;
    });
    return run.immediate();
  }

  async recordMissed(req: ClaimRequest, reason: string): Promise<boolean> {
    const r = this.db
      .prepare(
        `INSERT OR IGNORE INTO slots (slot_key, platform, channel_id, date, slug, status, owner, claimed_at, completed_at, error)
         VALUES (?, ?, ?, ?, NULL, 'missed', ?, ?, ?, ?)`,
      )
      .run(req.slotKey, req.platform, req.channelId, req.date, req.owner, req.now.getTime(), req.now.getTime(), reason);
    return r.changes > 0;
  }

  async listClaimed(): Promise<SlotRecord[]> {
    const rows = this.db.prepare(`SELECT * FROM slots WHERE status = 'claimed' ORDER BY claimed_at`).all() as SlotRow[];
    return rows.map(toSlot);
  }

  async takeOverClaim(slotKey: string, expected: { owner: string; claimedAt: Date }, owner: string, now: Date): Promise<boolean> {
    const r = this.db
      .prepare(`UPDATE slots SET owner = ?, claimed_at = ? WHERE slot_key = ? AND status = 'claimed' AND owner = ? AND claimed_at = ?`)
      .run(owner, now.getTime(), slotKey, expected.owner, expected.claimedAt.getTime());
    return r.changes > 0;
  }

  async lastPosted(platform: Platform, channelId: string): Promise<SlotRecord | null> {
    const row = this.db
      .prepare(
        `SELECT * FROM slots WHERE platform = ? AND channel_id = ? AND status = 'posted' ORDER BY date DESC, completed_at DESC LIMIT 1`,
      )
      .get(platform, channelId) as SlotRow | undefined;
    return row ? toSlot(row) : null;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
