import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Incoming } from './payloads.js';
import { signedHeaders } from './signer.js';

/**
 * A local fake of the Slack platform for end-to-end tests, on 127.0.0.1 only:
 * - the Web API (`/api/<method>`), recording every call; point the app's
 *   `slackApiUrl` at `apiUrl` (it ends with a slash, as the Web API client wants);
 * - response_url endpoints (`/response/<id>`), recording every post;
 * - a Socket Mode WebSocket (`apps.connections.open` returns `socketUrl`);
 * - helpers that send what Slack sends: signed HTTP requests or Socket Mode envelopes.
 * Everything is bounded: waits time out with a message listing what did arrive.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded payloads are arbitrary JSON
export type Json = any;

export interface ApiCall {
  method: string;
  args: Record<string, Json>;
  /** The bearer token the client sent (xoxb- for the bot, xapp- for Socket Mode). */
  token: string | null;
}

export interface ResponsePost {
  id: string;
  body: Record<string, Json>;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, Json>;
}

export type Responder = (call: ApiCall) => Reply | undefined;

/** A workspace the app can be installed into: an install with `code` gets `botToken`. */
export interface FakeWorkspace {
  teamId: string;
  teamName?: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** The authorisation code Slack hands the installer's browser for this workspace. */
  code: string;
}

export interface FakeSlackOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** Used by the send helpers; the app under test must use the same. */
  signingSecret?: string;
  /** The app's OAuth credentials; oauth.v2.access refuses others (invalid_client_id / bad_client_secret). */
  clientId?: string;
  clientSecret?: string;
}

export interface SendOptions {
  /** Sign with another secret (forged requests). */
  secret?: string;
  /** Unix seconds; an old one makes a stale request. */
  timestamp?: number;
  /** Replace the computed signature entirely. */
  signature?: string;
  /** Adds x-slack-retry-num / x-slack-retry-reason as Slack does on redelivery. */
  retryNum?: number;
  path?: string;
}

interface StoredMessage {
  ts: string;
  channel: string;
  text?: string;
  blocks?: Json[];
  metadata?: Json;
  thread_ts?: string;
  bot_id: string;
  user: string;
  type: 'message';
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responsePosts: ResponsePost[] = [];
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly signingSecret: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Workspaces by bot token; a token revoked by an uninstall answers invalid_auth / token_revoked. */
  private readonly workspaces = new Map<string, FakeWorkspace>();
  private readonly revoked = new Set<string>();

  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private readonly sockets = new Set<WebSocket>();
  private readonly connections = new Set<Socket>();
  private readonly events = new EventEmitter();
  private readonly once = new Map<string, Reply[]>();
  private readonly responders = new Map<string, Responder>();
  private readonly history = new Map<string, StoredMessage[]>();
  private readonly pendingAcks = new Map<string, (payload: Json) => void>();
  private readonly holds = new Map<string, Promise<void>>();
  private port = 0;
  private tsCounter = 0;
  private viewCounter = 0;
  private responseCounter = 0;

  constructor(opts: FakeSlackOptions = {}) {
    this.botUserId = opts.botUserId ?? 'U0TERMBOT';
    this.botId = opts.botId ?? 'B0TERMBOT';
    this.teamId = opts.teamId ?? 'T0TEAM';
    this.signingSecret = opts.signingSecret ?? 'test-signing-secret';
    this.clientId = opts.clientId ?? '1111.2222';
    this.clientSecret = opts.clientSecret ?? 'test-client-secret';
    this.events.setMaxListeners(100);
  }

  // ---- workspaces (OAuth) ----

  /** Adds a workspace: oauth.v2.access with its `code` returns its token; auth.test and posts with that token are its. */
  addWorkspace(w: FakeWorkspace): FakeWorkspace {
    this.workspaces.set(w.botToken, w);
    this.revoked.delete(w.botToken);
    return w;
  }

  /** Revokes a workspace's token (as an uninstall does): calls with it fail with token_revoked. */
  revoke(botToken: string): void {
    this.revoked.add(botToken);
  }

