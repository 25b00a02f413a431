import type { TermAnswer } from '../../../../src/core/answer/types.js';
import type { Category } from '../../../../src/core/knowledge/types.js';
import type { Clock } from '../../../../src/core/totd/clock.js';
import type { TermSource } from '../../../../src/core/totd/eligible.js';
import type { SchedulerLogger } from '../../../../src/core/totd/scheduler.js';
import type { Platform, TotdPost, TotdPoster } from '../../../../src/core/totd/types.js';

/** A clock whose time only moves when the test says so; timers fire in order as it advances. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  readonly sleeps: number[] = [];

  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Backoff sleeps are recorded and pass instantly (time moves on by the delay). */
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
    return Promise.resolve();
  }
  pendingTimers(): Date[] {
    return [...this.timers.values()].map((t) => new Date(t.at)).sort((a, b) => a.getTime() - b.getTime());
  }
  /** Moves to `target`, firing each due timer at its own time and letting `settle` finish the work it started. Bounded. */
  async advanceTo(target: string | Date, settle: () => Promise<void>): Promise<number> {
    const end = new Date(target).getTime();
    let fired = 0;
    for (let i = 0; i < 10_000; i++) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
      fired++;
      await settle();
    }
    this.t = Math.max(this.t, end);
    return fired;
  }
}

export interface FakeTerm {
  slug: string;
  category: Category;
}

/** A knowledge base of named terms that tests can add to and remove from. */
export class FakeTerms implements TermSource {
  terms: FakeTerm[];
  constructor(count: number, category: Category = 'compute') {
    this.terms = Array.from({ length: count }, (_, i) => ({ slug: `term-${String(i + 1).padStart(2, '0')}`, category }));
  }
  list(category?: Category) {
    return this.terms
      .filter((t) => !category || t.category === category)
      .map((t) => ({ slug: t.slug, title: t.slug.toUpperCase(), summary: `About ${t.slug}` }));
  }
  answerFor(slug: string): TermAnswer | { kind: 'none'; query: string; reason: 'no-match'; message: string; suggestions: [] } {
    const t = this.terms.find((x) => x.slug === slug);
    if (!t) return { kind: 'none', query: slug, reason: 'no-match', message: 'gone', suggestions: [] };
    return {
      kind: 'term',
      query: slug,
      depth: 'short',
      score: 1,
      alternatives: [],
      term: {
        slug,
        title: slug.toUpperCase(),
        category: t.category,
        summary: `About ${slug}`,
        analogy: 'Like a thing',
        sections: [],
        hasMore: true,
        related: [],
        contrasts: [],
        links: [],
        tags: [],
        kind: 'concept',
        isA: [],
        toolAlternatives: [],
        tools: [],
        reviewed: '2026-12-01',
      },
    };
  }
}

export type Failure = Error | null;

/** An in-memory chat platform: records posts per channel, can fail on cue, finds earlier posts by slot key. */
export class FakePoster implements TotdPoster {
  readonly posts: TotdPost[] = [];
  readonly messages = new Map<string, { id: string; slotKey: string }[]>();
  /** Per channel: what each attempt does (an Error is thrown, null posts); when empty, posts. */
  readonly script = new Map<string, Failure[]>();
  attempts = 0;
  findCalls = 0;
  private nextId = 1;

  constructor(readonly platform: Platform = 'discord') {}

  async post(post: TotdPost): Promise<{ messageId: string }> {
    this.attempts++;
    const failure = this.script.get(post.channelId)?.shift();
    if (failure) throw failure;
    const id = `m${this.nextId++}`;
    this.posts.push(post);
    const list = this.messages.get(post.channelId) ?? [];
    list.push({ id, slotKey: post.slotKey });
    this.messages.set(post.channelId, list);
    return { messageId: id };
  }

  async findPosted(channelId: string, slotKey: string): Promise<string | null> {
    this.findCalls++;
    return this.messages.get(channelId)?.find((m) => m.slotKey === slotKey)?.id ?? null;
  }

  postsIn(channelId: string): TotdPost[] {
    return this.posts.filter((p) => p.channelId === channelId);
  }
}

/** Collects log lines so tests can assert that something was logged (missed, broken). */
export class MemoryLogger implements SchedulerLogger {
  readonly lines: { level: string; msg: string; obj: object }[] = [];
  info(obj: object, msg = ''): void {
    this.lines.push({ level: 'info', msg, obj });
  }
  warn(obj: object, msg = ''): void {
    this.lines.push({ level: 'warn', msg, obj });
  }
  error(obj: object, msg = ''): void {
    this.lines.push({ level: 'error', msg, obj });
  }
  has(level: string, text: string): boolean {
    return this.lines.some((l) => l.level === level && l.msg.includes(text));
  }
}
