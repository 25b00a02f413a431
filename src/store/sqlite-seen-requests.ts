import type Database from 'better-sqlite3';
import type { SeenRequestStore } from '../core/ports/installation-store.js';

/** Expired keys are swept at most this often (ms): one DELETE per minute keeps the table at about 5 minutes of traffic. */
export const SWEEP_EVERY_MS = 60_000;

/**
 * Seen request signatures in the shared database (migration 4), so a replay or retry that lands on
 * another replica is still recognised. The insert is the test: a primary-key conflict on a live
 * row means seen. The conflict clause revives an expired row in the same statement, atomically.
 */
export class SqliteSeenRequests implements SeenRequestStore {
  private lastSweep = 0;
  constructor(private readonly db: Database.Database) {}

  async seen(key: string, expiresAt: number, now: number): Promise<boolean> {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      this.db.prepare('DELETE FROM seen_requests WHERE expires_at <= ?').run(now);
    }
    const r = this.db
      .prepare(
        `INSERT INTO seen_requests (request_key, expires_at) VALUES (?, ?)
         ON CONFLICT (request_key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= ?`,
      )
      .run(key, expiresAt, now);
    return r.changes === 0;
  }
}
