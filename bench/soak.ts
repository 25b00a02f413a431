/**
 * `npm run soak`: the real bot, as a child process, in Slack HTTP mode and in Discord mode at the same
 * time, each against its local fake (127.0.0.1 only), for SOAK_SECONDS (60) at SOAK_CONCURRENCY (20)
 * requests in flight per bot. The fakes answer some calls with 500s and 429s and some slowly.
 * Every request is a mention from a new user (no cooldown), which must get exactly one reply.
 *
 * Reports requests, p50/p99 latency (send -> reply accepted by the fake) and RSS at start and end per
 * bot; exits 1 on any lost or doubled reply, or any log line at error level or above.
 * Not part of `npm test` (it takes a minute and both cores).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BotProcess } from '../test/app/bot-process.js';
import { FakeDiscord } from '../test/support/fakes/discord/fake-discord.js';
import type { RestCall } from '../test/support/fakes/discord/fake-discord.js';
import { FakeSlack, type ApiCall } from '../test/support/fakes/slack/fake-slack.js';
import { appMention } from '../test/support/fakes/slack/payloads.js';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 20);
/** A reply later than this counts as lost. */
const REPLY_TIMEOUT_MS = 20_000;
/** Fault rates: every Nth call to the reply endpoint (primes, so they rarely hit one request twice). */
const FAIL_500_EVERY = 23;
const RATE_LIMIT_EVERY = 37;
const SLOW_EVERY = 7;
const SLOW_MS = 400;
const QUERIES = [
  'what is k8s?',
  'load balancer vs reverse proxy',
  'eli5 sharding',
  'what does a CDN do',
  'explain idempotency',
  'dns',
  'what is an ORM',
  'SLA vs SLO',
];

interface Result {
  name: string;
  requests: number;
  latencies: number[];
  lost: number;
  doubled: number;
  errors: string[];
  rssStartMb: number;
  rssEndMb: number;
}

/** The message a Discord REST call replied to (its body is whatever the client sent). */
function repliedTo(c: RestCall): unknown {
  return (c.body as { message_reference?: { message_id?: unknown } } | undefined)?.message_reference?.message_id;
}

function rssMb(pid: number | undefined): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function drive(
  name: string,
  bot: BotProcess,
  send: (id: number) => Promise<() => number>,
): Promise<Pick<Result, 'requests' | 'latencies' | 'lost'>> {
  const end = Date.now() + SECONDS * 1000;
  const latencies: number[] = [];
  let requests = 0;
  let lost = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (Date.now() < end) {
      const id = next++;
      requests++;
      const t0 = performance.now();
      try {
        const waitReply = await send(id);
        latencies.push(waitReply() - t0);
      } catch {
        lost++;
      }
    }
  };
  const progress = setInterval(
    () =>
      process.stderr.write(
        `soak ${name}: ${requests} requests, ${lost} lost, ${Math.max(0, Math.round((end - Date.now()) / 1000))} s left\n`,
      ),
    10_000,
  );
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(progress);
  void bot;
  return { requests, latencies, lost };
}

async function soakSlack(dir: string): Promise<Result> {
  const slack = new FakeSlack();
  await slack.start();
  let n = 0;
  const failed = new WeakSet<ApiCall>();
  slack.setResponder('chat.postMessage', (call) => {
    n++;
    if (n % FAIL_500_EVERY === 0) {
      failed.add(call);
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    return undefined;
  });
  // Slow answers: now and then every postMessage waits SLOW_MS.
  const slow = setInterval(() => {
    const release = slack.hold('chat.postMessage');
    setTimeout(release, SLOW_MS);
  }, SLOW_MS * SLOW_EVERY);
  const bot = new BotProcess(
    {
      SLACK_BOT_TOKEN: 'xoxb-soak',
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: path.join(dir, 'slack'),
      LOG_LEVEL: 'info',
    },
    dir,
  );
  try {
    const port = await bot.port();
    const appUrl = `http://127.0.0.1:${port}`;
    const rssStartMb = rssMb(bot.child.pid);
    const sent: string[] = [];
    const run = await drive('slack', bot, async (id) => {
      const ts = `1700000000.${String(id).padStart(6, '0')}`;
      sent.push(ts);
      const reply = slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts && !failed.has(c), REPLY_TIMEOUT_MS);
      reply.catch(() => undefined); // awaited below; if the send fails first, its timeout must not go unhandled
      const res = await slack.send(
        appUrl,
        appMention({ text: `<@${slack.botUserId}> ${QUERIES[id % QUERIES.length]}`, user: `U${String(id).padStart(8, '0')}`, ts }),
      );
      if (res.status !== 200) throw new Error(`ack ${res.status}`);
      await reply;
      const at = performance.now();
      return () => at;
    });
    await new Promise((r) => setTimeout(r, 2_000)); // late duplicates would land now
    const rssEndMb = rssMb(bot.child.pid);
    const perTs = new Map<string, number>();
    for (const m of slack.messagesIn('C0GENERAL')) if (m.thread_ts) perTs.set(m.thread_ts, (perTs.get(m.thread_ts) ?? 0) + 1);
    const doubled = sent.filter((ts) => (perTs.get(ts) ?? 0) > 1).length;
    const lost = sent.filter((ts) => (perTs.get(ts) ?? 0) === 0).length;
    return {
      name: 'Slack (HTTP mode)',
      ...run,
      lost,
      doubled,
      errors: bot.lines.filter((l) => l.level >= 50).map((l) => l.msg),
      rssStartMb,
      rssEndMb,
    };
  } finally {
    clearInterval(slow);
    await bot.dispose();
    await slack.stop();
  }
}

