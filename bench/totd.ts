/**
 * npm run bench:totd: the term of the day at scale on PostgreSQL. 10,000 subscribed channels, three
 * replicas (three schedulers, each with its own connection pool, as three processes would have) on one
 * database, instant fake platforms. Reports, per pass: wall time, statements sent (all replicas), how
 * the channels were spread over the replicas, and checks every slot was claimed and posted exactly
 * once. Then an idle pass (nothing due) and a pass with 100 due, to show work follows what is due,
 * and the plan of the due query (the partial index on next_run_at).
 *
 * Uses BENCH_DATABASE_URL (an empty database you can spare) when set, else starts a throwaway
 * cluster like the tests do (Debian's postgresql binaries).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { TotdScheduler } from '../src/core/totd/scheduler.js';
import type { TotdPost, TotdPoster } from '../src/core/totd/types.js';
import { PgTotdStore } from '../src/store/pg/pg-totd-store.js';
import { startCluster, type Cluster } from '../test/support/postgres/cluster.js';
import { FakeClock, FakeTerms, MemoryLogger } from '../test/core/totd/helpers/fakes.js';

/** The figures the issue asks for: 10,000 channels over three replicas. */
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 10_000);
const REPLICAS = 3;
const DAY = '2026-12-01';

/** A platform that answers at once and records every post, to count doubles across replicas. */
class CountingPoster implements TotdPoster {
  constructor(
    readonly platform: 'discord' | 'slack',
    private readonly sent: Map<string, number>,
    private readonly byReplica: number[],
    private readonly replica: number,
  ) {}
  async post(post: TotdPost): Promise<{ messageId: string }> {
    this.sent.set(post.slotKey, (this.sent.get(post.slotKey) ?? 0) + 1);
    this.byReplica[this.replica]!++;
    return { messageId: `m-${post.slotKey}` };
  }
  /** As a real platform: a card that was sent is found in the channel (after an interrupted post). */
  async findPosted(_channelId: string, slotKey: string): Promise<string | null> {
    return this.sent.has(slotKey) ? `m-${slotKey}` : null;
  }
}

async function main(): Promise<void> {
  let cluster: Cluster | null = null;
  let admin = process.env.BENCH_DATABASE_URL;
  if (!admin) {
    cluster = await startCluster();
    admin = cluster.url;
  }
  try {
    const url = new URL(admin);
    if (cluster) {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query('CREATE DATABASE bench_totd');
      await c.end();
      url.pathname = '/bench_totd';
    }
    await run(url.toString());
  } finally {
    cluster?.stop();
  }
}

async function run(url: string): Promise<void> {
  // Seed: CHANNELS daily subscriptions at 09:00 UTC, half Discord, half Slack, subscribed the day before.
  const seed = await PgTotdStore.open(url);
  const created = Date.parse(`${DAY}T00:00:00Z`) - 86_400_000;
  await seed.pool.query(
    `INSERT INTO subscriptions (platform, channel_id, time, time_zone, weekdays, category, thread, source, created_at, updated_at, updated_by)
     SELECT CASE WHEN i % 2 = 0 THEN 'discord' ELSE 'slack' END, 'C' || i, '09:00', 'UTC', '0,1,2,3,4,5,6', NULL, false, 'chat', $1, $1, 'bench'
     FROM generate_series(1, $2) AS i`,
    [created, CHANNELS],
  );
  await seed.close();

  const clock = new FakeClock(`${DAY}T09:00:30Z`);
  const sent = new Map<string, number>();
  const byReplica = Array.from({ length: REPLICAS }, () => 0);
  const stores: PgTotdStore[] = [];
  const loggers: MemoryLogger[] = [];
  const schedulers: TotdScheduler[] = [];
  for (let r = 0; r < REPLICAS; r++) {
    const store = await PgTotdStore.open(url);
    stores.push(store);
    schedulers.push(
      new TotdScheduler({
        store,
        bot: new FakeTerms(50),
        posters: [new CountingPoster('discord', sent, byReplica, r), new CountingPoster('slack', sent, byReplica, r)],
        logger: loggers[loggers.push(new MemoryLogger()) - 1]!,
        clock,
        owner: `bench-host-${r}:${100 + r}:r${r}`,
      }),
    );
  }

  const pass = async (label: string): Promise<void> => {
    for (const s of stores) s.queries = 0;
    byReplica.fill(0);
    const t0 = performance.now();
    await Promise.all(schedulers.map((s) => s.runDue()));
    const ms = performance.now() - t0;
    const queries = stores.reduce((n, s) => n + s.queries, 0);
    const posted = byReplica.reduce((a, b) => a + b, 0);
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${String(queries).padStart(7)} statements` +
        `  ${String(posted).padStart(6)} posted (per replica: ${byReplica.join(' / ')})` +
        (posted ? `  ${(queries / posted).toFixed(1)} statements per post` : ''),
    );
  };

  console.log(`term of the day on PostgreSQL: ${CHANNELS} channels, ${REPLICAS} replicas, one database\n`);
  await pass('pass 1: every channel due');
  clock.set(`${DAY}T09:05:00Z`);
  await pass('pass 2: nothing due');
  // 100 channels re-subscribed (changed): due again, their slot for the day already posted.
  const changed = await stores[0]!.pool.query(
    `UPDATE subscriptions SET next_run_at = 0 WHERE channel_id IN (SELECT 'C' || i FROM generate_series(1, 100) i)`,
  );
  clock.set(`${DAY}T09:06:00Z`);
  await pass(`pass 3: ${changed.rowCount} due (already posted)`);

  const doubles = [...sent.values()].filter((n) => n > 1).length;
  const rows = await stores[0]!.pool.query<{ status: string; n: string }>('SELECT status, COUNT(*) AS n FROM slots GROUP BY status');
  const status = Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
  const plan = await stores[0]!.pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT platform, channel_id FROM subscriptions WHERE broken_reason IS NULL AND next_run_at <= $1 AND platform = ANY($2) ORDER BY next_run_at LIMIT 200`,
    [Date.parse(`${DAY}T09:07:00Z`), ['discord', 'slack']],
  );
  console.log(`\nslots: ${JSON.stringify(status)}; distinct slots posted ${sent.size} of ${CHANNELS}; posted more than once: ${doubles}`);
  const errors = loggers.flatMap((l) => l.lines.filter((x) => x.level === 'error'));
  console.log(
    `error log lines: ${errors.length}${errors[0] ? ` (first: ${errors[0].msg} ${JSON.stringify(errors[0].obj).slice(0, 200)})` : ''}`,
  );
  console.log(`due query plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);
  for (const s of schedulers) await s.stop();
  for (const s of stores) await s.close();
  if (sent.size !== CHANNELS || doubles > 0 || status.posted !== CHANNELS || errors.length > 0) {
    console.error('FAILED: every slot must be claimed and posted exactly once');
    process.exitCode = 1;
  }
}

await main();
