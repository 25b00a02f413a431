import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('tools in the CLI', () => {
  it('lookup --json: kind "tool" with the concepts it is an example of; concepts stay kind "term"', async () => {
    const out = await cli(['lookup', '--json'], { stdin: 'postgres\nrelational database\n' });
    const [pg, rdb] = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(Object.keys(pg)).toEqual(['query', 'kind', 'slugs', 'concepts', 'suggestions', 'score']);
    expect(pg).toMatchObject({ query: 'postgres', kind: 'tool', slugs: ['postgresql'], concepts: ['relational-database', 'sql'] });
    expect(Object.keys(rdb)).toEqual(['query', 'kind', 'slugs', 'suggestions', 'score']);
    expect(rdb).toMatchObject({ kind: 'term', slugs: ['relational-database'] });
  });

  it('list --tools lists tools by category', async () => {
    const out = await cli(['list', '--tools']);
    expect(out.code).toBe(0);
    const data = out.stdout.split('\n\n').find((g) => g.startsWith('data\n'))!;
    expect(data).toMatch(/^ {2}postgresql\s+PostgreSQL$/m);
    expect(out.stdout).not.toMatch(/^ {2}relational-database\s/m);
    const json = JSON.parse((await cli(['list', '--tools', '--json', '--category', 'data'])).stdout) as {
      slug: string;
      category: string;
    }[];
    expect(json.find((t) => t.slug === 'postgresql')).toMatchObject({ title: 'PostgreSQL', category: 'data' });
    expect(json.every((t) => t.category === 'data')).toBe(true);
  });

  it('a tool card leads with what it is an example of, then alternatives; a concept card names its tools', async () => {
    const pg = (await cli(['explain', 'postgres'])).stdout;
    expect(pg).toMatch(/^PostgreSQL {2}\(data, tool\)/);
    expect(pg).toContain('An example of: Relational Database, SQL');
    expect(pg.indexOf('An example of:')).toBeLessThan(pg.indexOf('What it is'));
    expect(pg).toMatch(/^Alternatives: .*MySQL/m);
    expect(pg).not.toContain('Think of it like this');
    const md = (await cli(['explain', 'postgres', '--format', 'markdown'])).stdout;
    expect(md).toContain('**An example of:** Relational Database, SQL');
    expect(md).toMatch(/\*\*Alternatives:\*\* .*MySQL/);
    const concept = (await cli(['explain', 'relational database'])).stdout;
    expect(concept).toMatch(/^Best-known tools: [A-Z]/m);
  });
});
