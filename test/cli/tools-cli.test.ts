import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { cli } from '../support/cli.js';

const para = (topic: string): string =>
  `${topic} is described here in our own words for the test, with enough plain sentences to pass the word limits of a tool card. ` +
  'It explains where the tool comes from, what it adds to the general idea, and when a team would pick it over the alternatives it is usually compared with in practice.';

function tool(slug: string, title: string, aliases: string, isA: string, alternatives: string): string {
  return `---
title: ${title}
aliases: ${aliases}
is_a: ${isA}
summary: ${title}, an open-source example used in the CLI tests.
alternatives: ${alternatives}
links:
  - title: ${title} documentation
    url: https://example.org/${slug}
reviewed: 2026-12-01
---

## What it is
${para(title)}

## Where it fits
${para(`${title} in practice`)}
`;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'termbot-tools-cli-'));
  await cp(BUNDLED_KNOWLEDGE_DIR, dir, { recursive: true });
  await mkdir(path.join(dir, 'tools'), { recursive: true });
  await writeFile(path.join(dir, 'tools', 'postgresql.md'), tool('postgresql', 'PostgreSQL', '[postgres, psql]', '[relational-database, sql]', '[mysql]'));
  await writeFile(path.join(dir, 'tools', 'mysql.md'), tool('mysql', 'MySQL', '[my sql]', '[relational-database, sql]', '[postgresql]'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tools in the CLI', () => {
  it('lookup --json: kind "tool" with the concepts it is an example of; concepts stay kind "term"', async () => {
    const out = await cli(['lookup', '--json', '--knowledge', dir], { stdin: 'postgres\nrelational database\n' });
    const [pg, rdb] = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(Object.keys(pg)).toEqual(['query', 'kind', 'slugs', 'concepts', 'suggestions', 'score']);
    expect(pg).toMatchObject({ query: 'postgres', kind: 'tool', slugs: ['postgresql'], concepts: ['relational-database', 'sql'] });
    expect(Object.keys(rdb)).toEqual(['query', 'kind', 'slugs', 'suggestions', 'score']);
    expect(rdb).toMatchObject({ kind: 'term', slugs: ['relational-database'] });
  });

  it('list --tools lists tools by category', async () => {
    const out = await cli(['list', '--tools', '--knowledge', dir]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^data\n {2}mysql\s+MySQL\n {2}postgresql\s+PostgreSQL\n$/);
    const json = JSON.parse((await cli(['list', '--tools', '--json', '--knowledge', dir])).stdout);
    expect(json[0]).toMatchObject({ slug: 'mysql', title: 'MySQL', category: 'data' });
    expect((await cli(['list', '--tools', '--category', 'networking', '--knowledge', dir])).stdout).toBe('');
  });

  it('a tool card leads with what it is an example of, then alternatives; a concept card names its tools', async () => {
    const pg = (await cli(['explain', 'postgres', '--knowledge', dir])).stdout;
    expect(pg).toMatch(/^PostgreSQL {2}\(data, tool\)/);
    expect(pg.indexOf('An example of: Relational Database, SQL')).toBeGreaterThan(0);
    expect(pg.indexOf('An example of:')).toBeLessThan(pg.indexOf('What it is'));
    expect(pg).toContain('Alternatives: MySQL');
    expect(pg).not.toContain('Think of it like this');
    const md = (await cli(['explain', 'postgres', '--format', 'markdown', '--knowledge', dir])).stdout;
    expect(md).toContain('**An example of:** Relational Database, SQL');
    expect(md).toContain('**Alternatives:** MySQL');
    const concept = (await cli(['explain', 'relational database', '--knowledge', dir])).stdout;
    expect(concept).toMatch(/Best-known tools: MySQL, PostgreSQL/);
  });
});
