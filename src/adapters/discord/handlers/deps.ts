import type { AppContext } from '../../types.js';
import type { Cooldown } from '../cooldown.js';

/** What handlers need, injected so tests can swap the clock and the core. */
export interface HandlerDeps {
  ctx: AppContext;
  cooldown: Cooldown;
}
