import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { AppContext } from '../../../src/adapters/types.js';
import type { Termbot } from '../../../src/core/termbot.js';
import { FakeSlack, type Json } from '../../support/fakes/slack/fake-slack.js';
import { FakeTotd } from '../../support/fake-totd.js';
import {
  appHomeOpened,
  appMention,
  blockAction,
  messageShortcut,
  optionsRequest,
  slashCommand,
  viewSubmission,
} from '../../support/fakes/slack/payloads.js';
import { FORBIDDEN_PINGS, blockKitViolations } from './block-kit-limits.js';
import { httpOptions, loadBot, memoryLogger, settle, testContext, type LogLine } from './helpers.js';

/**
 * The real Bolt App in HTTP mode against the fake Slack: every request correctly
 * signed, every Web API call and response_url post recorded.
 */
const fake = new FakeSlack();
const logs = memoryLogger();
let now = Date.parse('2026-11-30T10:00:00Z');
let adapter: SlackAdapter;
let url: string;
let ctx: AppContext;
let realBot: Termbot;
const totd = new FakeTotd();

const buttonsOf = (blocks: Json[]): Json[] => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements);
const textOf = (x: unknown): string => JSON.stringify(x);

beforeAll(async () => {
  await fake.start();
  realBot = await loadBot();
  // A bot that fails on one query, to exercise the failure path of a real handler.
  const bot: Termbot = {
    ...realBot,
    explain: (q, d) => {
      if (q === 'explode please') throw new Error('kaboom');
      return realBot.explain(q, d);
    },
  };
  ctx = testContext(bot, logs.logger, { totd });
  adapter = createSlackApp(ctx, {
    ...httpOptions(fake),
    clock: () => now,
    mentionCooldownMs: 10_000,
  });
  const { port } = await adapter.start();
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await adapter?.stop();
  await fake.stop();
});

describe('HTTP mode: startup and health', () => {
  it("answers Slack's URL verification challenge (setting the request URL)", async () => {
    const res = await fake.send(url, { kind: 'events_api', payload: { token: 't', challenge: 'chal-123', type: 'url_verification' } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('chal-123');
  });

  it('checked the token with auth.test and serves GET /healthz', async () => {
    // Exactly once: Bolt gets the identity from us and never calls auth.test on its own.
    expect(fake.callsTo('auth.test')).toHaveLength(1);
    expect(fake.callsTo('auth.test')[0]?.token).toBe('xoxb-test');
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, mode: 'http' });
  });
});

