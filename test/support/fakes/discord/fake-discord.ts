import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  apiChannel,
  apiGuild,
  apiMember,
  apiMessage,
  apiUser,
  INTERACTION,
  MEMBER_PERMISSIONS,
  optionsFrom,
  OPTION_TYPE,
  snowflake,
  type CommandOption,
  type FakeGuild,
  type FakeUser,
  type MessageInit,
} from './payloads.js';

/** One REST request as the fake saw it, and what it answered. */
export interface RestCall {
  seq: number;
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are whatever the client sent
  body: any;
  authorization: string | undefined;
  status: number;
}

export interface CannedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Fault {
  method: string;
  path: RegExp;
  response: CannedResponse;
  remaining: number;
}

export interface FakeDiscordOptions {
  token?: string;
  bot?: FakeUser;
  applicationId?: string;
  guilds?: FakeGuild[];
  /** Heartbeat interval sent in HELLO; long by default so tests are not chatty. */
  heartbeatIntervalMs?: number;
  /** Gateway shards Discord recommends in GET /gateway/bot; clients must identify with [id, count]. Default 1. */
  shards?: number;
  /** [runtime, soak] Milliseconds to wait before answering a REST call (slow answers); 0 = at once. */
  restDelayMs?: (method: string, path: string) => number;
}

export interface SentInteraction {
  id: string;
  token: string;
  /** The REST path the bot must call to answer it. */
  callbackPath: string;
}

interface Session {
  id: string;
  socket: WebSocket | null;
  /** The shard this session identified as: [id, count]. */
  shard: [number, number];
}

/** The shard a guild's events go to, by Discord's formula: (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Discord de-duplicates an enforced nonce for a few minutes; the fake uses five. */
const NONCE_WINDOW_MS = 5 * 60_000;

/**
 * A local fake of Discord's REST API and gateway for end-to-end tests of the real discord.js
 * client. It records every REST call, lets tests inject gateway events (interactions,
 * messages), break things (socket close, op 7 reconnect, 429s, error codes), and wait for
 * the bot's reaction. Listens on 127.0.0.1 only.
 */
export class FakeDiscord {
  readonly token: string;
  readonly bot: FakeUser;
  readonly applicationId: string;
  readonly guilds: FakeGuild[];
  /** Every REST call in arrival order. */
  readonly calls: RestCall[] = [];
  /** Messages per channel, newest last (created by the bot through REST, or injected). */
  readonly messages = new Map<string, Record<string, unknown>[]>();
  /** Gateway opcodes received from clients, for handshake assertions. */
  readonly gatewayLog: { op: number; d: unknown }[] = [];
  identifyCount = 0;
  /** The shard of each successful IDENTIFY, in order ([id, count]). */
  readonly identifiedShards: [number, number][] = [];
  readonly shardCount: number;
  resumeCount = 0;

  private readonly events = new EventEmitter();
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly tokens = new Map<string, { channelId: string; guildId?: string }>();
  /** Messages created with `enforce_nonce`, per channel and nonce, with when (Discord's de-duplication window). */
  private readonly nonces = new Map<string, { message: Record<string, unknown>; at: number }>();
  /** DM channel id per user id. */
  private readonly dmChannels = new Map<string, string>();
  private readonly heartbeatIntervalMs: number;
  private readonly restDelayMs: ((method: string, path: string) => number) | undefined;
  private readonly sessions = new Map<string, Session>();
  private seq = 0;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private port = 0;

  constructor(opts: FakeDiscordOptions = {}) {
    this.token = opts.token ?? 'fake-token';
    this.bot = opts.bot ?? { id: '900000000000000001', username: 'termbot', bot: true };
    this.applicationId = opts.applicationId ?? '900000000000000002';
    this.guilds = opts.guilds ?? [
      { id: '800000000000000001', name: 'Test Server', channels: [{ id: '700000000000000001', name: 'general' }] },
    ];
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 45_000;
    this.restDelayMs = opts.restDelayMs;
    this.shardCount = opts.shards ?? 1;
    this.events.setMaxListeners(100);
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get guild(): FakeGuild {
    return this.guilds[0]!;
  }

  get channelId(): string {
    return this.guild.channels[0]!.id;
  }

  async start(): Promise<void> {
    this.wss = new WebSocketServer({ noServer: true });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.wss!.emit('connection', ws, req));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    this.events.removeAllListeners();
  }

  // ---- Waiting -------------------------------------------------------------------------

