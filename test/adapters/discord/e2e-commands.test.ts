import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_COMMAND } from '../../../src/adapters/discord/events.js';
import { SOMETHING_WENT_WRONG, TOTD_DISABLED } from '../../../src/core/chat/index.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { alice, realTermbot, startHarness, type Harness } from './harness.js';

const EPHEMERAL = 64;
let h: Harness;

/** The real core, except that asking about "boom" throws, to exercise the error path. */
async function explodingBot(): Promise<Termbot> {
  const bot = await realTermbot();
  return {
    ...bot,
    explain(q, d) {
      if (String(q).includes('boom')) throw new Error('kaboom');
      return bot.explain(q, d);
    },
  };
}

beforeAll(async () => {
  h = await startHarness({ ctx: { bot: await explodingBot() } });
});
afterAll(async () => {
  await h?.stop();
});

const customIds = (body: { data: { components?: { components: { custom_id: string }[] }[] } }): string[] =>
  (body.data.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));

describe('Discord e2e: login', () => {
  it('gets the gateway from GET /gateway/bot, identifies with the intents and caches the guild', () => {
    expect(h.fake.callsTo('GET', '/gateway/bot')).toHaveLength(1);
    expect(h.fake.identifyCount).toBe(1);
    const identify = h.fake.gatewayLog.find((p) => p.op === 2)?.d as { intents: number };
    // Guilds (1) | GuildMessages (512) | DirectMessages (4096) | MessageContent (32768)
    expect(identify.intents).toBe(1 | 512 | 4096 | 32768);
    expect(h.bot.client.user?.id).toBe(h.fake.bot.id);
    expect(h.bot.client.guilds.cache.get(h.fake.guild.id)?.channels.cache.has(h.fake.channelId)).toBe(true);
  });
});

