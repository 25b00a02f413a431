import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { buildAnswer } from '../../../src/core/answer/build.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import type { KnowledgeBase } from '../../../src/core/knowledge/types.js';
import { createMatcher, type Matcher } from '../../../src/core/matcher/index.js';

let kb: KnowledgeBase;
let m: Matcher;
beforeAll(async () => {
  kb = (await loadKnowledge(BUNDLED_KNOWLEDGE_DIR)).kb;
  m = createMatcher(kb);
});

// userprobe finding 3: "kafka vs pizza" answered the Kafka card as if it were the whole answer.
describe('a comparison one of whose sides is unknown', () => {
  it.each(['kafka vs pizza', 'pizza vs kafka', 'difference between kafka and pizza', 'compare kafka and pizza'])(
    '"%s" is none, Kafka the closest, the unknown side flagged',
    (q) => {
      const r = m.match(q);
      expect(r).toMatchObject({ kind: 'none', suggestions: ['kafka'], closest: true, unknownSide: true });
      expect(r.score).toBeLessThan(0.5);
    },
  );

  it('the answer says one side is unknown and offers the known side as the closest', () => {
    const a = buildAnswer(kb, m.match('kafka vs pizza'));
    expect(a.kind).toBe('none');
    if (a.kind !== 'none') return;
    expect(a.closest?.slug).toBe('kafka');
    expect(a.message).toMatch(/one side is not a term I have/);
    // The sentence never echoes the user's words (renderers escape and show the query themselves).
    expect(a.message).not.toContain('pizza');
  });

  it('is not triggered by a name that is itself a comparison, an aspect of the known side, or two known sides', () => {
    expect(m.match('pets vs cattle')).toMatchObject({ kind: 'term', terms: ['pets-vs-cattle'] });
    expect(m.match('pets vs catle')).toMatchObject({ kind: 'term', terms: ['pets-vs-cattle'] });
    expect(m.match("what's the difference between the ecs task role and execution role")).toMatchObject({
      kind: 'term',
      terms: ['amazon-ecs'],
    });
    expect(m.match('kafka vs rabbitmq')).toMatchObject({ kind: 'comparison', terms: ['kafka', 'rabbitmq'] });
    expect(m.match('MTTR vs MTBF')).toMatchObject({ kind: 'term', terms: ['mttr'] });
    // Two unknown sides stay a plain miss, with no closest.
    expect(m.match('cats vs dogs')).toMatchObject({ kind: 'none', suggestions: [] });
    expect(m.match('cats vs dogs').unknownSide).toBeUndefined();
  });
});

// userprobe finding 8: an alias plus one ordinary word fell to none.
describe('facet nouns after a name (lexicon name_tails)', () => {
  it.each([
    ['CIDR notation', 'subnet'],
    ['crontab syntax', 'cron'],
    ['consistent hashing ring', 'consistent-hashing'],
  ])('"%s" is %s', (q, slug) => {
    expect(m.match(q)).toMatchObject({ kind: 'term', terms: [slug] });
  });

  it('not after a name made of ordinary words: "hash ring" and "log format" may be other things', () => {
    expect(m.match('hash ring').kind).toBe('none');
    expect(m.match('log format').kind).toBe('none');
  });
});

describe('closest rather than confident', () => {
  it('a modifier where the full name has another is no hit: "vertical pod autoscaler"', () => {
    expect(m.match('vertical pod autoscaler')).toMatchObject({
      kind: 'none',
      closest: true,
      suggestions: ['horizontal-pod-autoscaler', 'autoscaling'],
    });
    expect(m.match('horizontal pod autoscaler')).toMatchObject({ kind: 'term', terms: ['horizontal-pod-autoscaler'] });
  });

  it('a synonym right after a term name is an aspect of that term: "replication lag" is Replication, Latency offered', () => {
    expect(m.match('replication lag')).toMatchObject({ kind: 'term', terms: ['replication'], suggestions: ['latency'] });
    expect(m.match('lag')).toMatchObject({ kind: 'term', terms: ['latency'] });
    expect(m.match('how do joins work in SQL?')).toMatchObject({ kind: 'term', terms: ['sql-join'] });
  });
});
