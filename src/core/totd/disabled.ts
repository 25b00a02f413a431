import { UserError } from '../errors.js';
import type { TotdService } from './types.js';

/**
 * The term-of-the-day service when it is deliberately off (no usable database and nothing subscribed):
 * every chat command answers with why, through the adapters' usual UserError reply, instead of a
 * generic "not enabled".
 */
export class DisabledTotdService implements TotdService {
  /** Adapters and /readyz can read why. */
  readonly disabled: { reason: string };

  constructor(reason: string) {
    this.disabled = { reason };
  }

  private error(): UserError {
    return new UserError(
      `The term of the day is turned off on this termbot: ${this.disabled.reason}. Ask whoever runs it to fix that and restart the bot.`,
    );
  }

  subscribe(): Promise<never> {
    return Promise.reject(this.error());
  }
  unsubscribe(): Promise<never> {
    return Promise.reject(this.error());
  }
  status(): Promise<never> {
    return Promise.reject(this.error());
  }
  skip(): Promise<never> {
    return Promise.reject(this.error());
  }
  parseSettings(): never {
    throw this.error();
  }
}
