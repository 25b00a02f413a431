import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TotdScheduler } from '../../src/core/totd/scheduler.js';
import { DefaultTotdService } from '../../src/core/totd/service.js';
import { PgTotdStore } from '../../src/store/pg/pg-totd-store.js';
import { startCluster, type Cluster } from '../support/postgres/cluster.js';
import { FakeClock, FakePoster, FakeTerms, MemoryLogger } from '../core/totd/helpers/fakes.js';

/**
 * PostgreSQL going away mid-run, on a private cluster this test stops and starts: the scheduler logs the
 * outage once, nothing crashes (idle connections' errors are handled), and when the server is back the
 * due posts go out once each; a post whose completion could not be recorded is found, not sent again.
 */
let cluster: Cluster | null = null;
afterAll(() => cluster?.stop());

describe('PostgreSQL going away mid-run', () => {
  it('pauses the term of the day, logs once, resumes when it is back, nothing doubled', { timeout: 90_000 }, async () => {
    cluster = await startCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE outage');
    await admin.end();
    const url = cluster.url.replace(/\/postgres$/, '/outage');
    const idleErrors: Error[] = [];
    const store = await PgTotdStore.open(url, { onIdleError: (e) => idleErrors.push(e) });
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    const terms = new FakeTerms(5);
    const poster = new FakePoster('discord');
    const logger = new MemoryLogger();
    const scheduler = new TotdScheduler({
      store,
      bot: terms,
      posters: [poster],
      logger,
      clock,
      owner: 'host:1:a',
      maxSleepMs: 60 * 60_000,
    });
    const service = new DefaultTotdService({ store, bot: terms, defaultTimeZone: 'UTC', clock });
    for (const id of ['1', '2', '3']) await service.subscribe('discord', id, {}, 'alice');
    await scheduler.start();
    const advance = (at: string) => clock.advanceTo(at, () => scheduler.idle());

    // Channel 3's post lands while the server goes away: its completion cannot be recorded.
    const post = poster.post.bind(poster);
    let paused = false;
    poster.post = async (p) => {
      const r = await post(p);
      if (p.channelId === '3' && !paused) {
        paused = true;
        cluster!.pause();
      }
      return r;
    };
    await advance('2026-11-30T09:00:00Z');
    expect(poster.posts.map((p) => p.channelId)).toContain('3');
    await advance('2026-11-30T09:03:00Z'); // several wakes while it is down
    expect(logger.lines.filter((l) => l.msg.includes('store unavailable'))).toHaveLength(1);

    cluster.resume();
    // The pool reconnects in real time while the fake clock stands still: wake the scheduler (every 30 s of
    // its time, as it does while the store is down) until it notices, within a bounded number of passes.
    for (let i = 0; i < 40 && !logger.has('info', 'store is back'); i++) {
      await advance(new Date(clock.now().getTime() + 30_000).toISOString());
      if (!logger.has('info', 'store is back')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(logger.has('info', 'store is back'), JSON.stringify(logger.lines.slice(-6))).toBe(true);
    await advance('2026-11-30T12:00:00Z');
    expect(poster.posts.map((p) => p.channelId).sort()).toEqual(['1', '2', '3']);
    // Channel 3 was found in the channel and recorded, not posted again.
    const found = logger.lines.filter((l) => /reconciled an interrupted post|posted after all/.test(l.msg));
    expect(found.map((l) => (l.obj as { channelId: string }).channelId)).toContain('3');
    for (const id of ['1', '2', '3']) expect(await store.getSlot(`discord:${id}:2026-11-30`)).toMatchObject({ status: 'posted' });
    await scheduler.stop();
    await store.close();
  });
});