  /** The workspace whose token made a call, if it was a workspace token. */
  workspaceOf(call: ApiCall): FakeWorkspace | undefined {
    return call.token ? this.workspaces.get(call.token) : undefined;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }
  get socketUrl(): string {
    return `ws://127.0.0.1:${this.port}/socket`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.connections.add(s);
      s.on('close', () => this.connections.delete(s));
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/socket')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.wss = wss;
  }

  async stop(): Promise<void> {
    this.holds.clear();
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const c of this.connections) c.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A fresh response_url; posts to it land in `responsePosts` with this id. */
  newResponseUrl(): string {
    return `${this.baseUrl}/response/r${++this.responseCounter}`;
  }

  // ---- shaping replies ----

  /** Answers the next call of `method` with `reply` (queued, first in first out). */
  replyOnce(method: string, reply: Reply): void {
    const q = this.once.get(method) ?? [];
    q.push(reply);
    this.once.set(method, q);
  }

  /** The next call of `method` fails with a Slack platform error such as `not_in_channel`. */
  failNext(method: string, error: string, times = 1): void {
    for (let i = 0; i < times; i++) this.replyOnce(method, { body: { ok: false, error } });
  }

  /** The next call of `method` is rate limited (HTTP 429 with Retry-After). */
  rateLimitNext(method: string, retryAfterSeconds = 30): void {
    this.replyOnce(method, {
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      body: { ok: false, error: 'ratelimited' },
    });
  }

  /** The next call of `method` gets an HTTP error status (5xx: Slack having a bad day). */
  httpErrorNext(method: string, status = 503): void {
    this.replyOnce(method, { status, body: { ok: false, error: 'service_unavailable' } });
  }

  /** A persistent custom answer for `method`; return undefined to fall back to the default. */
  setResponder(method: string, responder: Responder | null): void {
    if (responder) this.responders.set(method, responder);
    else this.responders.delete(method);
  }