describe('HTTP mode: /explain', () => {
  it('answers ephemerally through response_url with a Block Kit card and its buttons', async () => {
    const responseUrl = fake.newResponseUrl();
    const res = await fake.send(url, slashCommand({ text: 'load balancer', responseUrl }));
    expect(res.status).toBe(200);
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.response_type).toBe('ephemeral');
    expect(post.body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Load Balancer' } });
    expect(blockKitViolations(post.body.blocks)).toEqual([]);
    const ids = buttonsOf(post.body.blocks).map((b) => b.action_id);
    expect(ids).toContain('tb1:depth');
    expect(ids).toContain('tb1:share');
    expect(ids.some((id: string) => id.startsWith('tb1:term:'))).toBe(true);
  });

  it('acks at once and does the work after: the HTTP response arrives while the answer is still in flight', async () => {
    const release = fake.hold('response_url');
    try {
      const responseUrl = fake.newResponseUrl();
      const res = await fake.send(url, slashCommand({ text: 'dns', responseUrl }));
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
      // The answer was sent (recorded) but Slack has not confirmed it yet, and the ack already came back.
      await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    } finally {
      release();
    }
  });

  it('renders a comparison side by side', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: "what's the difference between authn and authz?", responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.blocks[0].text.text).toBe('Authentication vs Authorization');
    expect(post.body.blocks.some((b: Json) => b.type === 'section' && b.fields?.length === 2)).toBe(true);
  });

  it('/explain help shows usage and the categories', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: 'help', responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    const json = textOf(post.body.blocks);
    expect(json).toContain('/explain-daily');
    for (const c of realBot.overview()) expect(json).toContain(c.label);
  });

  it('/explain with no text opens the type-ahead modal', async () => {
    const from = fake.calls.length;
    await fake.send(url, slashCommand({ text: '', responseUrl: fake.newResponseUrl(), triggerId: 'trig-123' }));
    const call = await fake.waitForCall('views.open', () => true, 5000, from);
    expect(call.args.trigger_id).toBe('trig-123');
    expect(call.args.view.callback_id).toBe('tb1:search');
    expect(call.args.view.blocks[0].element).toMatchObject({ type: 'external_select', action_id: 'tb1:search-select' });
    expect(JSON.parse(call.args.view.private_metadata)).toEqual({ channel: 'C0GENERAL' });
  });

  it('unknown words get Did you mean buttons', async () => {
    // A word the core does not know but has suggestions for (the matcher corrects plain typos itself).
    const query = ['proxi', 'kubernets', 'loadbalancr', 'microservic', 'contaner'].find((q) => {
      const a = realBot.ask(q).answer;
      return a.kind === 'none' && a.suggestions.length > 0;
    });
    if (!query) throw new Error('no candidate query gets suggestions from the core any more; pick another');
    const expected = realBot.ask(query).answer;
    if (expected.kind !== 'none') throw new Error('unreachable');
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: query, responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(textOf(post.body)).toContain('Did you mean');
    const buttons = buttonsOf(post.body.blocks);
    expect(buttons[0].action_id).toBe('tb1:term:0');
    expect(buttons.map((b) => b.value)).toEqual(expected.suggestions.slice(0, 5).map((s) => `tb1:t:${s.slug}:s`));
    const nothing = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: 'zzqxv wibble', responseUrl: nothing }));
    const none = await fake.waitForResponsePost((p) => nothing.endsWith(p.id));
    expect(none.body.blocks[0].type).toBe('section');
    expect(textOf(none.body)).toMatch(/zzqxv wibble/);
  });

  it('a failing handler answers the user ephemerally and logs the error with context', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: 'explode please', responseUrl, user: 'U0CAROL' }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body).toMatchObject({ response_type: 'ephemeral' });
    expect(post.body.text).toMatch(/something went wrong/i);
    const line = await logs.waitForLog((l: LogLine) => l.msg === 'chat handler failed' && l.user === 'U0CAROL');
    expect(line).toMatchObject({ handler: 'explain', channel: 'C0GENERAL' });
  });
});

