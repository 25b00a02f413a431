import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childArgs, childCacheEnv } from '../support/child-build.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = 'app/main';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/**
 * The real bot (`src/app/main.ts`) as a child process, as a supervisor runs it: env only from the
 * test (no .env: cwd is a temp folder), stderr parsed as JSON log lines. Loopback only.
 */
export class BotProcess {
  readonly child: ChildProcess;
  readonly lines: LogLine[] = [];
  /** Lines on stderr that were not JSON (must stay empty: every log line is JSON). */
  readonly plain: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  private buffer = '';

  constructor(env: Record<string, string>, cwd: string, script = MAIN, args: string[] = []) {
    // `script`: an entry under src/ ('app/main'), run compiled (child-build.ts), or a .ts file of the tests, run through tsx.
    const command = script.endsWith('.ts') ? ['--import', import.meta.resolve('tsx'), script] : childArgs(script);
    this.child = spawn(process.execPath, [...command, ...args], {
      cwd,
      // The parse cache test/support/global-setup.ts filled (unless a test names its own): no child parses every card again.
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'info',
        PORT: '0',
        ...childCacheEnv(),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.buffer += d.toString();
      let i: number;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 1);
        if (!line.trim()) continue;
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          this.plain.push(line);
        }
      }
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  }

  /** Waits (bounded) for a log line; throws with the log so far when it does not come. */
  async waitForLog(pred: (l: LogLine) => boolean, timeoutMs = 15_000, what = 'log line'): Promise<LogLine> {
    const end = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < end) {
      const hit = this.lines.find(pred);
      if (hit) return hit;
      if (exited) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const hit = this.lines.find(pred);
    if (hit) return hit;
    throw new Error(
      `no ${what} within ${timeoutMs} ms${exited ? ' (the bot exited)' : ''}; log:\n${this.lines.map((l) => JSON.stringify(l)).join('\n')}\n${this.plain.join('\n')}`,
    );
  }

  /** The port the probes are on (the health server's, or Slack's in HTTP mode). */
  async port(): Promise<number> {
    const l = await this.waitForLog((l) => typeof l.port === 'number' && /listening/.test(l.msg), 20_000, 'listening line');
    return l.port as number;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): number {
    this.child.kill(signal);
    return Date.now();
  }

  /** Cleanup for afterEach: never leaves a bot running. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}

export async function get(port: number, urlPath: string, method = 'GET'): Promise<{ status: number; body: string; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { method, signal: AbortSignal.timeout(5_000) });
  const body = await res.text();
  let json: unknown = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, json };
}
