import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthHandler } from './health.js';

/**
 * Limits for every HTTP server the bot runs (the health server, and Bolt's in Slack HTTP mode):
 * a client that sends headers or a body slowly, or never finishes, is cut off instead of holding a
 * connection (and shutdown) open. Slack's own requests are small and arrive in milliseconds.
 */
export const HTTP_SERVER_OPTIONS: ServerOptions = {
  // Whole request, headers and body: Slack expects an answer within 3 s anyway.
  requestTimeout: 10_000,
  // Headers alone.
  headersTimeout: 5_000,
  // Idle keep-alive connections are closed after this.
  keepAliveTimeout: 5_000,
  // How often Node checks the two timeouts above (default 30 s would let a slow client linger).
  connectionsCheckingInterval: 1_000,
};

/**
 * What an adapter that owns the HTTP server (Slack HTTP mode) gets from the app: the health routes to
 * mount, the server limits, and how long in-flight requests get at shutdown before they are cut.
 */
export interface HttpHooks {
  health: HealthHandler;
  serverOptions: ServerOptions;
  /** At stop: idle connections close at once, busy ones after this many ms. */
  forceCloseAfterMs: number;
}

/** Closes a server: idle connections now, lingering ones after `graceMs`; resolves when closed. */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export interface HealthServer {
  readonly port: number;
  close(graceMs: number): Promise<void>;
}

/** The standalone health server, for modes without Slack's HTTP server (Discord, Slack Socket Mode). */
export async function startHealthServer(handler: HealthHandler, port: number): Promise<HealthServer> {
  const server = createServer(HTTP_SERVER_OPTIONS, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: (graceMs) => closeServer(server, graceMs),
  };
}
