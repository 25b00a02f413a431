import { describe, expect, it } from 'vitest';
import { buildNameTable, primeTermKeys, termKeys } from '../../../src/core/knowledge/term-keys.js';
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

describe('primed term keys given as a function (a snapshot decodes them on demand)', () => {
  it('are asked for once, on first use, and only while the names are unchanged', () => {
    const term = makeTerm({ slug: 'load-balancer', title: 'Load Balancer', aliases: ['LB'] });
    const stored = termKeys(makeTerm({ slug: 'load-balancer', title: 'Load Balancer', aliases: ['LB'] }));
    let calls = 0;
    primeTermKeys(term, () => (calls++, stored));
    expect(calls).toBe(0);
    expect(termKeys(term)).toBe(stored);
    expect(termKeys(term)).toBe(stored);
    expect(calls).toBe(1);
    term.title = 'Load Balancing';
    expect(termKeys(term).map((k) => k.text)).toContain('Load Balancing');
  });
});

describe('the exact-name table', () => {
  const names = (table: ReturnType<typeof buildNameTable>, from = 0, to = table.compacts.length) =>
    table.compacts.slice(from, to).map((c, i) => `${c}=${table.slugs[from + i]}#${table.keyIndexes[from + i]}`);

  it('keeps a name for the first term that has it, leaves out one-letter names, and adds singular forms after every real name', () => {
    const table = buildNameTable([
      makeTerm({ slug: 'microservices', title: 'Microservices', aliases: ['S'] }),
      makeTerm({ slug: 'http', title: 'HTTP', aliases: [] }),
      makeTerm({ slug: 'https', title: 'HTTPS', aliases: ['microservices'] }),
    ]);
    // Real names first: "microservices" stays with the first term; "s" (one letter) is no name.
    expect(names(table, 0, table.real)).toEqual(['microservices=microservices#0', 'http=http#0', 'https=https#0']);
    // Then the singular forms that name nothing yet ("microservice", and the blunter "microservic" the
    // plural rules also try), but "https" never takes "http".
    expect(names(table, table.real)).toEqual(['microservic=microservices#0', 'microservice=microservices#0']);
  });
});