  /**
   * Holds every request to `method` (or `'response_url'`) until the returned release is
   * called; the request is recorded on arrival. Proves ordering without timing, e.g. that
   * an ack is sent before the real work finishes.
   */
  hold(method: string): () => void {
    let release!: () => void;
    this.holds.set(method, new Promise<void>((r) => (release = r)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  // ---- inspecting ----

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages the bot posted in a channel, newest first (what conversations.history returns). */
  messagesIn(channel: string): StoredMessage[] {
    return [...(this.history.get(channel) ?? [])].reverse();
  }

  /** Puts a message into a channel's history as if posted earlier (e.g. before a crash). */
  seedMessage(channel: string, message: Partial<StoredMessage>, by?: FakeWorkspace): StoredMessage {
    const stored: StoredMessage = {
      type: 'message',
      ts: this.nextTs(),
      channel,
      bot_id: by?.botId ?? this.botId,
      user: by?.botUserId ?? this.botUserId,
      ...message,
    };
    const list = this.history.get(channel) ?? [];
    list.push(stored);
    this.history.set(channel, list);
    return stored;
  }

  /** Resolves with the first call (already recorded or future) matching; rejects after `timeoutMs`. */
  waitForCall(method: string, match: (c: ApiCall) => boolean = () => true, timeoutMs = 5000, from = 0): Promise<ApiCall> {
    return this.waitFor(() => this.calls.slice(from).find((c) => c.method === method && match(c)), `a ${method} call`, timeoutMs);
  }

  /** Waits for `count` calls of `method` in total (from index `from`). */
  waitForCalls(method: string, count: number, timeoutMs = 5000, from = 0): Promise<ApiCall[]> {
    return this.waitFor(
      () => {
        const found = this.calls.slice(from).filter((c) => c.method === method);
        return found.length >= count ? found : undefined;
      },
      `${count} ${method} calls`,
      timeoutMs,
    );
  }

  waitForResponsePost(match: (p: ResponsePost) => boolean = () => true, timeoutMs = 5000, from = 0): Promise<ResponsePost> {
    return this.waitFor(() => this.responsePosts.slice(from).find(match), 'a response_url post', timeoutMs);
  }

  /** Everything Slack received from the app, as one JSON string (for "never contains" assertions). */
  everythingSent(): string {
    return JSON.stringify({ calls: this.calls, responses: this.responsePosts });
  }

  private waitFor<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const hit = probe();
        if (hit === undefined) return;
        cleanup();
        resolve(hit);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls.map((c) => c.method).join(', ') || 'none';
        reject(
          new Error(
            `FakeSlack: timed out after ${timeoutMs} ms waiting for ${what}. API calls so far: ${seen}; response_url posts: ${this.responsePosts.length}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('record', check);
      };
      this.events.on('record', check);
    });
  }

  // ---- sending like Slack ----

  /** Sends a payload to an app in HTTP mode exactly as Slack would: encoded, signed, optionally as a retry. */
  async send(appUrl: string, incoming: Incoming, opts: SendOptions = {}): Promise<{ status: number; body: string }> {
    const { body, contentType } = encode(incoming);
    const headers: Record<string, string> = {
      'content-type': contentType,
      ...signedHeaders(opts.secret ?? this.signingSecret, body, opts.timestamp),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    if (opts.signature) headers['x-slack-signature'] = opts.signature;
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const res = await fetch(`${appUrl.replace(/\/$/, '')}${opts.path ?? '/slack/events'}`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(5000),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Sends a raw body, signed like Slack would sign it (for malformed payloads Slack itself never sends). */
  async sendRaw(
    appUrl: string,
    body: string,
    contentType: string,
    opts: Pick<SendOptions, 'timestamp' | 'path'> = {},
  ): Promise<{ status: number; body: string }> {
    const headers = { 'content-type': contentType, ...signedHeaders(this.signingSecret, body, opts.timestamp) };
    const res = await fetch(`${appUrl.replace(/\/$/, '')}${opts.path ?? '/slack/events'}`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(5000),
    });
    return { status: res.status, body: await res.text() };
  }

  /** Resolves once an app has connected over Socket Mode (and got its hello). */
  waitForSocket(timeoutMs = 5000): Promise<void> {
    return this.waitFor(() => (this.sockets.size > 0 ? true : undefined), 'a Socket Mode connection', timeoutMs).then(() => undefined);
  }

  /** Sends a Socket Mode envelope and resolves with the app's ack payload. */
  sendEnvelope(incoming: Incoming, opts: { retryAttempt?: number; timeoutMs?: number } = {}): Promise<Json> {
    const ws = [...this.sockets][0];
    if (!ws) return Promise.reject(new Error('FakeSlack: no Socket Mode connection'));
    const envelopeId = randomUUID();
    const envelope: Record<string, Json> = {
      envelope_id: envelopeId,
      type: incoming.kind,
      payload: incoming.payload,
      accepts_response_payload: incoming.kind !== 'events_api',
    };
    if (incoming.kind === 'events_api') {
      envelope.retry_attempt = opts.retryAttempt ?? 0;
      envelope.retry_reason = opts.retryAttempt ? 'timeout' : '';
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelopeId);
        reject(new Error(`FakeSlack: no ack for ${incoming.kind} envelope within ${opts.timeoutMs ?? 5000} ms`));
      }, opts.timeoutMs ?? 5000);
      this.pendingAcks.set(envelopeId, (payload) => {
        clearTimeout(timer);
        resolve(payload);
      });
      ws.send(JSON.stringify(envelope));
    });
  }

  // ---- internals ----

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let msg: Json;
      try {
        msg = JSON.parse((Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString('utf8'));
      } catch {
        return;
      }
      const done = typeof msg?.envelope_id === 'string' ? this.pendingAcks.get(msg.envelope_id) : undefined;
      if (done) {
        this.pendingAcks.delete(msg.envelope_id);
        done(msg.payload ?? {});
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'fake-slack' },
        connection_info: { app_id: 'A0TERMBOT' },
      }),
    );
    this.events.emit('record');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      this.responsePosts.push({ id: url.pathname.slice('/response/'.length), body: parseBody(raw, req.headers['content-type']) });
      this.events.emit('record');
      await this.holds.get('response_url');
      return json(res, 200, { ok: true });
    }
    if (url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const auth = req.headers.authorization;
      const args = { ...Object.fromEntries(url.searchParams), ...parseBody(raw, req.headers['content-type']) };
      const call: ApiCall = {
        method,
        args,
        token: auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : null,
      };
      this.calls.push(call);
      const reply = this.once.get(method)?.shift() ?? this.responders.get(method)?.(call) ?? { body: this.defaultReply(call) };
      // Record before answering, so waiters see the call no later than the client sees the reply.
      this.events.emit('record');
      await this.holds.get(method);
      return json(res, reply.status ?? 200, reply.body ?? { ok: true }, reply.headers);
    }
    json(res, 404, { ok: false, error: 'unknown_method' });
  }

  /** Exchanges an authorisation code; the client authenticates with its id and secret (form fields or HTTP Basic). */
  private oauthAccess(a: Record<string, Json>): Record<string, Json> {
    if (a.client_id !== this.clientId) return { ok: false, error: 'invalid_client_id' };
    if (a.client_secret !== this.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const w = [...this.workspaces.values()].find((x) => x.code === a.code);
    if (!w) return { ok: false, error: 'invalid_code' };
    // A code works once.
    w.code = `used:${w.code}`;
    this.revoked.delete(w.botToken);
    return oauthAnswer(w, 'commands,chat:write,app_mentions:read,channels:history,groups:history');
  }

  private nextTs(): string {
    return `${1_700_000_000 + ++this.tsCounter}.000${String(this.tsCounter).padStart(3, '0')}`;
  }

  private defaultReply(call: ApiCall): Record<string, Json> {
    const a = call.args;
    if (call.token && this.revoked.has(call.token)) return { ok: false, error: 'token_revoked' };
    const ws = this.workspaceOf(call);
    switch (call.method) {
      case 'oauth.v2.access':
        return this.oauthAccess(a);
      case 'auth.test':
        if (ws)
          return {
            ok: true,
            url: `https://${ws.teamId.toLowerCase()}.slack.com/`,
            team: ws.teamName ?? ws.teamId,
            user: 'termbot',
            team_id: ws.teamId,
            user_id: ws.botUserId,
            bot_id: ws.botId,
            is_enterprise_install: false,
          };
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          user: 'termbot',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        };
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'chat.postMessage': {
        const m = this.seedMessage(
          String(a.channel),
          { text: a.text, blocks: a.blocks, metadata: a.metadata, ...(a.thread_ts ? { thread_ts: String(a.thread_ts) } : {}) },
          ws,
        );
        return { ok: true, channel: a.channel, ts: m.ts, message: m };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'chat.update':
        return { ok: true, channel: a.channel, ts: a.ts, text: a.text };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: a.view_id ?? `V0VIEW${++this.viewCounter}`, ...(typeof a.view === 'object' ? a.view : {}) } };
      case 'conversations.history':
        return { ok: true, messages: this.messagesIn(String(a.channel)).slice(0, Number(a.limit) || 100), has_more: false };
      default:
        return { ok: true };
    }
  }
}

