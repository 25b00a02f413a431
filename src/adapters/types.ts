import type { Config } from '../app/config.js';
import type { Insights } from '../core/insights/service.js';
import type { Termbot } from '../core/termbot.js';
import type { TotdPoster, TotdService } from '../core/totd/types.js';
import type { Logger } from '../logger.js';
import type { HttpHooks } from '../app/http-server.js';
import type { InstallationStore, SeenRequestStore } from '../core/ports/installation-store.js';

/** What every adapter gets at start: configuration, logs, the core, and the term-of-the-day service when enabled. */
export interface AppContext {
  config: Config;
  logger: Logger;
  bot: Termbot;
  totd?: TotdService;
  /** Misses, answers and Helpful? votes; absent when INSIGHTS=off or its database cannot be opened. */
  insights?: Insights;
  /** [runtime] Health routes and HTTP limits for the adapter that owns the HTTP server (Slack HTTP mode); set by src/app/main.ts. */
  http?: HttpHooks;
  /** Slack installations and seen requests in the shared database, when it is open. */
  stores?: { installations: InstallationStore; seenRequests: SeenRequestStore };
}

/** A started platform adapter. */
export interface RunningAdapter {
  readonly name: 'discord' | 'slack';
  /** Posts term-of-the-day cards on this platform. */
  readonly poster: TotdPoster;
  /** Disconnects cleanly; resolves when done. */
  stop(): Promise<void>;
  /** [runtime] Whether the platform connection is up right now (for /readyz); omitted = up once started. */
  connected?(): boolean;
}