describe('HTTP mode: buttons', () => {
  it('a related-term button redraws the ephemeral answer in place', async () => {
    const responseUrl = fake.newResponseUrl();
    const res = await fake.send(url, blockAction({ actionId: 'tb1:term:3', value: 'tb1:t:reverse-proxy:s', responseUrl, ephemeral: true }));
    expect(res.status).toBe(200);
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.replace_original).toBe(true);
    expect(post.body.blocks[0].text.text).toMatch(/Reverse Proxy/);
  });

  it('More detail shows every section and offers Less', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, blockAction({ actionId: 'tb1:depth', value: 'tb1:t:load-balancer:f', responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    const json = textOf(post.body.blocks);
    for (const s of realBot.kb.terms.get('load-balancer')!.sections) expect(json).toContain(s.heading);
    expect(buttonsOf(post.body.blocks).find((b) => b.action_id === 'tb1:depth').text.text).toBe('Less');
  });

  it('a button on a public message answers the clicker privately and leaves the message alone', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, blockAction({ actionId: 'tb1:depth', value: 'tb1:t:dns:f', responseUrl, ephemeral: false }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('a stale or forged button value gets a friendly note, not a crash', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, blockAction({ actionId: 'tb1:term:0', value: '<!channel>', responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.text).toMatch(/older version/);
    // A value from before the typed references (older messages in channel history) gets the same note.
    const old = fake.newResponseUrl();
    await fake.send(url, blockAction({ actionId: 'tb1:term:0', value: 'short|s:dns', responseUrl: old }));
    expect((await fake.waitForResponsePost((p) => old.endsWith(p.id))).body.text).toMatch(/older version/);
  });

  it('Share in channel posts the answer as the bot, crediting the sharer, and removes the private copy', async () => {
    const from = fake.calls.length;
    const responseUrl = fake.newResponseUrl();
    await fake.send(
      url,
      blockAction({ actionId: 'tb1:share', value: 'tb1:sh:load-balancer:s', responseUrl, user: 'U0DAVE', channel: 'C0TEAM' }),
    );
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0TEAM', 5000, from);
    expect(call.token).toBe('xoxb-test');
    expect(call.args.blocks[0].text.text).toBe('Load Balancer');
    expect(textOf(call.args.blocks)).toContain('Shared by <@U0DAVE>');
    expect(buttonsOf(call.args.blocks).some((b) => b.action_id === 'tb1:share')).toBe(false);
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.delete_original).toBe(true);
  });

  it('Share where the bot is not a member tells the user to invite it', async () => {
    fake.failNext('chat.postMessage', 'not_in_channel');
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, blockAction({ actionId: 'tb1:share', value: 'tb1:sh:dns:s', responseUrl, channel: 'C0PRIVATE' }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.text).toMatch(/invite me/i);
    await logs.waitForLog((l) => l.msg === 'slack refused the reply' && l.handler === 'button' && l.slackError === 'not_in_channel');
  });

  it('Share when Slack rate-limits says when to try again', async () => {
    fake.rateLimitNext('chat.postMessage', 17);
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, blockAction({ actionId: 'tb1:share', value: 'tb1:sh:dns:s', responseUrl }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.text).toMatch(/17 seconds/);
  });
});

describe('HTTP mode: type-ahead', () => {
  it('the options request returns the core ranking as options', async () => {
    const res = await fake.send(url, optionsRequest({ actionId: 'tb1:search-select', value: 'load b' }));
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { options: Json[] };
    expect(body.options.map((o) => o.value)).toEqual(realBot.complete('load b', 100).map((c) => c.value));
    expect(body.options[0]).toMatchObject({ value: 'load-balancer', text: { type: 'plain_text', text: 'Load Balancer' } });
    for (const o of body.options) {
      expect(o.text.text.length).toBeLessThanOrEqual(75);
      expect(o.description.text.length).toBeLessThanOrEqual(75);
    }
    expect(body.options.length).toBeLessThanOrEqual(100);
  });

  it('an empty query offers popular terms', async () => {
    const res = await fake.send(url, optionsRequest({ actionId: 'tb1:search-select', value: '' }));
    expect((JSON.parse(res.body) as { options: unknown[] }).options.length).toBeGreaterThan(0);
  });

  it('submitting the modal from a channel answers there ephemerally', async () => {
    const from = fake.calls.length;
    const res = await fake.send(
      url,
      viewSubmission({
        callbackId: 'tb1:search',
        privateMetadata: JSON.stringify({ channel: 'C0GENERAL' }),
        values: {
          'tb1:search': {
            'tb1:search-select': { type: 'external_select', selected_option: { value: 'dns', text: { type: 'plain_text', text: 'DNS' } } },
          },
        },
      }),
    );
    expect(res.status).toBe(200);
    const call = await fake.waitForCall('chat.postEphemeral', () => true, 5000, from);
    expect(call.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0ALICE' });
    expect(call.args.blocks[0].text.text).toMatch(/DNS/);
  });

  it('submitting from App Home (no channel) shows the answer in the modal', async () => {
    const res = await fake.send(
      url,
      viewSubmission({
        callbackId: 'tb1:search',
        values: { 'tb1:search': { 'tb1:search-select': { type: 'external_select', selected_option: { value: 'dns' } } } },
      }),
    );
    const body = JSON.parse(res.body);
    expect(body.response_action).toBe('update');
    expect(body.view.blocks[0].text.text).toMatch(/DNS/);
    expect(blockKitViolations(body.view.blocks, 100)).toEqual([]);
  });

  it('submitting with nothing picked shows a field error', async () => {
    const res = await fake.send(
      url,
      viewSubmission({
        callbackId: 'tb1:search',
        values: { 'tb1:search': { 'tb1:search-select': { type: 'external_select', selected_option: null } } },
      }),
    );
    expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors' });
  });
});

describe('HTTP mode: mentions', () => {
  it('answers in a thread under the mention', async () => {
    const from = fake.calls.length;
    await fake.send(
      url,
      appMention({ text: "<@U0TERMBOT> what's the difference between authn and authz?", ts: '1700000100.000100', user: 'U0M1' }),
    );
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000100.000100', 5000, from);
    expect(call.args.channel).toBe('C0GENERAL');
    expect(call.args.blocks[0].text.text).toBe('Authentication vs Authorization');
    expect(buttonsOf(call.args.blocks).some((b) => b.action_id === 'tb1:share')).toBe(false);
  });

  it('inside a thread, answers in that same thread', async () => {
    const from = fake.calls.length;
    await fake.send(
      url,
      appMention({ text: '<@U0TERMBOT> what is a CDN', ts: '1700000200.000200', threadTs: '1700000150.000150', user: 'U0M2' }),
    );
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000150.000150', 5000, from);
    expect(call.args.blocks[0].text.text).toMatch(/CDN/);
  });

  it('per-user cooldown: a second mention within the window gets one private note, not an answer', async () => {
    const from = fake.calls.length;
    await fake.send(url, appMention({ text: '<@U0TERMBOT> dns', ts: '1700000300.000300', user: 'U0SPAM' }));
    await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000300.000300', 5000, from);
    now += 2000;
    await fake.send(url, appMention({ text: '<@U0TERMBOT> tls', ts: '1700000301.000301', user: 'U0SPAM' }));
    const note = await fake.waitForCall('chat.postEphemeral', (c) => c.args.user === 'U0SPAM', 5000, from);
    expect(note.args.text).toMatch(/try again in 8 seconds/i);
    await fake.send(url, appMention({ text: '<@U0TERMBOT> udp', ts: '1700000302.000302', user: 'U0SPAM' }));
    await logs.waitForLog((l) => l.msg === 'mention cooldown' && l.ts === '1700000302.000302');
    now += 10_000;
    await fake.send(url, appMention({ text: '<@U0TERMBOT> tcp', ts: '1700000303.000303', user: 'U0SPAM' }));
    await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000303.000303', 5000, from);
    const answered = fake.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage')
      .map((c) => c.args.thread_ts);
    expect(answered).toEqual(['1700000300.000300', '1700000303.000303']);
    expect(fake.calls.slice(from).filter((c) => c.method === 'chat.postEphemeral')).toHaveLength(1);
  });

  it('a failed reply tells the user privately and logs the Slack error', async () => {
    fake.failNext('chat.postMessage', 'internal_error');
    const from = fake.calls.length;
    await fake.send(url, appMention({ text: '<@U0TERMBOT> dns', user: 'U0M3' }));
    const note = await fake.waitForCall('chat.postEphemeral', (c) => c.args.user === 'U0M3', 5000, from);
    expect(note.args.text).toMatch(/something went wrong/i);
    await logs.waitForLog((l) => l.msg === 'chat handler failed' && l.user === 'U0M3' && l.slackError === 'internal_error');
  });
});

describe('HTTP mode: message shortcut and App Home', () => {
  it('Explain terms lists the jargon in the message ephemerally with buttons to expand', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(
      url,
      messageShortcut({ callbackId: 'tb1_explain_terms', text: 'We put a load balancer and a CDN in front of the k8s pods', responseUrl }),
    );
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.response_type).toBe('ephemeral');
    const labels = buttonsOf(post.body.blocks).map((b) => b.text.text);
    expect(labels).toEqual(expect.arrayContaining(['Load Balancer']));
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(blockKitViolations(post.body.blocks)).toEqual([]);
  });

  it("App Home opened publishes the home view with today's term, search and categories", async () => {
    const from = fake.calls.length;
    await fake.send(url, appHomeOpened({ user: 'U0HOME' }));
    const call = await fake.waitForCall('views.publish', (c) => c.args.user_id === 'U0HOME', 5000, from);
    expect(call.args.view.type).toBe('home');
    const json = textOf(call.args.view.blocks);
    expect(json).toContain('Term of the day');
    expect(json).toContain('tb1:open-search');
    expect(json).toContain(realBot.overview()[0]!.label);
    expect(blockKitViolations(call.args.view.blocks, 100)).toEqual([]);
    // The same term all day: open it again and compare.
    await fake.send(url, appHomeOpened({ user: 'U0HOME2' }));
    const again = await fake.waitForCall('views.publish', (c) => c.args.user_id === 'U0HOME2', 5000, from);
    expect(again.args.view.blocks[4]).toEqual(call.args.view.blocks[4]);
  });

  it('the Home search button opens the type-ahead modal; a term button on Home opens the answer in a modal', async () => {
    const from = fake.calls.length;
    await fake.send(url, blockAction({ actionId: 'tb1:open-search', value: 'search', view: { id: 'V0HOME', type: 'home' } }));
    const open = await fake.waitForCall('views.open', (c) => c.args.view.callback_id === 'tb1:search', 5000, from);
    expect(open.args.trigger_id).toBeTruthy();
    await fake.send(url, blockAction({ actionId: 'tb1:term:2', value: 'tb1:t:dns:s', view: { id: 'V0HOME', type: 'home' } }));
    const answer = await fake.waitForCall('views.open', (c) => c.args.view.callback_id === 'tb1:answer', 5000, from);
    expect(answer.args.view.blocks[0].text.text).toMatch(/DNS/);
    await fake.send(
      url,
      blockAction({ actionId: 'tb1:term:0', value: 'tb1:t:tcp:s', view: { id: 'V0MODAL', type: 'modal', hash: 'abc' } }),
    );
    const update = await fake.waitForCall('views.update', () => true, 5000, from);
    expect(update.args).toMatchObject({ view_id: 'V0MODAL', hash: 'abc' });
  });
});