async function soakDiscord(dir: string): Promise<Result> {
  let n = 0;
  const replies = /^\/channels\/\d+\/messages$/;
  // One channel per worker: discord.js queues posts per channel, as Discord's rate limits are per channel.
  const channels = Array.from({ length: CONCURRENCY }, (_, i) => ({ id: String(710_000_000_000_000_000n + BigInt(i)), name: `soak-${i}` }));
  const discord = new FakeDiscord({
    guilds: [{ id: '800000000000000001', name: 'Soak', channels }],
    restDelayMs: (method, p) => (method === 'POST' && replies.test(p) && ++n % SLOW_EVERY === 0 ? SLOW_MS : 0),
  });
  await discord.start();
  let posts = 0;
  const bot = new BotProcess(
    { DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DATA_DIR: path.join(dir, 'discord'), LOG_LEVEL: 'info' },
    dir,
  );
  try {
    await bot.waitForLog((l) => /discord connected|termbot is running/.test(l.msg), 30_000).catch(() => undefined);
    for (let i = 0; i < 200 && !discord.identifyCount; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1_000));
    const rssStartMb = rssMb(bot.child.pid);
    const sent: string[] = [];
    const run = await drive('discord', bot, async (id) => {
      // Faults by position in the stream of replies.
      posts++;
      if (posts % FAIL_500_EVERY === 0)
        discord.failNext('POST', replies, { status: 500, body: { message: 'Internal Server Error', code: 0 } });
      if (posts % RATE_LIMIT_EVERY === 0) discord.rateLimitNext('POST', replies, 0.3);
      const author = { id: String(610_000_000_000_000_000n + BigInt(id)), username: `user${id}` };
      const content = `<@${discord.bot.id}> ${QUERIES[id % QUERIES.length]}`;
      const msg = discord.sendMessage({ author, content, mentions: [discord.bot], channelId: channels[id % channels.length]!.id });
      sent.push(String(msg.id));
      await discord.waitForCall(
        (c: RestCall) => c.method === 'POST' && c.status < 300 && repliedTo(c) === msg.id,
        REPLY_TIMEOUT_MS,
        `reply to ${String(msg.id)}`,
      );
      const at = performance.now();
      return () => at;
    });
    await new Promise((r) => setTimeout(r, 2_000));
    const rssEndMb = rssMb(bot.child.pid);
    const perId = new Map<string, number>();
    for (const c of discord.calls) {
      const ref = c.method === 'POST' && c.status < 300 ? (repliedTo(c) as string | undefined) : undefined;
      if (ref) perId.set(ref, (perId.get(ref) ?? 0) + 1);
    }
    const doubled = sent.filter((id) => (perId.get(id) ?? 0) > 1).length;
    const lost = sent.filter((id) => (perId.get(id) ?? 0) === 0).length;
    return {
      name: 'Discord',
      ...run,
      lost,
      doubled,
      errors: bot.lines.filter((l) => l.level >= 50).map((l) => l.msg),
      rssStartMb,
      rssEndMb,
    };
  } finally {
    await bot.dispose();
    await discord.stop();
  }
}

async function main(): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'termbot-soak-'));
  process.stderr.write(
    `soak: ${SECONDS} s at concurrency ${CONCURRENCY} per bot; faults: 500 every ${FAIL_500_EVERY}th reply, 429 every ${RATE_LIMIT_EVERY}th (Discord), ${SLOW_MS} ms slow answers\n`,
  );
  try {
    const results = await Promise.all([soakSlack(dir), soakDiscord(dir)]);
    let ok = true;
    console.log('| bot | requests | req/s | p50 ms | p99 ms | lost | doubled | error logs | RSS start -> end MB |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const r of results) {
      const sorted = [...r.latencies].sort((a, b) => a - b);
      console.log(
        `| ${r.name} | ${r.requests} | ${(r.requests / SECONDS).toFixed(0)} | ${pct(sorted, 50).toFixed(0)} | ${pct(sorted, 99).toFixed(0)} | ${r.lost} | ${r.doubled} | ${r.errors.length} | ${r.rssStartMb} -> ${r.rssEndMb} |`,
      );
      if (r.lost || r.doubled || r.errors.length || r.requests === 0) ok = false;
      for (const e of [...new Set(r.errors)].slice(0, 5)) console.log(`  error log (${r.name}): ${e}`);
    }
    console.log(ok ? 'soak: passed' : 'soak: FAILED (lost or doubled replies, or error logs)');
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
