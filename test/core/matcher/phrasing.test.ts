import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import { createMatcher, type Matcher } from '../../../src/core/matcher/index.js';

// Second probe (findings 2, 8, 9): run against the bundled knowledge.
let m: Matcher;
beforeAll(async () => {
  m = createMatcher((await loadKnowledge(BUNDLED_KNOWLEDGE_DIR)).kb);
});

const compared = (q: string): string[] => {
  const r = m.match(q);
  return r.kind === 'comparison' ? [...r.terms].sort() : [`${r.kind}:${r.terms.join(',')}`];
};

describe('comparisons in other phrasings', () => {
  it.each([
    'diff b/w prometheus and grafana',
    'prometheus & grafana difference',
    "prometheus and grafana, what's the difference?",
    'prometheus/grafana',
    'when to use grafana instead of prometheus',
    "what exactly is the difference between terraform and pulumi, we're trying to pick one",
  ])('%s', (q) => {
    const want = q.includes('terraform') ? ['pulumi', 'terraform'] : ['grafana', 'prometheus'];
    expect(compared(q)).toEqual(want);
  });

  it('keeps names written with a slash whole', () => {
    expect(m.match('tcp/ip').kind).not.toBe('comparison');
    expect(m.match('ci/cd').kind).not.toBe('comparison');
  });

  it('does not compare across an "or" that opens another clause', () => {
    const r = m.match('I have no clue what argo cd is or why we would not just run kubectl apply from the CI pipeline');
    expect(r.kind).not.toBe('comparison');
    expect(compared('tcp or udp?')).toEqual(['tcp', 'udp']);
  });
});

describe('everyday sentences', () => {
  it.each([
    "that's the kernel of the idea",
    'the helm of the ship was broken',
    'express delivery is expensive',
    'my django unchained dvd',
    'I need to throttle my spending',
  ])('%s is no term, and detect finds nothing', (q) => {
    expect(m.match(q).kind).toBe('none');
    expect(m.detect(q)).toEqual([]);
  });

  it('still answers the tech sense', () => {
    expect(m.match('what is the kernel of linux').terms).toEqual(['kernel']);
    expect(m.match('our helm chart is broken').terms).toEqual(['helm']);
    expect(m.match('how do I create a superuser in django').terms).toEqual(['django']);
    expect(m.detect('the helm release failed on the cluster').map((h) => h.slug)).toContain('helm');
  });
});

describe('a concept asked in a context', () => {
  it('answers the subject, not the place', () => {
    expect(m.match('what is quorum in distributed systems').terms).toEqual(['quorum']);
    expect(m.match('middleware in express').terms).toEqual(['middleware']);
  });
  it('answers the name the place and the name make together', () => {
    expect(m.match('what is KMS in aws').terms).toEqual(['aws-kms']);
    expect(m.match('what is an API server in kubernetes').terms).toEqual(['control-plane']);
    expect(m.match('what is KMS').terms).toEqual(['key-management']);
  });
  it('does not glue a name onto another word as a typo', () => {
    expect(m.match('what is an elastic ip').terms).not.toContain('elasticity');
    expect(m.match('cockroch db').terms).toEqual(['cockroachdb']);
  });
});
