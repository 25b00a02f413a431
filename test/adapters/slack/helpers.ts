import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { parseConfig } from '../../../src/app/config.js';
import { loadTermbot, type Termbot } from '../../../src/core/termbot.js';
import type { SlackAppOptions } from '../../../src/adapters/slack/app.js';
import type { AppContext } from '../../../src/adapters/types.js';
import type { Logger } from '../../../src/logger.js';

export const KNOWLEDGE_DIR = path.resolve(import.meta.dirname, '../../../knowledge');

let botPromise: Promise<Termbot> | null = null;
/** The bundled knowledge, loaded once per test file. */
export function loadBot(): Promise<Termbot> {
  botPromise ??= loadTermbot(KNOWLEDGE_DIR).then((r) => r.bot);
  return botPromise;
}

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A pino logger that keeps every line in memory, so tests can wait for and assert on logs. */
export function memoryLogger(): {
  logger: Logger;
  lines: LogLine[];
  waitForLog: (match: (l: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
} {
  const lines: LogLine[] = [];
  const listeners = new Set<() => void>();
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      for (const l of listeners) l();
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  const waitForLog = (match: (l: LogLine) => boolean, timeoutMs = 5000): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = lines.find(match);
        if (!hit) return false;
        listeners.delete(probe);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const probe = (): void => void check();
      const timer = setTimeout(() => {
        listeners.delete(probe);
        reject(new Error(`no matching log line within ${timeoutMs} ms; got: ${lines.map((l) => l.msg).join(' | ')}`));
      }, timeoutMs);
      listeners.add(probe);
      check();
    });
  return { logger, lines, waitForLog };
}

export function testContext(bot: Termbot, logger: Logger, extra: Partial<AppContext> = {}): AppContext {
  const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-signing-secret' }, process.cwd());
  return { config, logger, bot, ...extra };
}

/** HTTP mode against a fake Slack: its signing secret and Web API, any free port, no client-side retries (tests see each call once). */
export function httpOptions(fake: { signingSecret: string; apiUrl: string }): SlackAppOptions {
  return { mode: 'http', botToken: 'xoxb-test', signingSecret: fake.signingSecret, port: 0, apiUrl: fake.apiUrl, apiRetries: 0 };
}

/** Lets in-flight work after an ack finish (a round trip through the event loop and the fake). */
export const settle = (ms = 50): Promise<void> => new Promise((r) => setTimeout(r, ms));
