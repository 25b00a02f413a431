import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance } from '../../../src/core/text/distance.js';
import {
  blankChatSyntax,
  compactKey,
  contentTokens,
  sanitize,
  singularCandidates,
  splitCamel,
  stripChatSyntax,
  tokenize,
} from '../../../src/core/text/normalize.js';
import { boundaryCut, truncate } from '../../../src/core/text/truncate.js';

describe('normalize', () => {
  it('splits separators and camelCase the same way for every spelling', () => {
    for (const s of ['load-balancer', 'load_balancer', 'LoadBalancer', 'Load Balancer', 'load.balancer']) {
      expect(compactKey(contentTokens(tokenize(s)))).toBe('loadbalancer');
    }
    expect(splitCamel('DataAccessLayer')).toBe('Data Access Layer');
    // Abbreviations with a lowercase letter stay whole.
    for (const s of ['DoS', 'IaaS', 'GraphQL', 'gRPC', 'mTLS']) expect(splitCamel(s)).toBe(s);
  });

  it('drops filler, mentions, markdown and invisible characters', () => {
    expect(contentTokens(tokenize("<@123> hey, what's the **CDN**?"))).toEqual(['cdn']);
    expect(stripChatSyntax('<!here> <@U1|bob> <#C1|general> @everyone :wave: hi').trim()).toBe('hi');
    expect(sanitize('a\u200Bb\u0000c')).toBe('ab c');
    expect(sanitize('x'.repeat(50_000))).toHaveLength(2000);
    expect(sanitize(undefined)).toBe('');
  });

  it('keeps offsets when blanking chat syntax', () => {
    const text = '<@123> see https://x.io/a and DNS';
    const blank = blankChatSyntax(text);
    expect(blank).toHaveLength(text.length);
    expect(blank.indexOf('DNS')).toBe(text.indexOf('DNS'));
  });

  it('offers singular forms', () => {
    expect(singularCandidates('proxies')).toContain('proxy');
    expect(singularCandidates('caches')).toContain('cache');
    expect(singularCandidates('vms')).toContain('vm');
    expect(singularCandidates('ss')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts a transposition as one edit and gives up past the limit', () => {
    expect(editDistance('ngnix', 'nginx', 2)).toBe(1);
    expect(editDistance('kuberntes', 'kubernetes', 2)).toBe(1);
    expect(editDistance('pizza', 'paas', 1)).toBe(2);
    expect(allowedEdits(3)).toBe(0);
    expect(allowedEdits(12)).toBe(3);
  });
});

describe('truncate and boundaryCut', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(truncate('hello wonderful world', 18)).toBe('hello wonderful…');
    // A boundary that would throw away most of the room is not worth it: cut mid-word instead.
    expect(truncate('hello wonderful world', 12)).toBe('hello wonde…');
    expect(truncate('short', 10)).toBe('short');
  });
  it('never cuts an emoji in half', () => {
    const text = 'a' + '😀'.repeat(10);
    for (let max = 2; max < 12; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(boundaryCut('😀😀😀', 3, 0.9)).toBe(2);
  });
  it('prefers paragraphs, then lines, then words, else a hard cut', () => {
    expect(boundaryCut('aaaa bbbb\ncccc\n\ndddd', 20, 0.4)).toBe(14);
    expect(boundaryCut('aaaa bbbb\ncccc dddd', 19, 0.4)).toBe(9);
    expect(boundaryCut('aaaa bbbbbbbbbbbbbbbb', 21, 0.4)).toBe(21);
  });
});
