import type { Logger } from '../logger.js';

/** A startup problem the operator must fix; `variable` names the setting to look at. Logged as one JSON line, exit 1. */
export class FatalError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FatalError';
  }
}

/**
 * An uncaught exception (or an unhandled rejection, which Node turns into one) leaves the process in
 * an unknown state: log it as JSON like every other line and exit non-zero, so the supervisor
 * (Docker, systemd, pm2) restarts a clean process. Nothing is swallowed.
 */
export function installFatalHandlers(logger: Logger, exit: (code: number) => void = (code) => process.exit(code)): void {
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin }, origin === 'unhandledRejection' ? 'unhandled promise rejection; exiting' : 'uncaught exception; exiting');
    exit(1);
  });
}
