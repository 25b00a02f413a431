export type Clock = () => number;

export type CooldownVerdict = { ok: true } | { ok: false; retryInMs: number; /** Only the first refusal in a window is worth telling the user about. */ notify: boolean };

/**
 * Per-user cooldown for mentions: one answer per user per window. A memory-bounded map:
 * entries older than the window are pruned as new users arrive.
 */
export class Cooldown {
  private readonly last = new Map<string, { at: number; warned: boolean }>();

  constructor(
    private readonly windowMs: number,
    private readonly clock: Clock = Date.now,
    private readonly maxUsers = 10_000,
  ) {}

  check(userId: string): CooldownVerdict {
    const now = this.clock();
    const prev = this.last.get(userId);
    if (prev && now - prev.at < this.windowMs) {
      const notify = !prev.warned;
      prev.warned = true;
      return { ok: false, retryInMs: this.windowMs - (now - prev.at), notify };
    }
    if (this.last.size >= this.maxUsers) this.prune(now);
    this.last.set(userId, { at: now, warned: false });
    return { ok: true };
  }

  private prune(now: number): void {
    for (const [user, entry] of this.last) if (now - entry.at >= this.windowMs) this.last.delete(user);
    // Still full (a flood of distinct users): forget the oldest rather than grow without bound.
    if (this.last.size >= this.maxUsers) {
      const oldest = this.last.keys().next().value;
      if (oldest !== undefined) this.last.delete(oldest);
    }
  }
}
