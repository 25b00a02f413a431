import { createDiscordBot } from '../../../src/adapters/discord/index.js';
import type { AppContext } from '../../../src/adapters/types.js';
import { parseConfig } from '../../../src/app/config.js';
import { FakeDiscord, type RestCall } from '../../support/fakes/discord/fake-discord.js';
import { MANAGER_PERMISSIONS } from '../../support/fakes/discord/payloads.js';
import { memoryLogger } from '../discord/harness.js';
import type { Driver, DriverOptions, Seen } from './driver.js';

type Body = {
  content?: string;
  flags?: number;
  embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[];
  components?: { components: { label: string; custom_id: string }[] }[];
};

const users = new Map<string, { id: string; username: string }>();
const userFor = (name: string): { id: string; username: string } => {
  if (!users.has(name)) users.set(name, { id: String(600000000000000100n + BigInt(users.size)), username: name });
  return users.get(name)!;
};

function seen(body: Body, how: Seen['how'], handle: unknown): Seen {
  const text = [
    body.content ?? '',
    ...(body.embeds ?? []).flatMap((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]),
  ]
    .filter(Boolean)
    .join('\n');
  const buttons = (body.components ?? []).flatMap((r) => r.components.map((c) => ({ label: c.label, ref: c.custom_id })));
  return { visibility: (body.flags ?? 0) & 64 ? 'private' : 'public', how, text, buttons, handle };
}

/** Discord: real discord.js against the fake gateway and REST API. */
export async function discordDriver(opts: DriverOptions): Promise<Driver> {
  const fake = new FakeDiscord();
  await fake.start();
  const { logger, lines } = memoryLogger();
  const config = parseConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
  const ctx: AppContext = { config, logger, ...opts.ctx };
  const bot = createDiscordBot({ ctx, now: opts.now, cooldownMs: opts.cooldownMs });
  await bot.start();
  const fromCallback = (call: RestCall): Seen => {
    const how = call.body.type === 7 ? 'update' : 'new';
    return seen(call.body.data as Body, how, how === 'update' ? undefined : fake.messageFromCallback(call));
  };
  const replyTo = (id: unknown): Promise<RestCall> =>
    fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${fake.channelId}/messages` && c.body?.message_reference?.message_id === id,
      5_000,
      `reply to ${String(id)}`,
    );
  return {
    name: 'discord',
    logs: lines,
    async ask(text, user = 'alice') {
      return fromCallback(await fake.waitForCallback(fake.slashCommand('explain', { term: text }, userFor(user))));
    },
    async mention(text, user) {
      const msg = fake.sendMessage({ author: userFor(user), content: `<@${fake.bot.id}> ${text}`, mentions: [fake.bot] });
      // Messages are handled in order: once a later one is answered, this one had its chance.
      const marker = fake.sendMessage({
        author: userFor(`${user}-marker-${String(msg.id)}`),
        content: `<@${fake.bot.id}> dns`,
        mentions: [fake.bot],
      });
      await replyTo(marker.id);
      const reply = fake.calls.find((c) => c.method === 'POST' && c.body?.message_reference?.message_id === msg.id);
      // A reply to a message is seen by everyone in the channel.
      return reply ? { ...seen(reply.body as Body, 'new', undefined), visibility: 'public' } : null;
    },
    async click(on, ref, user = 'alice') {
      return fromCallback(await fake.waitForCallback(fake.clickButton(ref, on.handle as Record<string, unknown>, userFor(user))));
    },
    async daily(sub, settings) {
      const options = settings ? { time: settings.time, timezone: settings.timeZone, category: settings.category } : {};
      const i = fake.subcommand('explain-daily', sub, options, userFor('alice'), MANAGER_PERMISSIONS);
      await fake.waitForCallback(i);
      const edit = await fake.waitForCall(
        (c) => c.method === 'PATCH' && c.path === `/webhooks/${fake.applicationId}/${i.token}/messages/@original`,
      );
      return [{ ...seen(edit.body as Body, 'new', undefined), visibility: 'private' }];
    },
    async stop() {
      await bot.stop();
      await fake.stop();
    },
  };
}