  /** Resolves with the first REST call (already made or future) matching `pred`. */
  waitForCall(pred: (c: RestCall) => boolean, timeoutMs = 5_000, description = 'REST call'): Promise<RestCall> {
    const found = this.calls.find(pred);
    if (found) return Promise.resolve(found);
    return this.waitForEvent<RestCall>('call', pred, timeoutMs, description);
  }

  /** Waits for the bot's answer to an interaction (its callback POST). */
  waitForCallback(i: SentInteraction, timeoutMs = 5_000): Promise<RestCall> {
    return this.waitForCall((c) => c.method === 'POST' && c.path === i.callbackPath && c.status < 300, timeoutMs, `callback of ${i.id}`);
  }

  /** REST calls matching a method and path pattern. */
  callsTo(method: string, path: RegExp | string): RestCall[] {
    return this.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  /** Resolves once a client has identified `count` times in total. */
  waitForIdentify(count = 1, timeoutMs = 10_000): Promise<void> {
    if (this.identifyCount >= count) return Promise.resolve();
    return this.waitForEvent('identify', () => this.identifyCount >= count, timeoutMs, `identify #${count}`).then(() => undefined);
  }

  /** Resolves once the gateway session is ready again after `count` resumes in total. */
  waitForResume(count = 1, timeoutMs = 10_000): Promise<void> {
    if (this.resumeCount >= count) return Promise.resolve();
    return this.waitForEvent('resume', () => this.resumeCount >= count, timeoutMs, `resume #${count}`).then(() => undefined);
  }

  private waitForEvent<T>(event: string, pred: (v: T) => boolean, timeoutMs: number, description: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onEvent = (v: T): void => {
        if (!pred(v)) return;
        clearTimeout(timer);
        this.events.off(event, onEvent);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.events.off(event, onEvent);
        reject(new Error(`FakeDiscord: timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      this.events.on(event, onEvent);
    });
  }

  // ---- Faults --------------------------------------------------------------------------

  /** Answers the next `times` matching REST calls with `response` instead of the normal one. */
  failNext(method: string, path: RegExp, response: CannedResponse, times = 1): void {
    this.faults.push({ method, path, response, remaining: times });
  }

  /** The next matching call gets a 429 with `retry_after` (seconds) in the header and body. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void {
    this.failNext(method, path, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
    });
  }

  /** A Discord JSON error such as 50013 Missing Permissions. */
  errorNext(method: string, path: RegExp, status: number, code: number, message: string): void {
    this.failNext(method, path, { status, body: { code, message } });
  }

  /** Closes every gateway socket with `code` (4000 and others let the client resume). */
  closeGateway(code = 4000): void {
    for (const ws of this.sockets) ws.close(code, 'fake closed the connection');
  }

  /** Op 7: asks connected clients to reconnect and resume. */
  sendReconnect(): void {
    this.broadcast({ op: 7, d: null });
  }

  // ---- Injecting events ----------------------------------------------------------------

  /**
   * Sends a dispatch event (op 0) as Discord would: a guild's events to the sessions of the shard that
   * owns the guild, direct messages to shard 0. With one shard, every connected session gets it.
   */
  dispatch(t: string, d: unknown): void {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const shard = typeof guildId === 'string' ? shardOf(guildId, this.shardCount) : 0;
    const text = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const s of this.sessions.values()) {
      if (s.shard[0] === shard && s.socket?.readyState === s.socket?.OPEN) s.socket?.send(text);
    }
  }

  /** A user's message in a guild channel (MESSAGE_CREATE). Returns the message object. */
  sendMessage(init: Omit<MessageInit, 'channelId'> & { channelId?: string }): Record<string, unknown> {
    const channelId = init.channelId ?? this.channelId;
    const msg = apiMessage({ ...init, channelId, guildId: init.guildId ?? this.guild.id });
    msg.member = { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 };
    this.store(channelId, msg);
    this.dispatch('MESSAGE_CREATE', msg);
    return msg;
  }

  /** A direct message from `author` to the bot (MESSAGE_CREATE without a guild). */
  sendDirectMessage(author: FakeUser, content: string): Record<string, unknown> {
    let channelId = this.dmChannels.get(author.id);
    if (!channelId) {
      channelId = snowflake();
      this.dmChannels.set(author.id, channelId);
    }
    // Discord marks DM events with channel_type 1; discord.js needs it to build the uncached DM channel.
    const msg = { ...apiMessage({ author, content, channelId }), channel_type: 1 };
    this.store(channelId, msg);
    this.dispatch('MESSAGE_CREATE', msg);
    return msg;
  }

  /** Sends an INTERACTION_CREATE; `data` and `extra` are merged into a realistic guild interaction. */
  sendInteraction(
    type: number,
    data: unknown,
    user: FakeUser,
    extra: Record<string, unknown> = {},
    permissions = MEMBER_PERMISSIONS,
  ): SentInteraction {
    const id = snowflake();
    const token = `itoken-${id}`;
    const channelId = (extra.channel_id as string | undefined) ?? this.channelId;
    this.tokens.set(token, { channelId, guildId: this.guild.id });
    const channel = this.guild.channels.find((c) => c.id === channelId) ?? { id: channelId, name: 'unknown' };
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: this.guild.id,
      channel_id: channelId,
      channel: apiChannel(channel, this.guild.id),
      member: apiMember(user, permissions),
      token,
      version: 1,
      app_permissions: MEMBER_PERMISSIONS,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guild.id },
      context: 0,
      attachment_size_limit: 8_388_608,
      ...extra,
    });
    return { id, token, callbackPath: `/interactions/${id}/${token}/callback` };
  }

  /** `/name option:value ...` as a user. */
  slashCommand(name: string, options: Record<string, string | boolean | undefined>, user: FakeUser, permissions?: string): SentInteraction {
    return this.sendInteraction(
      INTERACTION.command,
      { id: snowflake(), name, type: 1, options: optionsFrom(options) },
      user,
      {},
      permissions,
    );
  }

  /** `/name subcommand option:value ...` as a user. */
  subcommand(
    name: string,
    sub: string,
    options: Record<string, string | boolean | undefined>,
    user: FakeUser,
    permissions?: string,
  ): SentInteraction {
    const opt: CommandOption = { name: sub, type: OPTION_TYPE.subcommand, options: optionsFrom(options) };
    return this.sendInteraction(INTERACTION.command, { id: snowflake(), name, type: 1, options: [opt] }, user, {}, permissions);
  }

  /** Autocomplete while typing `focused` (type 4). */
  autocomplete(
    name: string,
    options: Record<string, string | boolean | undefined>,
    focused: string,
    user: FakeUser,
    sub?: string,
  ): SentInteraction {
    const opts = optionsFrom(options, focused);
    const data = sub ? [{ name: sub, type: OPTION_TYPE.subcommand, options: opts }] : opts;
    return this.sendInteraction(INTERACTION.autocomplete, { id: snowflake(), name, type: 1, options: data }, user);
  }

  /** A click on a button with `customId` on `message` (pass flags 64 for an ephemeral one). */
  clickButton(customId: string, message: Record<string, unknown>, user: FakeUser): SentInteraction {
    return this.sendInteraction(INTERACTION.component, { custom_id: customId, component_type: 2 }, user, { message });
  }

  /** The message context menu command `name` on `target`. */
  messageCommand(name: string, target: Record<string, unknown>, user: FakeUser): SentInteraction {
    const targetId = target.id as string;
    return this.sendInteraction(
      INTERACTION.command,
      { id: snowflake(), name, type: 3, target_id: targetId, resolved: { messages: { [targetId]: target } } },
      user,
    );
  }

  /** The message an interaction response created, as Discord would show it (for clicking its buttons). */
  messageFromCallback(call: RestCall): Record<string, unknown> {
    const data = (call.body?.data ?? {}) as Record<string, unknown>;
    return apiMessage({
      channelId: this.channelId,
      guildId: this.guild.id,
      author: this.bot,
      content: (data.content as string | undefined) ?? '',
      embeds: (data.embeds as unknown[] | undefined) ?? [],
      components: (data.components as unknown[] | undefined) ?? [],
      flags: (data.flags as number | undefined) ?? 0,
    });
  }

  // ---- Gateway ------------------------------------------------------------------------

  private broadcast(payload: unknown): void {
    const text = JSON.stringify(payload);
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    ws.on('message', (raw) => this.onGatewayMessage(ws, wireText(raw)));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private onGatewayMessage(ws: WebSocket, text: string): void {
    let payload: { op: number; d: Record<string, unknown> | number | null };
    try {
      payload = JSON.parse(text) as typeof payload;
    } catch {
      ws.close(4002, 'decode error');
      return;
    }
    this.gatewayLog.push({ op: payload.op, d: payload.op === 2 ? { ...(payload.d as object), token: '[redacted]' } : payload.d });
    const send = (p: unknown): void => ws.send(JSON.stringify(p));
    switch (payload.op) {
      case 1:
        send({ op: 11 });
        return;
      case 2: {
        const d = payload.d as { token?: string; shard?: [number, number] };
        if (d.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const shard = d.shard ?? [0, 1];
        if (shard[1] !== this.shardCount && this.shardCount > 1) {
          ws.close(shard[1] === 1 ? 4011 : 4010, shard[1] === 1 ? 'Sharding required.' : 'Invalid shard.');
          return;
        }
        if (shard[0] < 0 || shard[0] >= shard[1]) {
          ws.close(4010, 'Invalid shard.');
          return;
        }
        for (const [id, s] of this.sessions) if (s.socket === ws || s.shard[0] === shard[0]) this.sessions.delete(id);
        const session: Session = { id: `session-${snowflake()}`, socket: ws, shard };
        this.sessions.set(session.id, session);
        this.identifyCount++;
        this.identifiedShards.push(shard);
        const mine = this.guilds.filter((g) => shardOf(g.id, this.shardCount) === shard[0]);
        send({
          op: 0,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: apiUser(this.bot),
            guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard,
            application: { id: this.applicationId, flags: 0 },
          },
        });
        // discord.js drops guild messages for guilds and channels it has not cached.
        for (const g of mine) send({ op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: apiGuild(g, this.bot) });
        this.events.emit('identify');
        return;
      }
      case 6: {
        const d = payload.d as { session_id?: string; token?: string };
        const session = d.session_id === undefined ? undefined : this.sessions.get(d.session_id);
        if (!session || d.token !== this.token) {
          send({ op: 9, d: false });
          return;
        }
        session.socket = ws;
        this.resumeCount++;
        send({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
        this.events.emit('resume');
        return;
      }
      default:
        return;
    }
  }

  // ---- REST ---------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // discord.js encodes `@original` as `%40original`.
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const call: RestCall = {
      seq: this.calls.length + 1,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(raw, req.headers['content-type']),
      authorization: req.headers.authorization,
      status: 0,
    };
    const reply = this.takeFault(method, path) ?? this.route(method, path, call);
    call.status = reply.status;
    const delay = this.restDelayMs?.(method, path) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    this.calls.push(call);
    send(res, reply);
    this.events.emit('call', call);
  }

  private takeFault(method: string, path: string): CannedResponse | null {
    const fault = this.faults.find((f) => f.method === method && f.path.test(path) && f.remaining > 0);
    if (!fault) return null;
    fault.remaining--;
    return fault.response;
  }

  private store(channelId: string, msg: Record<string, unknown>): void {
    const list = this.messages.get(channelId) ?? [];
    list.push(msg);
    this.messages.set(channelId, list);
  }

  private botMessage(channelId: string, body: Record<string, unknown> | undefined, webhookId?: string): Record<string, unknown> {
    const b = body ?? {};
    const msg = apiMessage({
      channelId,
      guildId: this.guilds.find((g) => g.channels.some((c) => c.id === channelId))?.id,
      author: this.bot,
      content: (b.content as string | undefined) ?? '',
      embeds: (b.embeds as unknown[] | undefined) ?? [],
      components: (b.components as unknown[] | undefined) ?? [],
      flags: (b.flags as number | undefined) ?? 0,
      messageReference: b.message_reference,
      webhookId,
    });
    this.store(channelId, msg);
    return msg;
  }

  private route(method: string, path: string, call: RestCall): CannedResponse {
    if (call.authorization !== undefined && call.authorization !== `Bot ${this.token}`) {
      return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    }
    const ok = (body: unknown): CannedResponse => ({ status: 200, body });
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      return ok({
        url: this.gatewayUrl,
        shards: this.shardCount,
        // Every shard may identify at once (large-bot concurrency), so tests do not wait 5 s per shard.
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.shardCount },
      });
    }
    if (method === 'GET' && path === '/users/@me') return ok(apiUser(this.bot));
    if (method === 'GET' && path === '/applications/@me')
      return ok({ id: this.applicationId, name: 'termbot', bot: apiUser(this.bot), flags: 0 });
    if ((m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && method === 'POST') {
      if (!this.tokens.has(m[2]!)) return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
      const cb = call.body as { type?: number; data?: Record<string, unknown> } | undefined;
      if (cb?.type === 4 || cb?.type === 7) {
        const problems = messageProblems(cb.data ?? {});
        if (problems.length) return invalidFormBody(problems);
      }
      return { status: 204 };
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const t = this.tokens.get(m[2]!);
      if (!t) return { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      if (method === 'DELETE') return { status: 204 };
      const problems = messageProblems((call.body ?? {}) as Record<string, unknown>);
      if (problems.length) return invalidFormBody(problems);
      return ok(this.botMessage(t.channelId, call.body as Record<string, unknown>, this.applicationId));
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const channelId = m[1]!;
      if (!this.knownChannel(channelId)) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
      if (method === 'POST') {
        const body = (call.body ?? {}) as Record<string, unknown>;
        const problems = messageProblems(body);
        if (problems.length) return invalidFormBody(problems);
        // enforce_nonce: a repeat of a nonce within the window returns the message created the first time.
        const key = body.enforce_nonce === true && body.nonce !== undefined ? `${channelId}:${JSON.stringify(body.nonce)}` : null;
        const seen = key ? this.nonces.get(key) : undefined;
        if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) return ok(seen.message);
        const message = this.botMessage(channelId, body);
        if (key) this.nonces.set(key, { message, at: Date.now() });
        return ok(message);
      }
      if (method === 'GET') {
        const limit = Math.min(100, Number(call.query.limit ?? 50));
        return ok([...(this.messages.get(channelId) ?? [])].reverse().slice(0, limit));
      }
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/)) && method === 'POST') {
      const body = call.body as { name?: string };
      return ok({
        id: m[2],
        type: 11,
        name: body.name ?? 'thread',
        parent_id: m[1],
        guild_id: this.guild.id,
        owner_id: this.bot.id,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      });
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/)) && method === 'PUT') {
      const list = Array.isArray(call.body) ? (call.body as Record<string, unknown>[]) : [];
      return ok(
        list.map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: snowflake(), ...(m![2] ? { guild_id: m![2] } : {}) })),
      );
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private knownChannel(id: string): boolean {
    return this.guilds.some((g) => g.channels.some((c) => c.id === id)) || [...this.dmChannels.values()].includes(id);
  }
}

const invalidFormBody = (problems: string[]): CannedResponse => ({
  status: 400,
  body: { message: 'Invalid Form Body', code: 50035, errors: problems },
});

/**
 * What real Discord would reject in a message body with 50035 Invalid Form Body: content,
 * embed and component limits. Edits may carry only some fields, so an empty body is allowed.
 */
export function messageProblems(body: Record<string, unknown>): string[] {
  const out: string[] = [];
  const len = (v: unknown): number => (typeof v === 'string' ? v.length : 0);
  if (len(body.content) > 2000) out.push(`content: ${len(body.content)} > 2000`);

  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > 10) out.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const fields = (Array.isArray(e.fields) ? e.fields : []) as { name?: unknown; value?: unknown }[];
    const check = (what: string, v: unknown, max: number, required = false): void => {
      if (len(v) > max) out.push(`embeds[${i}].${what}: ${len(v)} > ${max}`);
      if (required && len(v) === 0) out.push(`embeds[${i}].${what}: empty`);
      total += len(v);
    };
    check('title', e.title, 256);
    check('description', e.description, 4096);
    check('footer.text', e.footer?.text, 2048);
    check('author.name', e.author?.name, 256);
    if (fields.length > 25) out.push(`embeds[${i}].fields: ${fields.length} > 25`);
    fields.forEach((f, j) => {
      check(`fields[${j}].name`, f.name, 256, true);
      check(`fields[${j}].value`, f.value, 1024, true);
    });
  });
  if (total > 6000) out.push(`embeds: ${total} characters > 6000`);

  const rows = Array.isArray(body.components) ? body.components : [];
  if (rows.length > 5) out.push(`components: ${rows.length} rows > 5`);
  const ids = new Set<string>();
  rows.forEach((r, i) => {
    const items = (Array.isArray(r.components) ? r.components : []) as { custom_id?: string; label?: string }[];
    if (items.length === 0 || items.length > 5) out.push(`components[${i}]: ${items.length} buttons`);
    items.forEach((b, j) => {
      if (len(b.label) > 80) out.push(`components[${i}][${j}].label: ${len(b.label)} > 80`);
      if (b.custom_id !== undefined) {
        if (b.custom_id.length === 0 || b.custom_id.length > 100)
          out.push(`components[${i}][${j}].custom_id: length ${b.custom_id.length}`);
        if (ids.has(b.custom_id)) out.push(`components[${i}][${j}].custom_id: duplicate ${b.custom_id}`);
        ids.add(b.custom_id);
      }
    });
  });
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('multipart/form-data')) {
    // Attachments come as multipart; the JSON part is `payload_json`.
    const m = raw.match(/name="payload_json"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/);
    return m ? JSON.parse(m[1]!) : raw;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function send(res: ServerResponse, reply: CannedResponse): void {
  const headers: Record<string, string> = { ...reply.headers };
  // A 204 must not claim JSON: discord.js would then try to parse the empty body.
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(reply.body));
}

/** A WebSocket frame's text (ws hands over a Buffer, an ArrayBuffer or fragments). */
function wireText(raw: WebSocket.RawData): string {
  return (Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString('utf8');
}