describe('Discord e2e: /explain', () => {
  it('answers with an ephemeral embed, More detail, Share and related-term buttons', async () => {
    const i = h.fake.slashCommand('explain', { term: 'load balancer' }, alice);
    const call = await h.fake.waitForCallback(i);
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags).toBe(EPHEMERAL);
    expect(call.body.data.allowed_mentions).toMatchObject({ parse: [] });
    const embed = call.body.data.embeds[0];
    expect(embed.title).toMatch(/load balancer/i);
    expect(embed.description.length).toBeGreaterThan(20);
    const ids = customIds(call.body);
    expect(ids).toContain('tb1:t:load-balancer:f');
    expect(ids).toContain('tb1:sh:load-balancer:s');
    expect(ids.filter((id) => id.startsWith('tb1:t:') && !id.includes('load-balancer:')).length).toBeGreaterThan(0);
  });

  it('posts publicly with public:true, without a Share button', async () => {
    const i = h.fake.slashCommand('explain', { term: 'cdn', public: true }, alice);
    const call = await h.fake.waitForCallback(i);
    expect(call.body.data.flags ?? 0).toBe(0);
    expect(call.body.data.embeds[0].title).toMatch(/content delivery network|cdn/i);
    expect(customIds(call.body).some((id) => id.startsWith('tb1:sh:'))).toBe(false);
  });

  it('shows a help with the categories when no term is given', async () => {
    const i = h.fake.slashCommand('explain', {}, alice);
    const call = await h.fake.waitForCallback(i);
    const embed = call.body.data.embeds[0];
    expect(embed.title).toMatch(/termbot/i);
    expect(embed.fields.map((f: { name: string }) => f.name).join(' ')).toMatch(/Networking/);
  });

  it('renders comparisons side by side as inline fields', async () => {
    const i = h.fake.slashCommand('explain', { term: 'tcp vs udp' }, alice);
    const call = await h.fake.waitForCallback(i);
    const embed = call.body.data.embeds[0];
    expect(embed.title).toMatch(/TCP.*UDP/i);
    const inline = embed.fields.filter((f: { inline?: boolean }) => f.inline);
    expect(inline.map((f: { name: string }) => f.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/TCP/), expect.stringMatching(/UDP/)]),
    );
  });

  it('answers an unknown term with a friendly no-match and echoes the question escaped, without pings', async () => {
    const i = h.fake.slashCommand('explain', { term: 'zzqqxx **bold** @everyone <@600000000000000002>' }, alice);
    const call = await h.fake.waitForCallback(i);
    const embed = call.body.data.embeds[0];
    expect(embed.title).toMatch(/not in my glossary/i);
    expect(embed.description).toContain('zzqqxx');
    expect(embed.description).toContain('\\*\\*bold\\*\\*');
    expect(embed.description).not.toMatch(/(^|[^\u200B])@everyone/);
    expect(embed.description).not.toContain('<@600000000000000002>');
    expect(call.body.data.allowed_mentions).toMatchObject({ parse: [] });
  });

  it('offers Did you mean buttons for an ambiguous word', async () => {
    const call = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'proxy' }, alice));
    const buttons = (call.body.data.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components);
    const dym = buttons.filter((b) => b.label.startsWith('Did you mean'));
    expect(dym.length).toBeGreaterThan(0);
    expect(dym.every((b) => b.custom_id.startsWith('tb1:t:'))).toBe(true);
  });

  it('offers Did you mean buttons when the word is unknown but close to known ones', async () => {
    const bot = await realTermbot();
    // The matcher corrects plain typos itself; these get a "none" answer with suggestions.
    const term = ['proxi', 'kubernets', 'loadbalancr', 'microservic', 'contaner'].find((q) => {
      const a = bot.ask(q).answer;
      return a.kind === 'none' && a.suggestions.length > 0;
    });
    if (!term) throw new Error('no candidate query gets suggestions from the core any more; pick another');
    const expected = bot.ask(term).answer;
    if (expected.kind !== 'none') throw new Error('unreachable');
    const call = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term }, alice));
    expect(call.body.data.embeds[0].title).toMatch(/not in my glossary/i);
    const buttons = (call.body.data.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components);
    expect(buttons.map((b) => b.custom_id)).toEqual(expected.suggestions.slice(0, 5).map((s) => `tb1:t:${s.slug}:s`));
    expect(buttons.every((b) => b.label.startsWith('Did you mean'))).toBe(true);
  });

  it('handles 10k characters, emoji and zero-width characters without an error', async () => {
    for (const term of ['x'.repeat(10_000), 'load balancer '.repeat(700), '🚀🔥 \u200B\u200B', '\u200B']) {
      const i = h.fake.slashCommand('explain', { term }, alice);
      const call = await h.fake.waitForCallback(i);
      expect(call.body.type).toBe(4);
      // The fake answers 400 (50035) to anything over Discord's content, embed or component limits.
      expect(call.status).toBe(204);
      expect(JSON.stringify(call.body)).not.toContain(SOMETHING_WENT_WRONG);
    }
  });

  it('answers a failing handler with an ephemeral "something went wrong" and logs it with context', async () => {
    const i = h.fake.slashCommand('explain', { term: 'boom' }, alice);
    const call = await h.fake.waitForCallback(i);
    expect(call.body.data).toMatchObject({ content: SOMETHING_WENT_WRONG, flags: EPHEMERAL });
    const line = h.logs.find((l) => l.msg === 'chat handler failed' && l.interactionId === i.id);
    expect(line).toMatchObject({ command: 'explain', userId: alice.id, channelId: h.fake.channelId, guildId: h.fake.guild.id });
    expect((line?.err as { message: string }).message).toBe('kaboom');
  });
});

