import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, type ClientOptions, REST } from 'discord.js';
import { Cooldown, createChat } from '../../core/chat/index.js';
import type { TotdPoster } from '../../core/totd/types.js';
import type { AppContext } from '../types.js';
import { discordErrors } from './errors.js';
import { onInteraction, onMessage } from './events.js';
import { createDiscordPoster } from './poster.js';
import { shardOptions } from './shards.js';
import { NO_PINGS } from './text.js';

const READY_TIMEOUT_MS = 30_000;

export interface DiscordBotOptions {
  ctx: AppContext;
  /** Defaults to ctx.config.DISCORD_TOKEN. */
  token?: string;
  /** REST base, e.g. a local fake's `http://127.0.0.1:PORT/api`; defaults to ctx.config.DISCORD_API_URL. */
  restApi?: string;
  /** Clock for the mention cooldown. */
  now?: () => number;
  /** Mention cooldown window; defaults to the core's COOLDOWN_MS. */
  cooldownMs?: number;
  /** Extra discord.js client options (tests shorten timeouts). */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordBot {
  readonly client: Client;
  readonly rest: REST;
  readonly poster: TotdPoster;
  /** Logs in and resolves once the gateway session is ready. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The Discord adapter without process wiring: tests drive it against a fake Discord. */
export function createDiscordBot(opts: DiscordBotOptions): DiscordBot {
  const { ctx } = opts;
  const logger = ctx.logger.child({ adapter: 'discord' });
  const token = opts.token ?? ctx.config.DISCORD_TOKEN;
  const api = opts.restApi ?? ctx.config.DISCORD_API_URL;
  const client = new Client({
    // Message Content is privileged: enable it in the developer portal (docs/discord.md).
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    // DM channels are never in the cache; without this partial discord.js drops DMs.
    partials: [Partials.Channel],
    allowedMentions: NO_PINGS,
    ...shardOptions(ctx.config),
    ...opts.clientOptions,
    rest: { ...opts.clientOptions?.rest, api },
  });
  const chat = createChat({
    bot: () => ctx.bot,
    totd: () => ctx.totd,
    insights: () => ctx.insights,
    logger,
    cooldown: new Cooldown(opts.cooldownMs, opts.now),
    platformErrors: discordErrors,
  });
  // The use cases never reject; the catch is for a bug in event parsing itself.
  const unexpected = (err: unknown): void => logger.error({ err }, 'discord event handler failed');
  client.on(Events.InteractionCreate, (i) => void onInteraction(i, chat, () => ctx.bot, logger).catch(unexpected));
  client.on(Events.MessageCreate, (m) => {
    const me = client.user?.id;
    if (me) onMessage(m, chat, me).catch(unexpected);
  });
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardError, (err, shardId) => logger.error({ err, shardId }, 'discord gateway error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    logger.warn({ code: event.code, shardId }, 'discord gateway disconnected for good'),
  );
  client.on(Events.ShardReconnecting, (shardId) => logger.info({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ shardId, replayed }, 'discord gateway resumed'));
  client.rest.on('rateLimited', (info) =>
    logger.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'discord rate limit'),
  );

  // Term-of-the-day cards go through a REST client that never re-sends on 5xx or timeouts (a lost
  // answer would double the card); the scheduler retries after checking the channel. 429s still wait and retry.
  const postRest = new REST({ ...opts.clientOptions?.rest, api, retries: 0 });
  if (token) postRest.setToken(token);
  const poster = createDiscordPoster({
    rest: postRest,
    logger,
    botUserId: async () => client.user?.id ?? ((await client.rest.get('/users/@me')) as { id: string }).id,
  });

  return {
    client,
    rest: client.rest,
    poster,
    async start() {
      if (!token) throw new Error('DISCORD_TOKEN is not set');
      const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      // If login fails, `ready` would reject later on its timeout; keep that from going unhandled.
      ready.catch(() => undefined);
      try {
        await client.login(token);
        await ready;
      } catch (err) {
        await client.destroy();
        throw err;
      }
      logger.info(
        { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.map((s) => s.id) },
        'discord connected',
      );
    },
    async stop() {
      await client.destroy();
      logger.info('discord disconnected');
    },
  };
}
