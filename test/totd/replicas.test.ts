import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot } from '../../src/core/termbot.js';
import { DefaultTotdService } from '../../src/core/totd/service.js';
import { PgTotdStore } from '../../src/store/pg/pg-totd-store.js';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { FakeSlack } from '../support/fakes/slack/fake-slack.js';
import { freshDatabase, sql } from '../support/postgres/databases.js';
import { FakeClock } from '../core/totd/helpers/fakes.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess } from '../app/bot-process.js';

/**
 * Exactly once across replicas: three real bot processes (src/app/main.ts) share one PostgreSQL, the
 * fake Discord and the fake Slack, with 24 channels due. The replica holding posts in flight (its
 * Slack sends accepted by Slack but not yet answered, its Discord sends delayed) is killed with
 * SIGKILL mid-pass and started again. Every channel gets exactly one card for the day, none missed.
 */
const tmp = tempDir('termbot-replicas-');
const GUILD = '800000000000000001';
const DISCORD_CHANNELS = Array.from({ length: 12 }, (_, i) => String(700000000000000100n + BigInt(i)));
const SLACK_CHANNELS = Array.from({ length: 12 }, (_, i) => `C0REPL${String(i).padStart(3, '0')}`);
const bots: BotProcess[] = [];
let discord: FakeDiscord | null = null;
let slack: FakeSlack | null = null;
afterAll(async () => {
  await Promise.all(bots.map((b) => b.dispose()));
  await discord?.stop();
  await slack?.stop();
  tmp.cleanup();
});