/** Slack's oauth.v2.access answer for a bot install (https://docs.slack.dev/reference/methods/oauth.v2.access). */
function oauthAnswer(w: FakeWorkspace, scopes: string): Record<string, Json> {
  return {
    ok: true,
    app_id: 'A0TERMBOT',
    authed_user: { id: 'U0INSTALLER' },
    scope: scopes,
    token_type: 'bot',
    access_token: w.botToken,
    bot_user_id: w.botUserId,
    team: { id: w.teamId, name: w.teamName ?? w.teamId },
    enterprise: null,
    is_enterprise_install: false,
  };
}

function encode(incoming: Incoming): { body: string; contentType: string } {
  switch (incoming.kind) {
    case 'events_api':
      return { body: JSON.stringify(incoming.payload), contentType: 'application/json' };
    case 'interactive':
      return {
        body: new URLSearchParams({ payload: JSON.stringify(incoming.payload) }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'slash_commands':
      return {
        body: new URLSearchParams(Object.entries(incoming.payload).map(([k, v]): [string, string] => [k, String(v)])).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends form fields with objects as JSON strings; respond() sends JSON. */
function parseBody(raw: string, contentType: string | undefined): Record<string, Json> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, Json>;
    } catch {
      return { _raw: raw };
    }
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): Json {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
