import { describe, expect, it } from 'vitest';
import { firstSentence, firstSentenceProblem, listOfThree, wordCount } from '../../../src/core/knowledge/first-sentence.js';

describe('the plain-summary rule', () => {
  it('takes the first sentence, not a stop inside "e.g." or a version number', () => {
    expect(firstSentence('A cache keeps copies close, e.g. in memory. It saves trips.')).toBe('A cache keeps copies close, e.g. in memory.');
    expect(firstSentence('Kubernetes 1.33 made it stable. More later.')).toBe('Kubernetes 1.33 made it stable.');
    expect(firstSentence('No stop at all')).toBe('No stop at all');
  });

  it('counts words, not punctuation', () => {
    expect(wordCount('A load balancer - spreads requests.')).toBe(5);
  });

  it('finds lists of three or more items, and leaves pairs alone', () => {
    expect(listOfThree('It stores logs, metrics and traces.')).toBeDefined();
    expect(listOfThree('It speaks HTTP, gRPC, or WebSocket to clients.')).toBeDefined();
    expect(listOfThree('Formats (logs, JSON, CSV, images) arrive.')).toBeDefined();
    expect(listOfThree('Several machines, called nodes, run as one system.')).toBeUndefined();
    expect(listOfThree('Writing rules, such as security or cost limits, as code.')).toBeUndefined();
    expect(listOfThree('It stores logs and metrics.')).toBeUndefined();
    expect(listOfThree('A proxy, which sits in front, forwards requests.')).toBeUndefined();
  });

  it('accepts a short definition and explains what is wrong with a long or listing one', () => {
    expect(firstSentenceProblem('A load balancer spreads requests over several servers. Why it matters: no single server is overwhelmed.')).toBeUndefined();
    expect(firstSentenceProblem(`${'word '.repeat(26).trim()}.`)).toMatch(/26 words \(at most 25/);
    expect(firstSentenceProblem('Observability covers logs, metrics and traces.')).toMatch(/three or more items/);
  });
});
