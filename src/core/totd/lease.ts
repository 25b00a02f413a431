import type { Clock } from './clock.js';
import type { SlotRecord, TotdStore } from '../ports/totd-store.js';

/**
 * The lease on a claimed slot while its post is in flight: renewed every `everyMs` (a third of the
 * claim timeout, so two renewals can fail before anyone may take over) and before each retry, by a
 * compare-and-set on (owner, claimedAt). A slow post keeps its claim; a dead owner's claim runs out
 * after the claim timeout and another replica takes it over. Renewals never overlap (one chain).
 */
export class Lease {
  /** Another instance took the claim over: stop trying to post. */
  lost = false;
  private claimedAt: Date;
  private chain: Promise<boolean> = Promise.resolve(true);
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly store: TotdStore,
    private readonly clock: Clock,
    private readonly slot: Pick<SlotRecord, 'slotKey' | 'owner' | 'claimedAt'>,
    private readonly everyMs: number,
  ) {
    this.claimedAt = slot.claimedAt;
  }

  /** Starts the heartbeat. */
  start(): this {
    this.schedule();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** Renews now; false once the claim is lost. A store error is not a loss: the next renewal tries again. */
  renew(): Promise<boolean> {
    this.chain = this.chain.then(async (held) => {
      if (!held || this.stopped) return held;
      const at = this.clock.now();
      try {
        if (await this.store.takeOverClaim(this.slot.slotKey, { owner: this.slot.owner, claimedAt: this.claimedAt }, this.slot.owner, at)) {
          this.claimedAt = at;
          return true;
        }
      } catch {
        return true;
      }
      this.lost = true;
      return false;
    });
    return this.chain;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      void this.renew().then((held) => held && this.schedule());
    }, this.everyMs);
  }
}
