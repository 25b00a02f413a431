import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../../src/core/matcher/index.js';
import { makeKb, makeTerm, sampleKb } from '../../support/kb.js';

const m = createMatcher(sampleKb());

describe('matcher: exact names', () => {
  it.each([
    ['load-balancer', 'load-balancer'],
    ['Load Balancer', 'load-balancer'],
    ['load_balancer', 'load-balancer'],
    ['LoadBalancer', 'load-balancer'],
    ['loadbalancer', 'load-balancer'],
    ['LOAD BALANCERS', 'load-balancer'],
    ['load-balancers', 'load-balancer'],
    ['LB', 'load-balancer'],
    ['k8s', 'kubernetes'],
    ['DNS', 'dns'],
    ['Domain Name System', 'dns'],
    ['IaC', 'infrastructure-as-code'],
    ['infrastructure as code', 'infrastructure-as-code'],
    ['pub/sub', 'pub-sub'],
    ['VMs', 'virtual-machine'],
    ['idempotent', 'idempotency'],
  ])('%s -> %s', (q, slug) => {
    const r = m.match(q);
    expect(r.kind).toBe('term');
    expect(r.terms).toEqual([slug]);
    expect(r.score).toBeGreaterThanOrEqual(0.95);
  });
});

describe('matcher: questions and chat noise', () => {
  it.each([
    ["what's a load balancer?", 'load-balancer'],
    ['What is the DNS', 'dns'],
    ['explain k8s please', 'kubernetes'],
    ['eli5 CDN', 'cdn'],
    ['tell me about infrastructure as code', 'infrastructure-as-code'],
    ['meaning of idempotency', 'idempotency'],
    ['`load_balancer`', 'load-balancer'],
    ['**Kubernetes**', 'kubernetes'],
    ['<@123456789> what is a CDN', 'cdn'],
    ['<@U012ABCDEF> what is a CDN', 'cdn'],
    ['@everyone what is dns', 'dns'],
    ['<!channel> what is dns', 'dns'],
    ['what\u200B is k8\u200Bs', 'kubernetes'],
    ['how does a load balancer decide where to send requests', 'load-balancer'],
  ])('%s -> %s', (q, slug) => {
    expect(m.match(q)).toMatchObject({ kind: 'term', terms: [slug] });
  });
});

describe('matcher: typos', () => {
  it.each([
    ['kuberntes', 'kubernetes'],
    ['kubrenetes', 'kubernetes'],
    ['load balencer', 'load-balancer'],
    ['idempotancy', 'idempotency'],
    ['revrese proxy', 'reverse-proxy'],
    ['what is a contianer', 'container'],
  ])('%s -> %s', (q, slug) => {
    const r = m.match(q);
    expect(r.kind).toBe('term');
    expect(r.terms).toEqual([slug]);
    expect(r.score).toBeLessThan(1);
  });
});

describe('matcher: comparisons', () => {
  it.each([
    ['load balancer vs reverse proxy', ['load-balancer', 'reverse-proxy']],
    ['reverse proxy versus load balancer', ['reverse-proxy', 'load-balancer']],
    ["what's the difference between a load balancer and a reverse proxy?", ['load-balancer', 'reverse-proxy']],
    ['compare containers and VMs', ['container', 'virtual-machine']],
    ['container or vm?', ['container', 'virtual-machine']],
    ['how is a container different from a VM', ['container', 'virtual-machine']],
    ['scale up vs scale out', ['vertical-scaling', 'horizontal-scaling']],
    ['LB vs reverse proxy vs API gateway', ['load-balancer', 'reverse-proxy', 'api-gateway']],
  ])('%s', (q, slugs) => {
    const r = m.match(q);
    expect(r.kind).toBe('comparison');
    expect(r.terms).toEqual(slugs);
  });

  it('uses a curated comparison when one covers exactly those terms, in any order', () => {
    expect(m.match('api gateway vs LB vs reverse proxy').comparison).toBe('load-balancer-vs-reverse-proxy-vs-api-gateway');
    expect(m.match('load balancer vs reverse proxy').comparison).toBe('load-balancer-vs-reverse-proxy-vs-api-gateway');
    expect(m.match('container vs vm').comparison).toBeNull();
  });

  it('does not treat a comparison of a known term and nonsense as a comparison, nor answer the known side alone', () => {
    expect(m.match('load balancer vs pizza')).toMatchObject({
      kind: 'none',
      suggestions: ['load-balancer'],
      closest: true,
      unknownSide: true,
    });
  });
});

describe('matcher: ambiguity and off-topic', () => {
  it('answers an ambiguous word with the best term and the alternatives', () => {
    const r = m.match('proxy');
    expect(r.kind).toBe('term');
    expect(r.terms[0]).toBe('reverse-proxy'); // more entries point at it
    expect(r.suggestions).toContain('forward-proxy');
    expect(r.score).toBeLessThan(0.9);
  });

  it.each(['pizza', 'tell me a joke', 'asdfghjkl', "what's the weather in Paris", 'lol', '🍕🍕🍕', 'how are you'])(
    'keeps "%s" at none',
    (q) => {
      const r = m.match(q);
      expect(r.kind).toBe('none');
      expect(r.terms).toEqual([]);
    },
  );

  it('says why: empty input is "empty"', () => {
    for (const q of ['', '   ', 'what is', '@everyone', '<@123>', '\u200B\u200B', '???']) {
      expect(m.match(q)).toMatchObject({ kind: 'none', reason: 'empty' });
    }
  });

  it('offers plausible suggestions for a near miss that is not confident', () => {
    const r = m.match('kubeflow');
    if (r.kind === 'none') expect(r.suggestions).toContain('kubernetes');
    else expect(r.terms).toEqual(['kubernetes']);
  });
});

