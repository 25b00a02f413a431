import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../logger.js';

/** Routes Bolt's and the Web API client's logs into our pino logger. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack-bolt' });
  const msg = (args: unknown[]): { text: string; extra: object } => {
    const text = args.filter((a) => typeof a === 'string').join(' ');
    const err = args.find((a) => a instanceof Error);
    return { text: text || (err instanceof Error ? err.message : 'bolt'), extra: err ? { err } : {} };
  };
  let level = LogLevel.INFO;
  return {
    debug: (...args) => {
      const m = msg(args);
      child.debug(m.extra, m.text);
    },
    info: (...args) => {
      const m = msg(args);
      child.info(m.extra, m.text);
    },
    warn: (...args) => {
      const m = msg(args);
      child.warn(m.extra, m.text);
    },
    error: (...args) => {
      const m = msg(args);
      child.error(m.extra, m.text);
    },
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
