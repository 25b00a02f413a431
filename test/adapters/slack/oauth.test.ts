import { createHmac } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import type { AppContext } from '../../../src/adapters/types.js';
import { parseConfig } from '../../../src/app/config.js';
import { openTotd, type TotdRuntime } from '../../../src/app/totd-runtime.js';
import type { TermAnswer } from '../../../src/core/answer/types.js';
import { PostError } from '../../../src/core/totd/types.js';
import { workspaceStoresFor, type WorkspaceStores } from '../../../src/store/workspace-stores.js';
import { FakeSlack, type FakeWorkspace } from '../../support/fakes/slack/fake-slack.js';
import { appMention, appUninstalled, slashCommand, tokensRevoked } from '../../support/fakes/slack/payloads.js';
import { tempDir } from '../../store/helpers.js';
import { loadBot, memoryLogger, settle } from './helpers.js';

/**
 * Many workspaces (issue 12.3), end to end: the real Bolt app in HTTP mode with its OAuth flow,
 * the SQLite installation store, and the fake Slack's oauth.v2.access. A browser is played by
 * fetch: GET /slack/install (state cookie + signed state in the link), then Slack's redirect back.
 */
const STATE_SECRET = 'test-state-secret-0123456789';
const tmp = tempDir('termbot-oauth-');
const fake = new FakeSlack();
const mem = memoryLogger();
let adapter: SlackAdapter;
let url: string;
let runtime: TotdRuntime;
let stores: WorkspaceStores;

const A: FakeWorkspace = {
  teamId: 'T0ALPHA',
  teamName: 'Alpha & Co',
  botToken: 'xoxb-alpha',
  botUserId: 'U0BOTA',
  botId: 'B0BOTA',
  code: 'code-a',
};
const B: FakeWorkspace = {
  teamId: 'T0BETA',
  teamName: 'Beta',
  botToken: 'xoxb-beta',
  botUserId: 'U0BOTB',
  botId: 'B0BOTB',
  code: 'code-b',
};

const team = (teamId: string) => ({ teamId, enterpriseId: null, isEnterpriseInstall: false });

/** Step 1 of an install: the install page, its state cookie and the state in the Add to Slack link. */
async function installPage(): Promise<{ status: number; html: string; state: string; cookie: string }> {
  const res = await fetch(`${url}/slack/install`, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
  const html = await res.text();
  const link = /href="(https:\/\/slack\.com\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const state = new URL(link, 'https://slack.com').searchParams.get('state') ?? '';
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: res.status, html, state, cookie };
}

/** Step 2: Slack sends the browser back with a code (or an error) and the state. */
async function redirect(query: string, cookie: string): Promise<{ status: number; html: string }> {
  const res = await fetch(`${url}/slack/oauth_redirect?${query}`, { headers: { cookie }, signal: AbortSignal.timeout(5000) });
  return { status: res.status, html: await res.text() };
}

async function install(w: FakeWorkspace): Promise<{ status: number; html: string }> {
  const page = await installPage();
  return redirect(`code=${w.code}&state=${encodeURIComponent(page.state)}`, page.cookie);
}

/** A state in Bolt's own format (an HS256 JWT of { installOptions, now }), signed with `secret`, made at `now`. */
function stateToken(secret: string, now: Date): string {
  const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ installOptions: { scopes: ['commands'] }, now: now.toJSON(), random: 7 })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

beforeAll(async () => {
  await fake.start();
  fake.addWorkspace(A);
  fake.addWorkspace(B);
  const config = parseConfig({
    SLACK_CLIENT_ID: fake.clientId,
    SLACK_CLIENT_SECRET: fake.clientSecret,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_SIGNING_SECRET: fake.signingSecret,
    SLACK_API_URL: fake.apiUrl,
    DATA_DIR: path.join(tmp.dir, 'data'),
  });
  const bot = await loadBot();
  runtime = await openTotd({ config, bot, logger: mem.logger, owner: 'oauth:1' });
  stores = workspaceStoresFor(runtime.store)!;
  const ctx: AppContext = { config, logger: mem.logger, bot, totd: runtime.service, stores };
  adapter = createSlackApp(ctx, {
    mode: 'http',
    oauth: { clientId: fake.clientId, clientSecret: fake.clientSecret, stateSecret: STATE_SECRET },
    installations: stores.installations,
    seenRequests: stores.seenRequests,
    signingSecret: fake.signingSecret,
    port: 0,
    apiUrl: fake.apiUrl,
    apiRetries: 0,
  });
  url = `http://127.0.0.1:${(await adapter.start()).port}`;
});

