// A child process for fatal.test.ts: the bot's process handlers, then an unhandled rejection or an
// uncaught exception, as a bug deep in a library would raise them.
import { createLogger } from '../../src/logger.js';
import { installFatalHandlers } from '../../src/app/fatal.js';

installFatalHandlers(createLogger('info'));
setInterval(() => undefined, 1_000); // keeps the process alive, like the bot's connections
const kind = process.argv[2];
setTimeout(() => {
  if (kind === 'rejection') void Promise.reject(new Error('boom in a promise'));
  else throw new Error('boom in a callback');
}, 50);
