/**
 * How often one person may ask by mention, on every platform. Slash commands answer privately
 * and need no limit; mentions answer in public, so a flood would bury the channel.
 */
export const COOLDOWN_MS = 5_000; // one public answer per person per 5 s: enough for a conversation, too slow to spam
/** Most people remembered at once; beyond it expired entries go first, then the oldest. */
export const COOLDOWN_MAX_USERS = 10_000;

export type Clock = () => number;

export type CooldownVerdict =
  | { ok: true }
  | { ok: false; retryInMs: number; /** Only the first refusal in a window is worth telling the user about. */ notify: boolean };

/** Per-user cooldown with bounded memory. */
export class Cooldown {
  private readonly last = new Map<string, { at: number; warned: boolean }>();

  constructor(
    private readonly windowMs: number = COOLDOWN_MS,
    private readonly clock: Clock = Date.now,
    private readonly maxUsers = COOLDOWN_MAX_USERS,
  ) {}

  check(userId: string): CooldownVerdict {
    const now = this.clock();
    const prev = this.last.get(userId);
    if (prev && now - prev.at < this.windowMs) {
      const notify = !prev.warned;
      prev.warned = true;
      return { ok: false, retryInMs: this.windowMs - (now - prev.at), notify };
    }
    this.last.delete(userId); // re-inserted last, so the map stays in order of last use
    if (this.last.size >= this.maxUsers) this.prune(now);
    this.last.set(userId, { at: now, warned: false });
    return { ok: true };
  }

  /** How many people are remembered (for the memory bound's test). */
  get size(): number {
    return this.last.size;
  }

  private prune(now: number): void {
    for (const [user, entry] of this.last) if (now - entry.at >= this.windowMs) this.last.delete(user);
    // Still full (a flood of distinct users): forget the oldest rather than grow without bound.
    while (this.last.size >= this.maxUsers) {
      const oldest = this.last.keys().next().value;
      if (oldest === undefined) break;
      this.last.delete(oldest);
    }
  }
}

/** The one notice a person gets when they ask again too soon. */
export const cooldownNotice = (retryInMs: number): string =>
  `One question every few seconds, please: try again in ${Math.max(1, Math.ceil(retryInMs / 1000))} seconds.`;
