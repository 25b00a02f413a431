import { createSlackApp } from '../../../src/adapters/slack/index.js';
import { parseConfig } from '../../../src/app/config.js';
import { FakeSlack, type Json } from '../../support/fakes/slack/fake-slack.js';
import { appMention, blockAction, slashCommand } from '../../support/fakes/slack/payloads.js';
import { memoryLogger, settle } from '../slack/helpers.js';
import type { Driver, DriverOptions, Seen } from './driver.js';

/** Polls until `probe` returns something (bounded: 5 s). */
async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 250; i++) {
    const hit = probe();
    if (hit !== undefined) return hit;
    await settle(20);
  }
  throw new Error('nothing arrived within 5 s');
}

const userId = (name: string): string => `U0${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 20);

/** Every text in a Block Kit message (mrkdwn and plain text alike). */
function textsOf(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(textsOf);
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return [
      ...(typeof o.text === 'string' && o.type !== 'button' ? [o.text] : []),
      ...Object.entries(o)
        .filter(([k]) => k !== 'value')
        .flatMap(([, v]) => textsOf(v)),
    ];
  }
  return [];
}

function seen(msg: Json, visibility: Seen['visibility'], how: Seen['how']): Seen {
  const blocks = (msg.blocks ?? []) as Json[];
  const buttons = blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .map((e) => ({ label: String(e.text.text), ref: String(e.value), actionId: String(e.action_id) }));
  return {
    visibility,
    how,
    text: [msg.text ?? '', ...textsOf(blocks)].join('\n'),
    buttons: buttons.map(({ label, ref }) => ({ label, ref })),
    handle: { buttons, visibility },
  };
}

/** Slack: the real Bolt app in HTTP mode against the fake Slack, every request signed. */
export async function slackDriver(opts: DriverOptions): Promise<Driver> {
  const fake = new FakeSlack();
  await fake.start();
  const { logger, lines } = memoryLogger();
  const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: fake.signingSecret });
  const adapter = createSlackApp(
    { config, logger, ...opts.ctx },
    {
      mode: 'http',
      botToken: 'xoxb-test',
      signingSecret: fake.signingSecret,
      port: 0,
      apiUrl: fake.apiUrl,
      apiRetries: 0,
      clock: opts.now,
      mentionCooldownMs: opts.cooldownMs,
    },
  );
  const { port } = await adapter.start();
  const url = `http://127.0.0.1:${port}`;
  let ts = 1700001000;
  const viaResponseUrl = async (send: (responseUrl: string) => Promise<unknown>): Promise<Seen> => {
    const responseUrl = fake.newResponseUrl();
    await send(responseUrl);
    const post = await fake.waitForResponsePost((p) => responseUrl.endsWith(p.id));
    return seen(post.body, post.body.response_type === 'in_channel' ? 'public' : 'private', post.body.replace_original ? 'update' : 'new');
  };
  return {
    name: 'slack',
    logs: lines,
    ask: (text, user = 'alice') => viaResponseUrl((responseUrl) => fake.send(url, slashCommand({ text, responseUrl, user: userId(user) }))),
    async mention(text, user) {
      const from = fake.calls.length;
      const at = `${ts++}.000100`;
      await fake.send(url, appMention({ text: `<@U0TERMBOT> ${text}`, ts: at, user: userId(user) }));
      // Barrier: another person's mention is answered, so this one had its chance.
      const marker = `${ts++}.000100`;
      await fake.send(url, appMention({ text: '<@U0TERMBOT> dns', ts: marker, user: userId(`${user}m${ts}`) }));
      await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === marker, 5000, from);
      await settle(20);
      const calls = fake.calls.slice(from).filter((c) => c.args.thread_ts === at);
      const pub = calls.find((c) => c.method === 'chat.postMessage');
      if (pub) return seen(pub.args, 'public', 'new');
      const priv = calls.find((c) => c.method === 'chat.postEphemeral');
      return priv ? seen(priv.args, 'private', 'new') : null;
    },
    async click(on, ref, user = 'alice') {
      const { buttons, visibility } = on.handle as { buttons: { ref: string; actionId: string }[]; visibility: Seen['visibility'] };
      const actionId = buttons.find((b) => b.ref === ref)?.actionId ?? 'tb1:term:0';
      const from = fake.calls.length;
      const responseUrl = fake.newResponseUrl();
      await fake.send(url, blockAction({ actionId, value: ref, responseUrl, user: userId(user), ephemeral: visibility === 'private' }));
      // A share posts to the channel (and removes the private copy); everything else answers through response_url.
      return until(() => {
        const p = fake.responsePosts.find((r) => responseUrl.endsWith(r.id) && !r.body.delete_original);
        if (p)
          return seen(p.body, p.body.response_type === 'in_channel' ? 'public' : 'private', p.body.replace_original ? 'update' : 'new');
        const c = fake.calls.slice(from).find((x) => x.method === 'chat.postMessage');
        return c ? seen(c.args, 'public', 'new') : undefined;
      });
    },
    async daily(sub, settings) {
      const from = fake.calls.length;
      const posts = fake.responsePosts.length;
      const text = settings ? `${sub} ${settings.time} ${settings.timeZone} ${settings.category}` : sub;
      await fake.send(
        url,
        slashCommand({ command: '/explain-daily', text, responseUrl: fake.newResponseUrl(), channel: 'C0DAILY', user: userId('alice') }),
      );
      await until(
        () => fake.calls.slice(from).some((c) => c.method === 'chat.postMessage') || fake.responsePosts.length > posts || undefined,
      );
      await settle(20);
      return [
        ...fake.calls
          .slice(from)
          .filter((c) => c.method === 'chat.postMessage')
          .map((c) => seen(c.args, 'public', 'new')),
        ...fake.responsePosts.slice(posts).map((p) => seen(p.body, 'private', 'new')),
      ];
    },
    async stop() {
      await adapter.stop();
      await fake.stop();
    },
  };
}
