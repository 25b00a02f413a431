import type { RunningAdapter } from '../adapters/types.js';
import type { Logger } from '../logger.js';
import type { StartFailure } from './startup-errors.js';

/** Retry timing for connecting an adapter at startup. */
export interface Backoff {
  /** First wait; doubles each attempt. */
  initialMs: number;
  maxMs: number;
  /** Attempts in all, the first included; then startup of this adapter fails. */
  attempts: number;
  /** While one attempt is pending, log "still connecting" this often. */
  progressEveryMs: number;
}

/** About four minutes of trying (1+2+4+8+16+30+30+30+30+30+30+30 s plus each attempt's own timeouts), then give up. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, attempts: 12, progressEveryMs: 10_000 };

/** An adapter that could not start: the variable to fix and why, in one line. */
export class StartupError extends Error {
  constructor(
    readonly adapter: string,
    readonly failure: StartFailure,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    // A reason that already names the variable ("set PORT to a free port") says it once, not again as "(check PORT)".
    const check = failure.variable && !failure.reason.includes(failure.variable) ? ` (check ${failure.variable})` : '';
    super(`${adapter}: ${failure.reason}${check}`, options);
    this.name = 'StartupError';
  }
}

export interface StartPlan {
  name: 'discord' | 'slack';
  /** For log lines: "Discord", "Slack (HTTP mode)". */
  label: string;
  start(): Promise<RunningAdapter>;
  classify(err: unknown): StartFailure;
}

export interface StartHooks {
  log: Logger;
  backoff?: Backoff;
  /** Aborted at shutdown: stops retrying. */
  signal: AbortSignal;
  /** Called on every change, for /readyz. */
  onState(state: 'starting' | 'down', reason?: string): void;
}

/** Starts one adapter, logging progress, retrying transient failures with backoff. Throws StartupError. */
export async function startWithRetry(plan: StartPlan, hooks: StartHooks): Promise<RunningAdapter> {
  const b = hooks.backoff ?? DEFAULT_BACKOFF;
  const log = hooks.log.child({ adapter: plan.name });
  let wait = b.initialMs;
  for (let attempt = 1; ; attempt++) {
    if (hooks.signal.aborted) throw new StartupError(plan.name, { kind: 'permanent', reason: 'shutting down' }, attempt - 1);
    log.info({ attempt }, `connecting to ${plan.label}...`);
    const t0 = Date.now();
    const progress = setInterval(
      () => log.info({ attempt, waitedSeconds: Math.round((Date.now() - t0) / 1000) }, `still connecting to ${plan.label}...`),
      b.progressEveryMs,
    );
    progress.unref();
    try {
      return await plan.start();
    } catch (err) {
      const failure = plan.classify(err);
      const meta = { attempt, variable: failure.variable, reason: failure.reason };
      if (failure.kind === 'permanent' || attempt >= b.attempts || hooks.signal.aborted) {
        hooks.onState('down', failure.reason);
        const reason = failure.kind === 'transient' ? `${failure.reason} (gave up after ${attempt} attempts)` : failure.reason;
        throw new StartupError(plan.name, { ...failure, reason }, attempt, { cause: err });
      }
      hooks.onState('starting', `retrying: ${failure.reason}`);
      log.warn({ ...meta, retryInMs: wait }, `could not connect to ${plan.label}; retrying in ${Math.round(wait / 100) / 10} s`);
      await sleep(wait, hooks.signal);
      wait = Math.min(wait * 2, b.maxMs);
    } finally {
      clearInterval(progress);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
