import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerActions, encodeAction, SOMETHING_WENT_WRONG, STALE_BUTTON, VOTE_REPLIES } from '../../src/core/chat/index.js';
import { createInsights, type Insights } from '../../src/core/insights/service.js';
import { SqliteInsightsStore } from '../../src/store/sqlite-insights-store.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import type { Answer, NoneAnswer } from '../../src/core/answer/types.js';
import { createTermbot, type Termbot } from '../../src/core/termbot.js';
import { FakeTotd } from '../support/fake-totd.js';
import { makeKb, makeTerm } from '../support/kb.js';
import { discordDriver } from './contract/discord-driver.js';
import type { Driver, DriverOptions, Seen } from './contract/driver.js';
import { slackDriver } from './contract/slack-driver.js';
import { loadBot } from './slack/helpers.js';

/**
 * The adapter contract (src/core/chat/contract.ts), checked the same way on both platforms:
 * each scenario runs against real discord.js and real Bolt talking to the fake servers, and
 * asserts what a person sees. Where the core decides (which buttons, which words), both
 * platforms must show exactly the core's decision.
 */

/** A tool card from a small knowledge base (the bundled knowledge may have no tools yet). */
const tools = createTermbot(
  makeKb([
    makeTerm({ slug: 'reverse-proxy', title: 'Reverse Proxy' }),
    makeTerm({ slug: 'load-balancer', title: 'Load Balancer' }),
    makeTerm({
      slug: 'nginx',
      title: 'nginx',
      kind: 'tool',
      analogy: '',
      isA: ['reverse-proxy', 'load-balancer'],
      alternatives: ['haproxy'],
      related: [],
    }),
    makeTerm({ slug: 'haproxy', title: 'HAProxy', kind: 'tool', analogy: '', isA: ['load-balancer'], alternatives: ['nginx'] }),
  ]),
);

/** The real core, except for three test doubles: a failure, a closest match and a tool card. */
function contractBot(real: Termbot): Termbot {
  return {
    ...real,
    explain(q, d) {
      if (q === 'boom') throw new Error('kaboom');
      if (q === 'nginx') return tools.explain(q, d);
      if (q === 'cache warming') {
        const closest = real.ref('cache')!;
        const none: NoneAnswer = {
          kind: 'none',
          query: q,
          reason: 'no-match',
          message: "I don't have that term yet.",
          suggestions: [closest],
          closest,
        };
        return none;
      }
      return real.explain(q, d);
    },
  };
}

const refsOf = (s: Seen): string[] => s.buttons.map((b) => b.ref);
/** The core's button policy for an answer, encoded: what every platform must show (where, is each platform's layout). */
const policy = (a: Answer, shareable: boolean): string[] =>
  answerActions(a, { shareable })
    .flatMap((g) => g.buttons.map((b) => encodeAction(b.ref)!))
    .sort();
const sorted = (s: Seen): string[] => refsOf(s).sort();

const platforms: [string, (o: DriverOptions) => Promise<Driver>][] = [
  ['discord', discordDriver],
  ['slack', slackDriver],
];

