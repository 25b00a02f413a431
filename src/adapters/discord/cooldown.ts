/**
 * Per-user rate limit for mentions: one answer per window, and at most one "slow down"
 * notice per window so the notice itself cannot be used to spam the channel.
 */
export class Cooldown {
  private readonly until = new Map<string, { until: number; notified: boolean }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** ok: go ahead; notify: too soon, tell them once; silent: too soon, already told. */
  hit(userId: string): 'ok' | 'notify' | 'silent' {
    const t = this.now();
    const entry = this.until.get(userId);
    if (entry && t < entry.until) {
      if (entry.notified) return 'silent';
      entry.notified = true;
      return 'notify';
    }
    if (this.until.size > 10_000) this.prune(t);
    this.until.set(userId, { until: t + this.windowMs, notified: false });
    return 'ok';
  }

  /** Seconds until this user may ask again (0 when they may). */
  secondsLeft(userId: string): number {
    const entry = this.until.get(userId);
    return entry ? Math.max(0, Math.ceil((entry.until - this.now()) / 1000)) : 0;
  }

  private prune(t: number): void {
    for (const [id, e] of this.until) if (e.until <= t) this.until.delete(id);
  }
}
