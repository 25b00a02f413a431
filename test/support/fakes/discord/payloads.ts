/**
 * Builders for the Discord API objects the fake sends: just enough of each for discord.js
 * to build its structures (users, guilds, channels, messages, interactions).
 */

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh snowflake id: timestamp in the high bits, like Discord's, so discord.js dates make sense. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface FakeChannel {
  id: string;
  name: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
}

/** Permission bits used in tests. */
export const PERMISSIONS = {
  viewChannel: 1n << 10n,
  sendMessages: 1n << 11n,
  manageChannels: 1n << 4n,
  embedLinks: 1n << 14n,
} as const;
export const MEMBER_PERMISSIONS = (PERMISSIONS.viewChannel | PERMISSIONS.sendMessages | PERMISSIONS.embedLinks).toString();
export const MANAGER_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | PERMISSIONS.manageChannels).toString();

export function apiUser(u: FakeUser): Record<string, unknown> {
  return { id: u.id, username: u.username, discriminator: '0', global_name: u.username, avatar: null, bot: u.bot ?? false, flags: 0 };
}

export function apiMember(u: FakeUser, permissions?: string): Record<string, unknown> {
  const m: Record<string, unknown> = {
    user: apiUser(u),
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
  };
  if (permissions !== undefined) m.permissions = permissions;
  return m;
}

export function apiChannel(c: FakeChannel, guildId: string): Record<string, unknown> {
  return {
    id: c.id,
    type: 0,
    name: c.name,
    guild_id: guildId,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

/** The role Discord creates for a bot when it joins a server; people can mention it instead of the bot user. */
export const botRoleId = (g: FakeGuild): string => `${g.id.slice(0, -3)}999`;

export function apiGuild(g: FakeGuild, bot: FakeUser): Record<string, unknown> {
  const botRole = {
    id: botRoleId(g),
    name: bot.username,
    permissions: MEMBER_PERMISSIONS,
    position: 1,
    color: 0,
    hoist: false,
    managed: true,
    mentionable: false,
    flags: 0,
    tags: { bot_id: bot.id },
  };
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: '1',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: g.id,
        name: '@everyone',
        permissions: MEMBER_PERMISSIONS,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      botRole,
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ ...apiMember(bot), roles: [botRole.id] }],
    channels: g.channels.map((c) => apiChannel(c, g.id)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface MessageInit {
  id?: string;
  channelId: string;
  guildId?: string;
  author: FakeUser;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  mentions?: FakeUser[];
  mentionEveryone?: boolean;
  messageReference?: unknown;
  webhookId?: string;
}

export function apiMessage(m: MessageInit): Record<string, unknown> {
  const msg: Record<string, unknown> = {
    id: m.id ?? snowflake(),
    channel_id: m.channelId,
    author: apiUser(m.author),
    content: m.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: m.mentionEveryone ?? false,
    mentions: (m.mentions ?? []).map(apiUser),
    mention_roles: [],
    attachments: [],
    embeds: m.embeds ?? [],
    components: m.components ?? [],
    pinned: false,
    type: m.messageReference ? 19 : 0,
    flags: m.flags ?? 0,
  };
  if (m.guildId) msg.guild_id = m.guildId;
  if (m.messageReference) msg.message_reference = m.messageReference;
  if (m.webhookId) msg.webhook_id = m.webhookId;
  return msg;
}

/** Interaction and option type numbers from the Discord API. */
export const INTERACTION = { command: 2, component: 3, autocomplete: 4 } as const;
export const OPTION_TYPE = { subcommand: 1, string: 3, integer: 4, boolean: 5 } as const;

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

/** Options from a plain object: strings and booleans, plus a focused one for autocomplete. */
export function optionsFrom(values: Record<string, string | boolean | undefined>, focused?: string): CommandOption[] {
  return Object.entries(values)
    .filter((e): e is [string, string | boolean] => e[1] !== undefined)
    .map(([name, value]) => ({
      name,
      type: typeof value === 'boolean' ? OPTION_TYPE.boolean : OPTION_TYPE.string,
      value,
      ...(name === focused ? { focused: true } : {}),
    }));
}