describe('Discord e2e: autocomplete', () => {
  it('answers with a type 8 callback of ranked choices', async () => {
    const i = h.fake.autocomplete('explain', { term: 'load bal' }, 'term', alice);
    const call = await h.fake.waitForCallback(i);
    expect(call.body.type).toBe(8);
    const choices = call.body.data.choices as { name: string; value: string }[];
    expect(choices[0]).toMatchObject({ value: 'load-balancer' });
    expect(choices.length).toBeLessThanOrEqual(25);
  });

  it('never errors on odd input and respects the limits', async () => {
    for (const typed of ['', '🚀', 'x'.repeat(5000), '@everyone <@1>', '\u200B\u200D']) {
      const i = h.fake.autocomplete('explain', { term: typed }, 'term', alice);
      const call = await h.fake.waitForCallback(i);
      expect(call.body.type).toBe(8);
      const choices = call.body.data.choices as { name: string; value: string }[];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('Discord e2e: buttons', () => {
  it('a related-term button redraws the ephemeral message with that term (type 7)', async () => {
    const first = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'load balancer' }, alice));
    const message = h.fake.messageFromCallback(first);
    const related = customIds(first.body).find((id) => id.startsWith('tb1:t:') && !id.includes(':load-balancer:'))!;
    const slug = related.split(':')[2]!;
    const click = await h.fake.waitForCallback(h.fake.clickButton(related, message, alice));
    expect(click.body.type).toBe(7);
    expect(customIds(click.body)).toContain(`tb1:sh:${slug}:s`);
    expect(click.body.data.embeds[0].title).not.toMatch(/^load balancer$/i);
  });

  it('More detail shows the full entry and offers Less', async () => {
    const first = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'load balancer' }, alice));
    const click = await h.fake.waitForCallback(h.fake.clickButton('tb1:t:load-balancer:f', h.fake.messageFromCallback(first), alice));
    expect(click.body.type).toBe(7);
    const short = first.body.data.embeds[0].fields.length;
    expect(click.body.data.embeds[0].fields.length).toBeGreaterThan(short);
    expect(customIds(click.body)).toContain('tb1:t:load-balancer:s');
  });

  it('Share in channel posts the answer publicly, crediting the sharer without pinging', async () => {
    const first = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'load balancer' }, alice));
    const share = await h.fake.waitForCallback(h.fake.clickButton('tb1:sh:load-balancer:s', h.fake.messageFromCallback(first), alice));
    expect(share.body.type).toBe(4);
    expect(share.body.data.flags ?? 0).toBe(0);
    expect(share.body.data.content).toContain(`<@${alice.id}>`);
    expect(share.body.data.allowed_mentions).toMatchObject({ parse: [] });
    expect(share.body.data.embeds[0].title).toMatch(/load balancer/i);
  });

  it('a button on a public message answers the clicker ephemerally instead of changing the post', async () => {
    const pub = await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'load balancer', public: true }, alice));
    const click = await h.fake.waitForCallback(h.fake.clickButton('tb1:t:load-balancer:f', h.fake.messageFromCallback(pub), alice));
    expect(click.body.type).toBe(4);
    expect(click.body.data.flags).toBe(EPHEMERAL);
  });

  it('an unknown or forged button id gets a friendly note', async () => {
    const msg = h.fake.messageFromCallback(await h.fake.waitForCallback(h.fake.slashCommand('explain', { term: 'cdn' }, alice)));
    for (const id of ['tb0:t:cdn:s', 'tb1:t:../../etc:s', 'garbage']) {
      const call = await h.fake.waitForCallback(h.fake.clickButton(id, msg, alice));
      expect(call.body.data.content).toMatch(/older version/);
      expect(call.body.data.flags).toBe(EPHEMERAL);
    }
  });
});