describe('HTTP mode: /explain-daily', () => {
  it('subscribe parses the text with the service, subscribes and announces it in the channel', async () => {
    const from = fake.calls.length;
    const responseUrl = fake.newResponseUrl();
    await fake.send(
      url,
      slashCommand({
        command: '/explain-daily',
        text: 'subscribe 09:30 Europe/Berlin security',
        responseUrl,
        channel: 'C0DAILY',
        user: 'U0ERIN',
      }),
    );
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0DAILY', 5000, from);
    expect(call.args.text).toMatch(
      /^<@U0ERIN> set up the term of the day here: mon-fri at 09:30 \(Europe\/Berlin\), Security and identity terms only/,
    );
    expect(totd.callsTo('subscribe')[0]?.args).toEqual([
      'slack',
      'C0DAILY',
      { time: '09:30', timeZone: 'Europe/Berlin', category: 'security' },
      'U0ERIN',
    ]);
  });

  it('status answers privately with the schedule', async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ command: '/explain-daily', text: 'status', responseUrl, channel: 'C0DAILY' }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.response_type).toBe('ephemeral');
    expect(post.body.text).toMatch(/09:30/);
    expect(post.body.text).toMatch(/42 terms left/);
  });

  it('skip and unsubscribe are announced', async () => {
    const from = fake.calls.length;
    await fake.send(url, slashCommand({ command: '/explain-daily', text: 'skip', responseUrl: fake.newResponseUrl(), channel: 'C0DAILY' }));
    const skip = await fake.waitForCall('chat.postMessage', (c) => /skipped/.test(c.args.text), 5000, from);
    expect(skip.args.text).toMatch(/skipped \*DNS \(Domain Name System\)\*|skipped \*DNS/);
    await fake.send(
      url,
      slashCommand({ command: '/explain-daily', text: 'unsubscribe', responseUrl: fake.newResponseUrl(), channel: 'C0DAILY' }),
    );
    await fake.waitForCall('chat.postMessage', (c) => /turned off/.test(c.args.text), 5000, from);
  });

  it("a bad setting gets the service's friendly message, escaped", async () => {
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ command: '/explain-daily', text: 'subscribe 25:99', responseUrl, channel: 'C0DAILY' }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body).toMatchObject({ response_type: 'ephemeral' });
    expect(post.body.text).toMatch(/not a time of day/);
    const forged = fake.newResponseUrl();
    await fake.send(
      url,
      slashCommand({ command: '/explain-daily', text: 'subscribe <!channel>', responseUrl: forged, channel: 'C0DAILY' }),
    );
    const p2 = await fake.waitForResponsePost((p) => forged.endsWith(p.id));
    expect(p2.body.text).not.toContain('<!channel>');
  });

  it('subscribing where the bot is not a member warns that posts will fail', async () => {
    fake.failNext('chat.postMessage', 'not_in_channel');
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ command: '/explain-daily', text: 'subscribe', responseUrl, channel: 'C0NOTIN' }));
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(post.body.text).toMatch(/Subscribed.*invite me/s);
  });

  it('without the term of the day service, says it is not enabled', async () => {
    const saved = ctx.totd;
    ctx.totd = undefined;
    try {
      const responseUrl = fake.newResponseUrl();
      await fake.send(url, slashCommand({ command: '/explain-daily', text: 'subscribe', responseUrl }));
      const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
      expect(post.body.text).toMatch(/not enabled/);
    } finally {
      ctx.totd = saved;
    }
  });
});

