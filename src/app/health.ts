import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Liveness and readiness of the running bot, for orchestrators (Docker HEALTHCHECK, Kubernetes probes,
 * load balancers). `/healthz`: the process is alive and serving HTTP. `/readyz`: every configured
 * component is up (knowledge loaded, each chat adapter connected, the term-of-the-day store open or
 * deliberately disabled); 503 otherwise, with each component's state in the JSON body.
 */
export type ComponentState =
  /** Working. */
  | 'up'
  /** Configured, not working yet (connecting, retrying). Not ready. */
  | 'starting'
  /** Configured and failed. Not ready. */
  | 'down'
  /** Deliberately off (e.g. the term of the day with no usable database and nothing subscribed). Ready. */
  | 'disabled';

export interface ComponentStatus {
  state: ComponentState;
  /** Why, for anything but "up". */
  reason?: string;
  /** When the state last changed (ISO). */
  since: string;
}

interface Entry {
  state: ComponentState;
  reason?: string;
  since: Date;
  /** A live check that can turn "up" into "down" (e.g. the Discord gateway dropped). */
  live?: () => { up: boolean; reason?: string };
}

export type HealthHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class Health {
  private readonly components = new Map<string, Entry>();
  private stopping = false;
  private readonly started = Date.now();

  constructor(private readonly now: () => Date = () => new Date()) {}

  set(name: string, state: ComponentState, reason?: string): void {
    const prev = this.components.get(name);
    if (prev && prev.state === state && prev.reason === reason) return;
    this.components.set(name, { state, ...(reason ? { reason } : {}), since: this.now(), ...(prev?.live ? { live: prev.live } : {}) });
  }

  /** Attaches a live check to a component; consulted only while the component is "up". */
  watch(name: string, live: () => { up: boolean; reason?: string }): void {
    const e = this.components.get(name) ?? { state: 'starting' as const, since: this.now() };
    this.components.set(name, { ...e, live });
  }

  /** Shutting down: no longer ready, so load balancers stop sending work. */
  markStopping(): void {
    this.stopping = true;
  }

  snapshot(): { ready: boolean; stopping: boolean; components: Record<string, ComponentStatus> } {
    const components: Record<string, ComponentStatus> = {};
    let ready = !this.stopping;
    for (const [name, e] of this.components) {
      let { state, reason } = e;
      if (state === 'up' && e.live) {
        const l = e.live();
        if (!l.up) {
          state = 'down';
          reason = l.reason;
        }
      }
      if (state === 'starting' || state === 'down') ready = false;
      components[name] = { state, ...(reason ? { reason } : {}), since: e.since.toISOString() };
    }
    return { ready, stopping: this.stopping, components };
  }

  /** Serves GET and HEAD /healthz and /readyz; answers 404 for other paths (it is only mounted on those). */
  readonly handler: HealthHandler = (req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url !== '/healthz' && url !== '/readyz') return send(req, res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(req, res, 405, { error: 'method not allowed' });
    }
    const snap = this.snapshot();
    if (url === '/healthz') {
      return send(req, res, 200, { ok: true, uptimeSeconds: Math.round((Date.now() - this.started) / 1000), stopping: snap.stopping });
    }
    send(req, res, snap.ready ? 200 : 503, { ok: snap.ready, ...snap });
  };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}
