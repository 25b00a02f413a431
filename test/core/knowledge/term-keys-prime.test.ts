import { describe, expect, it } from 'vitest';
import { primeTermKeys, termKeys } from '../../../src/core/knowledge/term-keys.js';
import { makeTerm } from '../../support/kb.js';

describe('primed term keys (from the knowledge snapshot)', () => {
  it('are used while the names they were computed from are unchanged', () => {
    const term = makeTerm({ slug: 'load-balancer', title: 'Load Balancer', aliases: ['LB'] });
    const stored = termKeys(term).map((k) => ({ ...k }));
    primeTermKeys(term, stored);
    expect(termKeys(term)).toBe(stored);
  });

  it('are recomputed when a name changed after priming', () => {
    const term = makeTerm({ slug: 'load-balancer', title: 'Load Balancer', aliases: ['LB'] });
    primeTermKeys(term, termKeys(term));
    term.aliases = [];
    expect(termKeys(term).map((k) => k.text)).not.toContain('LB');
  });
});