/** A zone where it is not near midnight now, and the local time a minute ago, so every channel is due today. */
function dueZone(now: Date): { timeZone: string; time: string; date: string } {
  for (const timeZone of ['UTC', 'Asia/Tokyo', 'America/New_York']) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(new Date(now.getTime() - 60_000))
        .map((p) => [p.type, p.value]),
    );
    const hour = Number(parts.hour);
    if (hour >= 1 && hour <= 22)
      return { timeZone, time: `${parts.hour}:${parts.minute}`, date: `${parts.year}-${parts.month}-${parts.day}` };
  }
  throw new Error('unreachable: one of three zones is always away from midnight');
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) {
      const logs = bots.map(
        (b, i) =>
          `bot ${i} (pid ${b.child.pid}): ${b.lines
            .slice(-4)
            .map((l) => l.msg)
            .join(' | ')} ${b.plain.slice(-2).join(' | ')}`,
      );
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('three replicas on one PostgreSQL', () => {
  it(
    'kill -9 of the replica posting mid-pass, then a restart: every channel exactly one post for the day, none missed',
    { timeout: 330_000 },
    async () => {
      const url = await freshDatabase('replicas');
      discord = new FakeDiscord({
        guilds: [{ id: GUILD, name: 'Test', channels: DISCORD_CHANNELS.map((id, i) => ({ id, name: `c${i}` })) }],
        // Discord takes a while to answer a new message (it is stored at once): posts are in flight when the kill comes.
        restDelayMs: (method, p) => (method === 'POST' && /^\/channels\/\d+\/messages$/.test(p) ? 1_500 : 0),
      });
      await discord.start();
      slack = new FakeSlack();
      await slack.start();

      // Subscribed yesterday from chat, daily, at a time that has just passed: all 24 are due at once.
      const now = new Date();
      const { timeZone, time, date } = dueZone(now);
      const store = await PgTotdStore.open(url);
      const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
      const service = new DefaultTotdService({
        store,
        bot,
        defaultTimeZone: 'UTC',
        clock: new FakeClock(new Date(now.getTime() - 86_400_000)),
      });
      const daily = { time, timeZone, weekdays: [0, 1, 2, 3, 4, 5, 6] };
      for (const id of DISCORD_CHANNELS) await service.subscribe('discord', id, daily, 'alice');
      for (const id of SLACK_CHANNELS) await service.subscribe('slack', id, daily, 'alice');
      await store.close();

      // Slack accepts (stores) every card but answers none until released.
      const releaseSlack = slack.hold('chat.postMessage');
      const env = {
        DISCORD_TOKEN: discord.token,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: slack.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: url,
        TOTD_LEASE_SECONDS: '6',
        DATA_DIR: path.join(tmp.dir, 'unused'),
      };
      const start = (): BotProcess => {
        const b = new BotProcess(env, tmp.dir);
        bots.push(b);
        return b;
      };
      const replicas = [start(), start(), start()];

      // Mid-pass: claims are held and Slack has stored some of their cards without answering.
      const claimed = await until(
        'claims in flight and cards stored but unanswered',
        async () => {
          const rows = await sql<{ owner: string; n: string }>(
            url,
            `SELECT owner, COUNT(*) AS n FROM slots WHERE status = 'claimed' GROUP BY owner ORDER BY 2 DESC`,
          );
          return rows.length > 0 && slack!.callsTo('chat.postMessage').length > 0 && rows;
        },
        150_000,
      );
      const victimOwner = claimed[0]!.owner;
      const victim = replicas.find((b) => victimOwner.split(':')[1] === String(b.child.pid));
      expect(victim, `owner ${victimOwner} is one of the three`).toBeDefined();
      victim!.kill('SIGKILL');
      expect((await victim!.exited).signal).toBe('SIGKILL');
      // What the victim held when it died (frozen now): finished by another process, never sent twice.
      const orphaned = (
        await sql<{ slot_key: string }>(url, `SELECT slot_key FROM slots WHERE status = 'claimed' AND owner = $1`, [victimOwner])
      ).map((r) => r.slot_key);
      expect(orphaned.length).toBeGreaterThan(0);
      releaseSlack();
      const restarted = start();

      // Every slot of the day ends posted (bounded: the lease is 6 s; the restart takes the dead pid's claims at once).
      const keys = [...DISCORD_CHANNELS.map((c) => `discord:${c}:${date}`), ...SLACK_CHANNELS.map((c) => `slack:${c}:${date}`)];
      const rows = await until(
        'every slot posted',
        async () => {
          const r = await sql<{ slot_key: string; status: string; message_id: string; owner: string }>(
            url,
            'SELECT slot_key, status, message_id, owner FROM slots ORDER BY slot_key',
          );
          return r.length === keys.length && r.every((x) => x.status === 'posted') && r;
        },
        150_000,
      );
      expect(rows.map((r) => r.slot_key).sort()).toEqual([...keys].sort());

      // Exactly one card per channel, and it is the one the database recorded.
      for (const id of DISCORD_CHANNELS) {
        const msgs = (discord.messages.get(id) ?? []) as { id: string; embeds: { footer?: { text: string } }[] }[];
        expect(msgs, id).toHaveLength(1);
        expect(msgs[0]!.embeds[0]!.footer!.text).toContain(`discord:${id}:${date}`);
        expect(rows.find((r) => r.slot_key === `discord:${id}:${date}`)!.message_id).toBe(msgs[0]!.id);
      }
      for (const id of SLACK_CHANNELS) {
        const cards = slack.messagesIn(id).filter((m) => m.metadata?.event_type === 'termbot_totd');
        expect(cards, id).toHaveLength(1);
        expect(rows.find((r) => r.slot_key === `slack:${id}:${date}`)!.message_id).toBe(cards[0]!.ts);
      }
      // The victim's claims were finished by the others or by its restart, never by a second send.
      for (const key of orphaned) expect(rows.find((r) => r.slot_key === key)!.owner, key).not.toBe(victimOwner);
      const survivors = [...replicas.filter((b) => b !== victim), restarted];
      expect(survivors.some((b) => b.lines.some((l) => /interrupted post/.test(l.msg)))).toBe(true);
      for (const b of survivors)
        expect(
          b.lines.filter((l) => l.level >= 50),
          'no error logs',
        ).toEqual([]);
    },
  );
});
