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

  it('list --tools files a tool where most of its concepts are, and a filter prints only its own non-empty section', async () => {
    const all = (await cli(['list', '--tools'])).stdout;
    const groups = new Map(
      all
        .trimEnd()
        .split('\n\n')
        .map((g) => {
          const [header, ...rows] = g.split('\n');
          return [header!, rows.map((r) => r.trim().split(/\s+/)[0]!)] as const;
        }),
    );
    for (const [header, slugs] of groups) expect(slugs.length, header).toBeGreaterThan(0);
    expect(groups.get('networking')).toContain('zookeeper');
    expect(groups.get('security')).toEqual(expect.arrayContaining(['trivy', 'owasp-zap', 'open-policy-agent']));
    expect(groups.get('architecture')).toContain('openapi');
    expect(groups.get('foundations')).not.toContain('zookeeper');
    // The card says the same category as the list.
    expect((await cli(['explain', 'zookeeper'])).stdout).toMatch(/^Apache ZooKeeper {2}\(networking, tool\)/);
    for (const [header, slugs] of groups) {
      const one = await cli(['list', '--tools', '--category', header]);
      // One header, its own, then exactly the tools the full list shows under it.
      expect(one.stdout.match(/^\S.*$/gm)).toEqual([header]);
      expect(one.stdout.match(/^ {2}\S+/gm)!.map((r) => r.trim())).toEqual(slugs);
      expect(one.stderr).toContain(`${slugs.length} tools in ${header}`);
    }
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