describe('matcher: never throws', () => {
  it('survives thousands of random strings, including huge ones', () => {
    const weird = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .constantFrom('\u200B', '\u202E', '\u0000', '\uFEFF', '👩‍💻', 'مرحبا', '```', '<@', '@everyone', '||', '\n')
        .chain((s) => fc.array(fc.constant(s), { maxLength: 50 }).map((a) => a.join(' '))),
    );
    fc.assert(
      fc.property(weird, (s) => {
        const r = m.match(s);
        expect(['term', 'comparison', 'none']).toContain(r.kind);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        m.complete(s);
        m.detect(s);
      }),
      { numRuns: 3000 },
    );
  });

  it('caps input: 10,000 characters still answer', () => {
    const huge = 'load balancer '.repeat(800);
    expect(huge.length).toBeGreaterThan(10_000);
    const r = m.match(huge);
    expect(r.terms).toEqual(['load-balancer']);
    expect(r.query.length).toBeLessThanOrEqual(2000);
    expect(m.match('x'.repeat(10_000)).kind).toBe('none');
  });

  it('accepts non-strings without throwing', () => {
    for (const v of [undefined, null, 42, {}, []]) expect(m.match(v).kind).toBe('none');
  });
});

describe('autocomplete', () => {
  it('ranks prefix matches first and caps the list', () => {
    const c = m.complete('load', 25);
    expect(c[0]!.value).toBe('load-balancer');
    expect(m.complete('', 5)).toHaveLength(5);
    expect(m.complete('', 100).length).toBeLessThanOrEqual(100);
  });
  it('shows the alias that matched', () => {
    expect(m.complete('k8')[0]).toMatchObject({ value: 'kubernetes', label: 'Kubernetes (k8s)' });
  });
  it('helps with typos and offers curated comparisons', () => {
    expect(m.complete('kubrnetes').map((c) => c.value)).toContain('kubernetes');
    expect(m.complete('load balancer vs api gateway vs reverse').map((c) => c.kind)).toContain('comparison');
  });
});

describe('jargon detection', () => {
  it('finds every known term, longest first, without overlaps, in reading order', () => {
    const text =
      'We put an API Gateway and a reverse-proxy in front, then moved to k8s with a LoadBalancer; the gateway talks to the message queue.';
    const hits = m.detect(text);
    expect(hits.map((h) => h.slug)).toEqual(['api-gateway', 'reverse-proxy', 'kubernetes', 'load-balancer', 'message-queue']);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
  });
  it('requires capitals for short abbreviations inside prose', () => {
    expect(m.detect('cd into the folder and ca the file').map((h) => h.slug)).toEqual([]);
    expect(m.detect('the CA signed it').map((h) => h.slug)).toEqual(['certificate-authority']);
  });
  it('ignores mentions and links', () => {
    expect(m.detect('<@123> <https://example.com/dns|link> hello').map((h) => h.slug)).toEqual([]);
  });
});

describe('context: everyday words and short abbreviations inside sentences', () => {
  const ctxKb = sampleKb();
  const extra = [
    makeTerm({ slug: 'port', title: 'Port', everyday: true, related: ['dns', 'cdn', 'load-balancer'] }),
    makeTerm({
      slug: 'high-availability',
      title: 'High Availability',
      category: 'architecture',
      aliases: ['HA'],
      related: ['dns', 'cdn', 'load-balancer'],
    }),
    makeTerm({
      slug: 'continuous-delivery',
      title: 'Continuous Delivery',
      category: 'operations',
      related: ['dns', 'cdn', 'load-balancer'],
    }),
    makeTerm({
      slug: 'continuous-deployment',
      title: 'Continuous Deployment',
      category: 'operations',
      related: ['dns', 'cdn', 'load-balancer'],
    }),
  ];
  const kb = makeKb([...ctxKb.terms.values(), ...extra], [...ctxKb.comparisons.values()]);
  const cm = createMatcher({ ...kb, ambiguous: new Map([['CD', ['continuous-delivery', 'continuous-deployment']]]) });

  it('answers an everyday-word term on its own or in a question', () => {
    expect(cm.match('port').terms).toEqual(['port']);
    expect(cm.match('what is a port in networking').terms).toEqual(['port']);
    expect(cm.match('which port does our app listen on').terms).toEqual(['port']);
  });

  it('ignores an everyday word in a sentence that is not about tech', () => {
    expect(cm.match('I need a new port for my boat').kind).toBe('none');
    expect(cm.match('I need a new port for my boat').suggestions).toContain('port');
  });

  it('needs capitals for a two-letter abbreviation inside a sentence, and never reaches one by dropping an "s"', () => {
    expect(cm.match('my house has a nice garden').kind).toBe('none');
    expect(cm.match('has').kind).toBe('none');
    expect(cm.match('we lost 5 lb this month').kind).toBe('none');
    expect(cm.match('HA').terms).toEqual(['high-availability']);
    expect(cm.match('LBs').terms).toEqual(['load-balancer']);
    expect(cm.match('how do we get HA for the database').terms).toEqual(['high-availability']);
  });

  it('answers a name listed as ambiguous with the first term and offers the others', () => {
    const r = cm.match('what does CD stand for');
    expect(r).toMatchObject({ kind: 'term', terms: ['continuous-delivery'] });
    expect(r.suggestions).toContain('continuous-deployment');
  });

  it('treats bare lists of sure names, and "the same as", as comparisons', () => {
    expect(cm.match('tcp vs udp').kind).toBe('none');
    expect(cm.match('DNS, CDN').terms).toEqual(['dns', 'cdn']);
    expect(cm.match('is a container the same as a VM?').terms).toEqual(['container', 'virtual-machine']);
    expect(cm.match('load, container').kind).not.toBe('comparison');
  });
});