describe('HTTP mode: security', () => {
  it('a forged signature gets 401 and causes no Web API call or response', async () => {
    const calls = fake.calls.length;
    const posts = fake.responsePosts.length;
    const res = await fake.send(url, appMention({ text: '<@U0TERMBOT> dns' }), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    const bad = await fake.send(url, slashCommand({ text: 'dns', responseUrl: fake.newResponseUrl() }), { signature: 'v0=deadbeef' });
    expect(bad.status).toBe(401);
    // A signed request afterwards is processed; by the time its answer arrives, nothing else did.
    const responseUrl = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: 'tcp', responseUrl }));
    await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    expect(fake.calls.length).toBe(calls);
    expect(fake.responsePosts.length).toBe(posts + 1);
  });

  it('a stale timestamp (older than 5 minutes) gets 401 and causes no Web API call', async () => {
    const calls = fake.calls.length;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await fake.send(url, appMention({ text: '<@U0TERMBOT> dns' }), { timestamp: stale });
    expect(res.status).toBe(401);
    await settle();
    expect(fake.calls.length).toBe(calls);
  });

  it('a replayed event with x-slack-retry-num causes no second post', async () => {
    const from = fake.calls.length;
    const event = appMention({ text: '<@U0TERMBOT> what is TLS', ts: '1700000900.000900', user: 'U0RETRY' });
    // The first delivery is signed 5 s in the past, so the retry's timestamp (1 s in the past, later) always differs,
    // even when both fall in the same second: an identical signature would be dropped as a replay before Bolt.
    expect((await fake.send(url, event, { timestamp: Math.floor(Date.now() / 1000) - 5 })).status).toBe(200);
    await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000900.000900', 5000, from);
    now += 60_000; // past the cooldown, so only the retry guard can stop a second answer
    // Slack signs every delivery anew: a retry has its own timestamp, so the replay guard lets it through to Bolt.
    const retry = await fake.send(url, event, { retryNum: 1, timestamp: Math.floor(Date.now() / 1000) - 1 });
    expect(retry.status).toBe(200);
    await logs.waitForLog((l) => l.msg === 'dropping a Slack retry' && l.retryNum === 1);
    // Barrier: a fresh event is answered, so the retry had its chance to post and did not.
    await fake.send(url, appMention({ text: '<@U0TERMBOT> udp', ts: '1700000901.000901', user: 'U0OTHER' }));
    await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000901.000901', 5000, from);
    expect(fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === '1700000900.000900')).toHaveLength(
      1,
    );
  });

  it('<!channel> and other pings in user text never reach Slack unescaped', async () => {
    const evil = '<!channel> <!here> <!everyone> <@UEVIL> <#CEVIL|general> <!subteam^S1|@team> @here load balancer';
    const from = fake.calls.length;
    const r1 = fake.newResponseUrl();
    const r2 = fake.newResponseUrl();
    await fake.send(url, slashCommand({ text: evil, responseUrl: r1 }));
    await fake.send(url, slashCommand({ text: `${evil} qqqzzz`.replace('load balancer', ''), responseUrl: r2 }));
    await fake.send(url, appMention({ text: `<@U0TERMBOT> ${evil}`, ts: '1700000950.000950', user: 'U0EVIL' }));
    const r3 = fake.newResponseUrl();
    await fake.send(url, messageShortcut({ callbackId: 'tb1_explain_terms', text: `${evil} dns`, responseUrl: r3 }));
    await fake.waitForResponsePost((p) => r1.endsWith(p.id));
    await fake.waitForResponsePost((p) => r2.endsWith(p.id));
    await fake.waitForResponsePost((p) => r3.endsWith(p.id));
    await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000950.000950', 5000, from);
    const sent = fake.everythingSent();
    for (const bad of FORBIDDEN_PINGS) expect(sent).not.toContain(bad);
    expect(sent).not.toMatch(/@(here|channel|everyone)\b/);
  });

  it('odd input (10k chars, emoji, zero-width, markdown) gets a clear answer', async () => {
    for (const text of ['a'.repeat(10_000), '🔥🚀 k8s 🔥', 'load\u200b\u200bbalancer', '*_`~>```']) {
      const responseUrl = fake.newResponseUrl();
      const res = await fake.send(url, slashCommand({ text, responseUrl }));
      expect(res.status).toBe(200);
      const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
      expect(post.body.response_type).toBe('ephemeral');
      expect(blockKitViolations(post.body.blocks)).toEqual([]);
    }
    // The same odd input through a mention and the shortcut.
    const from = fake.calls.length;
    now += 60_000;
    await fake.send(url, appMention({ text: `<@U0TERMBOT> ${'🔥 k8s '.repeat(2000)}`, ts: '1700000990.000990', user: 'U0ODD' }));
    const mention = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1700000990.000990', 5000, from);
    expect(blockKitViolations(mention.args.blocks)).toEqual([]);
    const shortcutUrl = fake.newResponseUrl();
    await fake.send(
      url,
      messageShortcut({
        callbackId: 'tb1_explain_terms',
        text: 'load balancer '.repeat(800) + '\u200b'.repeat(100),
        responseUrl: shortcutUrl,
      }),
    );
    const list = await fake.waitForResponsePost((p) => shortcutUrl.endsWith(p.id));
    expect(blockKitViolations(list.body.blocks)).toEqual([]);
    // Whitespace and invisible characters only count as no text: the search modal opens.
    for (const text of ['   ', ' \u200b\u2060 ']) {
      const from = fake.calls.length;
      await fake.send(url, slashCommand({ text, responseUrl: fake.newResponseUrl() }));
      await fake.waitForCall('views.open', () => true, 5000, from);
    }
  });
});