describe.each(platforms)('adapter contract: %s', (_name, start) => {
  let d: Driver;
  let real: Termbot;
  let now = 1_000_000;
  const totd = new FakeTotd();
  // Insights are switched on for the vote scenario only: the other scenarios check the buttons without Helpful?.
  const store = SqliteInsightsStore.on(new SqliteTotdStore(':memory:').db);
  const realInsights = createInsights({ store, retentionDays: 90, logger: { warn: () => undefined, info: () => undefined } });
  let insightsOn = false;
  const insights: Insights = {
    answered: (a, c) => (insightsOn ? realInsights.answered(a, c) : Promise.resolve(null)),
    vote: (v) => realInsights.vote(v),
    purge: () => realInsights.purge(),
  };

  beforeAll(async () => {
    real = await loadBot();
    d = await start({ ctx: { bot: contractBot(real), totd, insights }, now: () => now, cooldownMs: 5_000 });
  });
  afterAll(async () => {
    await d?.stop();
  });

  it("an answer: private, the card, and exactly the core's buttons (More detail, Share, related...)", async () => {
    const s = await d.ask('load balancer');
    expect(s.visibility).toBe('private');
    expect(s.text).toMatch(/Load Balancer/);
    expect(sorted(s)).toEqual(policy(real.explain('load balancer'), true));
    expect(refsOf(s)).toEqual(expect.arrayContaining(['tb1:t:load-balancer:f', 'tb1:sh:load-balancer:s']));
  });

  it('a typo: "not in my glossary" with the core\'s did-you-mean buttons', async () => {
    const query = ['proxi', 'kubernets', 'loadbalancr', 'microservic', 'contaner'].find((q) => {
      const a = real.explain(q);
      return a.kind === 'none' && a.suggestions.length > 0;
    });
    if (!query) throw new Error('no candidate query gets suggestions from the core any more; pick another');
    const s = await d.ask(query);
    expect(s.text).toMatch(/Did you mean/);
    expect(sorted(s)).toEqual(policy(real.explain(query), true));
    expect(s.buttons.length).toBeGreaterThan(0);
  });

  it('a related button redraws the private answer in place with that term', async () => {
    const first = await d.ask('load balancer');
    const related = refsOf(first).find((r) => r.startsWith('tb1:t:') && !r.includes(':load-balancer:'))!;
    const slug = related.split(':')[2]!;
    const s = await d.click(first, related);
    expect(s.how).toBe('update');
    expect(s.text).toMatch(new RegExp(real.title(slug).replace(/[()]/g, '.')));
    expect(refsOf(s)).toContain(`tb1:sh:${slug}:s`);
  });

  it('share posts the answer publicly, crediting the sharer, without a Share button', async () => {
    const first = await d.ask('load balancer');
    const s = await d.click(first, 'tb1:sh:load-balancer:s', 'dave');
    expect(s.visibility).toBe('public');
    expect(s.text).toMatch(/Load Balancer/);
    expect(s.text).toMatch(/Shared by <@/);
    expect(refsOf(s).some((r) => r.startsWith('tb1:sh:'))).toBe(false);
  });

  it('cooldown: one public answer per window, one notice, then silence until the window passes', async () => {
    const first = await d.mention('what is a CDN?', 'frank');
    expect(first?.visibility).toBe('public');
    expect(first?.text).toMatch(/CDN|Content Delivery/);
    now += 1_000;
    const second = await d.mention('dns', 'frank');
    expect(second?.text).toMatch(/try again in 4 seconds/);
    expect(second?.buttons).toEqual([]);
    expect(await d.mention('tcp', 'frank')).toBeNull();
    now += 5_000;
    expect((await d.mention('tcp', 'frank'))?.text).toMatch(/TCP/);
  });

  it('a stale or forged button gets the one neutral note, privately', async () => {
    const first = await d.ask('cdn');
    for (const ref of ['tb0:t:cdn:s', 'short|s:cdn', 'tb1:t:../x:s']) {
      const s = await d.click(first, ref);
      expect(s.text).toContain(STALE_BUTTON.slice(0, 40));
      expect(s.visibility).toBe('private');
    }
  });

  it('daily subscribe and unsubscribe act through the service with the same settings, and say so', async () => {
    const sub = await d.daily('subscribe', { time: '09:30', timeZone: 'Europe/Berlin', category: 'security' });
    const call = totd.callsTo('subscribe').at(-1)!;
    expect(call.args.slice(0, 1)).toEqual([d.name]);
    expect(call.args[2]).toEqual({ time: '09:30', timeZone: 'Europe/Berlin', category: 'security' });
    expect(sub.map((m) => m.text).join('\n')).toMatch(/mon-fri at 09:30 \(Europe\/Berlin\), Security and identity terms only/);
    const un = await d.daily('unsubscribe');
    expect(totd.callsTo('unsubscribe')).toHaveLength(1);
    expect(un.map((m) => m.text).join('\n')).toMatch(/No more terms of the day|turned off the term of the day/);
  });

  it('an internal error: a private apology, logged with context', async () => {
    const s = await d.ask('boom', 'carol');
    expect(s.visibility).toBe('private');
    expect(s.text).toContain(SOMETHING_WENT_WRONG.slice(0, 30));
    const line = d.logs.find((l) => l.msg === 'chat handler failed' && (l.err as { message?: string } | undefined)?.message === 'kaboom');
    expect(line).toMatchObject({ level: 50, handler: 'explain' });
  });

  it('a closest match: "I don\'t have X; closest: Y" with the closest as a button', async () => {
    const s = await d.ask('cache warming');
    expect(s.text).toMatch(/I don't have \*cache warming\*; closest: \*{1,2}Cache\*{1,2}/);
    expect(refsOf(s)[0]).toBe('tb1:t:cache:s');
  });

  it('a tool card: its "an example of" concepts first, then its alternatives', async () => {
    const s = await d.ask('nginx');
    expect(s.text).toMatch(/nginx/);
    const refs = refsOf(s).filter((r) => r.startsWith('tb1:t:') && !r.includes(':nginx:'));
    expect(refs).toEqual(['tb1:t:reverse-proxy:s', 'tb1:t:load-balancer:s', 'tb1:t:haproxy:s']);
    expect(sorted(s)).toEqual(policy(tools.explain('nginx'), true));
  });

  it("Helpful? 👍/👎: the core's buttons on an answer, one vote per person per answer, misses recorded", async () => {
    insightsOn = true;
    try {
      const s = await d.ask('load balancer', 'erin');
      const up = refsOf(s).find((r) => /^tb1:v:[a-z0-9]+:u$/.test(r));
      expect(up, 'a 👍 button').toBeDefined();
      const id = up!.split(':')[2]!;
      expect(refsOf(s)).toContain(`tb1:v:${id}:d`);
      expect(s.buttons.find((b) => b.ref === up)?.label).toMatch(/👍/);
      expect(sorted(s)).toEqual(
        answerActions(real.explain('load balancer'), { shareable: true, vote: id })
          .flatMap((g) => g.buttons.map((b) => encodeAction(b.ref)!))
          .sort(),
      );

      const first = await d.click(s, up!, 'erin');
      expect(first.visibility).toBe('private');
      expect(first.text).toContain(VOTE_REPLIES.counted.slice(0, 30));
      expect((await d.click(s, up!, 'erin')).text).toContain(VOTE_REPLIES.unchanged.slice(0, 30));
      expect((await d.click(s, `tb1:v:${id}:d`, 'erin')).text).toContain(VOTE_REPLIES.changed.slice(0, 30));
      expect((await d.click(s, up!, 'gus')).text).toContain(VOTE_REPLIES.counted.slice(0, 30));
      expect(await store.votes(new Date(0))).toContainEqual({ subject: 'load-balancer', platform: d.name, helpful: 1, unhelpful: 1 });
      // A forged or expired answer id: a kind sentence, nothing counted.
      expect((await d.click(s, 'tb1:v:zzzzzzzzzzzz:u', 'erin')).text).toContain(VOTE_REPLIES['unknown-answer'].slice(0, 30));

      // A question with no answer is recorded as normalised text and platform only.
      await d.ask('what is zorblax pipeline? mail me at erin@example.com', 'erin');
      const misses = await store.questions(new Date(0));
      expect(misses).toContainEqual(
        expect.objectContaining({ text: 'zorblax pipeline mail at', platform: d.name, outcome: 'miss', count: 1 }),
      );
      expect(JSON.stringify(misses)).not.toMatch(/erin|example\.com/);
    } finally {
      insightsOn = false;
    }
  });
});