afterAll(async () => {
  await adapter?.stop();
  await runtime?.close();
  await fake.stop();
  tmp.cleanup();
});

describe('Slack OAuth: many workspaces', () => {
  it('the install page links to Slack with the scopes, the client id and a state bound to a cookie', async () => {
    const page = await installPage();
    expect(page.status).toBe(200);
    expect(page.html).toContain('https://slack.com/oauth/v2/authorize?');
    expect(page.html).toContain(`client_id=${fake.clientId}`);
    expect(page.html).toMatch(/scope=commands(%2C|,)chat(%3A|:)write/);
    expect(page.state).not.toBe('');
    expect(page.cookie).toBe(`slack-app-oauth-state=${page.state}`);
  });

  it('installs two workspaces through oauth.v2.access and stores each bot token', async () => {
    const a = await install(A);
    expect(a.status).toBe(200);
    expect(a.html).toContain('termbot is now in Alpha &amp; Co');
    const b = await install(B);
    expect(b.status).toBe(200);
    const access = fake.callsTo('oauth.v2.access');
    expect(access.map((c) => c.args.code)).toEqual(['code-a', 'code-b']);
    // Bolt asks auth.test with the new token for the bot id.
    expect(fake.callsTo('auth.test').map((c) => c.token)).toEqual(expect.arrayContaining(['xoxb-alpha', 'xoxb-beta']));
    const stored = await stores.installations.getInstallation(team('T0ALPHA'));
    expect(stored).toMatchObject({ botToken: 'xoxb-alpha', botUserId: 'U0BOTA', botId: 'B0BOTA' });
    // The installing user's token is not kept.
    expect(JSON.stringify(stored?.raw)).not.toContain('access_token');
    expect((await stores.installations.listInstallations()).map((i) => i.teamId)).toEqual(['T0ALPHA', 'T0BETA']);
    await mem.waitForLog((l) => l.msg === 'slack: installed in a workspace' && l.team === 'T0BETA');
  });

  it('answers each workspace with its own token', async () => {
    const from = fake.calls.length;
    expect(
      (await fake.send(url, appMention({ text: '<@U0BOTA> what is dns?', team: A.teamId, botUserId: A.botUserId, channel: 'C0ALPHA' })))
        .status,
    ).toBe(200);
    expect(
      (
        await fake.send(
          url,
          appMention({ text: '<@U0BOTB> what is a cdn?', team: B.teamId, botUserId: B.botUserId, channel: 'C0BETA', user: 'U0BETAUSER' }),
        )
      ).status,
    ).toBe(200);
    const alpha = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0ALPHA', 5000, from);
    const beta = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0BETA', 5000, from);
    expect(alpha.token).toBe('xoxb-alpha');
    expect(beta.token).toBe('xoxb-beta');
  });

  it('a workspace that never installed gets no answer, and nothing is posted for it', async () => {
    const from = fake.calls.length;
    await fake.send(url, appMention({ text: '<@U0X> what is dns?', team: 'T0NOBODY', channel: 'C0NOBODY' }));
    await settle(200);
    expect(fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('the term of the day is posted with the token of the workspace the channel was subscribed from', async () => {
    for (const [w, channel] of [
      [A, 'C0ALPHADAILY'],
      [B, 'C0BETADAILY'],
    ] as const) {
      const res = await fake.send(
        url,
        slashCommand({
          command: '/explain-daily',
          text: 'subscribe 23:59 UTC',
          team: w.teamId,
          channel,
          responseUrl: fake.newResponseUrl(),
        }),
      );
      expect(res.status).toBe(200);
      await fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel && c.token === w.botToken);
    }
    expect(await stores.installations.workspaceOfChannel('C0BETADAILY')).toBe('T0BETA');
    const bot = await loadBot();
    const answer = bot.answerFor('load-balancer') as TermAnswer;
    const post = (channelId: string) => ({
      platform: 'slack' as const,
      channelId,
      slotKey: `slack:${channelId}:2026-12-01`,
      date: '2026-12-01',
      answer,
      thread: false,
    });
    const from = fake.calls.length;
    await adapter.poster.post(post('C0ALPHADAILY'));
    await adapter.poster.post(post('C0BETADAILY'));
    const cards = fake.calls.slice(from).filter((c) => c.method === 'chat.postMessage');
    expect(cards.map((c) => [c.args.channel, c.token])).toEqual([
      ['C0ALPHADAILY', 'xoxb-alpha'],
      ['C0BETADAILY', 'xoxb-beta'],
    ]);
    // After a crash, the card is found again with that workspace's token and bot id.
    expect(await adapter.poster.findPosted('C0BETADAILY', 'slack:C0BETADAILY:2026-12-01')).toMatch(/^\d+\.\d+$/);
    // A channel of no known workspace, with no SLACK_BOT_TOKEN: a permanent failure, never another workspace's token.
    await expect(adapter.poster.post(post('C0UNKNOWN'))).rejects.toBeInstanceOf(PostError);
  });

  it('app_uninstalled removes that workspace: its installation, its subscriptions; the other stays', async () => {
    fake.revoke(B.botToken);
    expect((await fake.send(url, appUninstalled(B.teamId))).status).toBe(200);
    await mem.waitForLog((l) => l.msg === 'slack: workspace removed' && l.team === 'T0BETA');
    expect(await stores.installations.getInstallation(team('T0BETA'))).toBeNull();
    expect(await runtime.store.getSubscription('slack', 'C0BETADAILY')).toBeNull();
    expect(await stores.installations.channelsOfWorkspace('T0BETA')).toEqual([]);
    expect(await stores.installations.getInstallation(team('T0ALPHA'))).not.toBeNull();
    expect(await runtime.store.getSubscription('slack', 'C0ALPHADAILY')).not.toBeNull();
    const line = mem.lines.find((l) => l.msg === 'slack: workspace removed' && l.team === 'T0BETA');
    expect(line).toMatchObject({ why: 'app_uninstalled', installationRemoved: true, unsubscribed: 1 });
  });

  it('tokens_revoked for the bot removes the workspace too; a user token alone does not', async () => {
    await fake.send(url, tokensRevoked(A.teamId, { oauth: ['U0INSTALLER'] }));
    await settle(150);
    expect(await stores.installations.getInstallation(team('T0ALPHA'))).not.toBeNull();
    await fake.send(url, tokensRevoked(A.teamId, { bot: [A.botUserId] }));
    await mem.waitForLog((l) => l.msg === 'slack: workspace removed' && l.team === 'T0ALPHA');
    expect(await stores.installations.getInstallation(team('T0ALPHA'))).toBeNull();
    expect(await runtime.store.getSubscription('slack', 'C0ALPHADAILY')).toBeNull();
  });

  describe('an install that must not store anything', () => {
    const C: FakeWorkspace = { teamId: 'T0GAMMA', botToken: 'xoxb-gamma', botUserId: 'U0BOTC', botId: 'B0BOTC', code: 'code-c' };
    beforeAll(() => void fake.addWorkspace(C));
    const nothingStored = async (): Promise<void> => expect(await stores.installations.getInstallation(team('T0GAMMA'))).toBeNull();

    it('a denied install (error=access_denied) gets a clear page', async () => {
      const page = await installPage();
      const res = await redirect(`error=access_denied&state=${encodeURIComponent(page.state)}`, page.cookie);
      expect(res.status).toBe(400);
      expect(res.html).toContain('Installation cancelled');
      expect(res.html).toContain('href="/slack/install"');
      await nothingStored();
    });

    it('a forged state (signed with another secret) is refused before any code exchange', async () => {
      const from = fake.calls.length;
      const forged = stateToken('not-the-state-secret-at-all', new Date());
      const res = await redirect(`code=${C.code}&state=${forged}`, `slack-app-oauth-state=${forged}`);
      expect(res.status).toBe(400);
      expect(res.html).toContain('This install link has expired');
      expect(fake.calls.slice(from).map((c) => c.method)).not.toContain('oauth.v2.access');
      await nothingStored();
    });

    it('an expired state (older than 10 minutes) is refused', async () => {
      const old = stateToken(STATE_SECRET, new Date(Date.now() - 11 * 60_000));
      const res = await redirect(`code=${C.code}&state=${old}`, `slack-app-oauth-state=${old}`);
      expect(res.status).toBe(400);
      expect(res.html).toContain('more than 10 minutes old');
      await nothingStored();
    });

    it('a state from another browser (no matching cookie) is refused', async () => {
      const page = await installPage();
      const res = await redirect(`code=${C.code}&state=${encodeURIComponent(page.state)}`, 'slack-app-oauth-state=someone-else');
      expect(res.status).toBe(400);
      await nothingStored();
    });

    it('a code Slack refuses (already used) gets a page saying nothing was installed', async () => {
      const page = await installPage();
      const res = await redirect(`code=code-a&state=${encodeURIComponent(page.state)}`, page.cookie);
      expect(res.status).toBe(502);
      expect(res.html).toContain('Nothing was installed');
      await nothingStored();
    });

    it('the valid install still works afterwards', async () => {
      expect((await install(C)).status).toBe(200);
      expect((await stores.installations.getInstallation(team('T0GAMMA')))?.botToken).toBe('xoxb-gamma');
    });
  });
});