describe('Discord e2e: /terms and the context menu', () => {
  it('/terms pages through a category with buttons', async () => {
    const first = await h.fake.waitForCallback(h.fake.slashCommand('terms', { category: 'architecture' }, alice));
    expect(first.body.data.flags).toBe(EPHEMERAL);
    expect(first.body.data.embeds[0].footer.text).toMatch(/^Page 1 of \d+/);
    const next = customIds(first.body).find((id) => id === 'tb1:pg:architecture:1')!;
    expect(next).toBeDefined();
    const page2 = await h.fake.waitForCallback(h.fake.clickButton(next, h.fake.messageFromCallback(first), alice));
    expect(page2.body.type).toBe(7);
    expect(page2.body.data.embeds[0].footer.text).toMatch(/^Page 2 of/);
    expect(page2.body.data.embeds[0].description).not.toBe(first.body.data.embeds[0].description);
  });

  it('"Explain terms" on a message lists the terms found, ephemerally, with buttons to open them', async () => {
    const target = h.fake.sendMessage({ author: alice, content: 'We put a CDN and a load balancer in front of the microservices.' });
    const call = await h.fake.waitForCallback(h.fake.messageCommand('Explain terms', target, alice));
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags).toBe(EPHEMERAL);
    const names = call.body.data.embeds[0].fields.map((f: { name: string }) => f.name).join(' | ');
    expect(names).toMatch(/load balancer/i);
    expect(names).toMatch(/microservice/i);
    expect(customIds(call.body)).toContain('tb1:o:load-balancer:s');
  });

  it('"Explain terms" on a message without known terms says so', async () => {
    const target = h.fake.sendMessage({ author: alice, content: 'lunch at noon?' });
    const call = await h.fake.waitForCallback(h.fake.messageCommand('Explain terms', target, alice));
    expect(call.body.data.embeds[0].title).toMatch(/no terms/i);
  });
});

describe('Discord e2e: /explain-daily without the term of the day', () => {
  it('says it is not enabled', async () => {
    const call = await h.fake.waitForCallback(h.fake.subcommand('explain-daily', 'status', {}, alice));
    expect(call.body.data).toMatchObject({ content: TOTD_DISABLED, flags: EPHEMERAL });
  });
});

describe('Discord e2e: stale commands', () => {
  it('answers a command it no longer has instead of letting it time out', async () => {
    const call = await h.fake.waitForCallback(h.fake.slashCommand('define', { word: 'cdn' }, alice));
    expect(call.body.data).toMatchObject({ content: UNKNOWN_COMMAND, flags: EPHEMERAL });
  });
});

describe('Discord e2e: the fake enforces the message limits', () => {
  it('rejects an over-long embed with 50035 like Discord, so the e2e tests would catch one', async () => {
    const body = {
      embeds: [
        {
          title: 't',
          description: 'd'.repeat(4000),
          fields: Array.from({ length: 3 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(1000) })),
        },
      ],
    };
    await expect(h.bot.rest.post(`/channels/${h.fake.channelId}/messages`, { body })).rejects.toMatchObject({ code: 50035, status: 400 });
  });

  it('every reply, update, follow-up and edit in this file was accepted', () => {
    const messages = h.fake.calls.filter(
      (c) => (/\/callback$/.test(c.path) && (c.body?.type === 4 || c.body?.type === 7)) || /^\/webhooks\//.test(c.path),
    );
    expect(messages.length).toBeGreaterThan(20);
    expect(messages.filter((c) => c.status === 400).map((c) => c.path)).toEqual([]);
  });
});

describe('Discord e2e: no pings, whatever was sent', () => {
  it('every message body sent in this file (replies, updates, follow-ups, edits) sets allowed_mentions to parse nothing', () => {
    const bodies = h.fake.calls.flatMap((c) => {
      if (c.status >= 400) return []; // rejected, so never shown to anyone
      if (c.method === 'POST' && /\/callback$/.test(c.path)) return c.body?.type === 4 || c.body?.type === 7 ? [c.body.data] : [];
      if (/^\/webhooks\//.test(c.path) && (c.method === 'POST' || c.method === 'PATCH')) return [c.body];
      if (c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path)) return [c.body];
      return [];
    });
    // Updates (type 7) and plain replies (type 4) are both in there.
    expect(h.fake.calls.some((c) => c.body?.type === 7)).toBe(true);
    expect(bodies.length).toBeGreaterThan(20);
    for (const b of bodies) expect(b?.allowed_mentions?.parse, JSON.stringify(b).slice(0, 200)).toEqual([]);
  });
});
