import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../../logger.js';

/**
 * The HTTP front of Slack's HTTP mode. Everything Slack sends is checked here before Bolt sees
 * it: a timestamp within 5 minutes either way (Bolt only refuses old ones), a valid signature,
 * a signature not seen before (a replayed request is acknowledged and dropped), and a body that
 * parses to an object (Bolt leaves `payload=null` unanswered with an unhandled rejection).
 * Health checks are answered here too, so they work whatever Bolt routes.
 */

/** How far a request's timestamp may be from our clock, either way (Slack's own rule for the past). */
export const MAX_SKEW_MS = 5 * 60_000;
/** Bolt's limit for a request body. */
const BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Signatures already accepted, remembered for as long as their timestamp is acceptable. In memory
 * for one process; several replicas share the database's (src/store/sqlite-seen-requests.ts), so a
 * replay that lands on another replica is still dropped.
 */
export interface SeenRequests {
  /** True when `signature` was seen before (a replay); otherwise records it until `expiresAt` and returns false. */
  seen(signature: string, expiresAt: number, now: number): boolean | Promise<boolean>;
}

/** In memory and bounded: expired entries go first, then the oldest (a flood cannot grow it). */
export class MemorySeenRequests implements SeenRequests {
  private readonly until = new Map<string, number>();
  constructor(private readonly max = 50_000) {}

  seen(signature: string, expiresAt: number, now: number): boolean {
    const known = this.until.get(signature);
    if (known !== undefined && known > now) return true;
    if (this.until.size >= this.max) {
      for (const [sig, t] of this.until) if (t <= now) this.until.delete(sig);
      while (this.until.size >= this.max) this.until.delete(this.until.keys().next().value!);
    }
    this.until.set(signature, expiresAt);
    return false;
  }

  get size(): number {
    return this.until.size;
  }
}

/**
 * The shared replay store, or memory while it fails (database away): answers keep flowing, and a
 * replay is still caught on this replica.
 */
export function sharedOrMemory(shared: SeenRequests, log: Logger): SeenRequests {
  const local = new MemorySeenRequests();
  let failing = false;
  return {
    async seen(signature, expiresAt, now) {
      const mine = local.seen(signature, expiresAt, now);
      try {
        const result = await shared.seen(signature, expiresAt, now);
        if (failing) log.info('slack: the shared replay store is back');
        failing = false;
        return result || mine;
      } catch (err) {
        if (!failing) log.warn({ err }, 'slack: the shared replay store failed; checking replays on this replica only');
        failing = true;
        return mine;
      }
    },
  };
}

export interface SlackHttpOptions {
  signingSecret: string;
  /** Bolt's receiver; gets only requests that passed every check (with the body already read). */
  bolt: RequestListener;
  log: Logger;
  seen?: SeenRequests;
  /** Answers GET and HEAD /healthz (and /readyz when the app has one). */
  health: (req: IncomingMessage, res: ServerResponse) => void;
  now?: () => number;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

function finish(res: ServerResponse, status: number, body = ''): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Whether the body is something Bolt can dispatch: a JSON object, or a form (with a `payload` that is a JSON object). */
function wellFormed(body: string, contentType: string | undefined): boolean {
  try {
    if (contentType?.startsWith('application/x-www-form-urlencoded')) {
      const form = parseQuery(body);
      if (form.payload === undefined) return true;
      if (typeof form.payload !== 'string') return false;
      const payload: unknown = JSON.parse(form.payload);
      return typeof payload === 'object' && payload !== null && !Array.isArray(payload);
    }
    const json: unknown = JSON.parse(body);
    return typeof json === 'object' && json !== null && !Array.isArray(json);
  } catch {
    return false;
  }
}

function signatureValid(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function slackHttpListener(opts: SlackHttpOptions): RequestListener {
  const seen = opts.seen ?? new MemorySeenRequests();
  const now = opts.now ?? Date.now;
  const { log } = opts;

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    if (!raw) return finish(res, 413);
    const body = raw.toString('utf8');
    const contentType = header(req, 'content-type');
    // Slack's SSL check carries no signature and does nothing; Bolt answers it (and strips anything else).
    const sslCheck = contentType?.startsWith('application/x-www-form-urlencoded') && parseQuery(body).ssl_check === '1';
    if (!sslCheck) {
      const timestamp = header(req, 'x-slack-request-timestamp') ?? '';
      const signature = header(req, 'x-slack-signature') ?? '';
      const at = Number(timestamp) * 1000;
      const t = now();
      if (!/^\d{1,12}$/.test(timestamp) || Math.abs(t - at) > MAX_SKEW_MS) {
        log.info({ timestamp: timestamp.slice(0, 20) }, 'refusing a Slack request outside the 5-minute window');
        return finish(res, 401);
      }
      if (!signatureValid(opts.signingSecret, timestamp, body, signature)) {
        log.info('refusing a Slack request with a bad signature');
        return finish(res, 401);
      }
      if (await seen.seen(signature, at + MAX_SKEW_MS, t)) {
        log.info({ retryNum: header(req, 'x-slack-retry-num') }, 'dropping a replayed Slack request');
        return finish(res, 200);
      }
      if (!wellFormed(body, contentType)) {
        log.info({ contentType, length: body.length }, 'refusing a malformed Slack payload');
        return finish(res, 400);
      }
    }
    // Bolt reads the body from here instead of the (already consumed) stream.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    opts.bolt(req, res);
  }

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if ((path === '/healthz' || path === '/readyz') && (req.method === 'GET' || req.method === 'HEAD')) return opts.health(req, res);
    if (path === '/slack/events' && req.method === 'POST') {
      events(req, res).catch((err: unknown) => {
        log.warn({ err }, 'could not read a Slack request');
        if (!res.headersSent) finish(res, 400);
        else res.end();
      });
      return;
    }
    // Everything else, the OAuth pages included (GET /slack/install, /slack/oauth_redirect when
    // installable), is Bolt's: it answers what it serves and 404s the rest.
    opts.bolt(req, res);
  };
}
