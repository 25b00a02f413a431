import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('termbot CLI', () => {
  it('prints help everywhere', async () => {
    const main = await cli(['--help']);
    expect(main.code).toBe(0);
    for (const c of ['explain', 'repl', 'lookup', 'list', 'lint']) expect(main.stdout).toContain(c);
    const sub = await cli(['explain', '--help']);
    expect(sub.stdout).toMatch(/--depth short\|full/);
  });

  it('explains a term, short by default and full on request', async () => {
    const short = await cli(['explain', 'what', 'is', 'k8s?']);
    expect(short.code).toBe(0);
    expect(short.stdout).toMatch(/^Kubernetes/);
    expect(short.stdout).toContain('What it is');
    expect(short.stdout).not.toContain('How it works');
    expect(short.stdout).not.toContain('\u001b['); // no colours when not a TTY
    const full = await cli(['explain', 'kubernetes', '--depth', 'full']);
    expect(full.stdout).toContain('How it works');
    const coloured = await cli(['explain', 'kubernetes'], { tty: true });
    expect(coloured.stdout).toContain('\u001b[1m');
  });

  it('renders markdown and the JSON answer model', async () => {
    const md = await cli(['explain', 'kubernetes', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^# Kubernetes/);
    const json = JSON.parse((await cli(['explain', 'kubernetes', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ kind: 'term', term: { slug: 'kubernetes' } });
  });

  it('markdown never echoes a mention that would ping when pasted into chat', async () => {
    const md = await cli(['explain', '@everyone tell me a *joke* @here <@123>', '--format', 'markdown']);
    expect(md.code).toBe(1);
    for (const mention of ['@everyone', '@here', '<@123>', '@123']) expect(md.stdout).not.toContain(mention);
    // Still readable: a zero-width space after "@" keeps the text, minus the ping.
    expect(md.stdout).toContain('@\u200beveryone tell me a \\*joke\\* @\u200bhere');
  });

  it('answers an unknown term kindly with exit code 1, and usage mistakes with 2', async () => {
    const none = await cli(['explain', 'pizza']);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/don't have that term/);
    expect((await cli(['explain'])).code).toBe(2);
    expect((await cli(['explain', 'x', '--depth', 'huge'])).stderr).toMatch(/--depth must be/);
    expect((await cli(['explain', 'x', '--bogus'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('lookup --json prints one stable line per query from stdin or arguments', async () => {
    const out = await cli(['lookup', '--json'], { stdin: 'k8s\n\nmonolith vs microservices\n \t \npizza\n' });
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // One output line per input line: blank and whitespace-only lines are empty queries.
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ query: 'k8s', kind: 'term', slugs: ['kubernetes'], suggestions: expect.any(Array), score: 1 });
    expect(lines[1]).toEqual({ query: '', kind: 'none', slugs: [], suggestions: [], score: 0 });
    expect(Object.keys(lines[2])).toEqual(['query', 'kind', 'slugs', 'suggestions', 'score']);
    expect(lines[2]).toMatchObject({ kind: 'comparison', slugs: ['monolith', 'microservices'] });
    expect(lines[3]).toEqual({ query: ' \t ', kind: 'none', slugs: [], suggestions: [], score: 0 });
    expect(lines[4]).toMatchObject({ query: 'pizza', kind: 'none', slugs: [] });
    const arg = await cli(['lookup', '--json', 'what', 'is', 'IaC']);
    expect(JSON.parse(arg.stdout)).toMatchObject({ query: 'what is IaC', slugs: ['infrastructure-as-code'] });
  });

  it('lists terms by category and rejects unknown categories', async () => {
    const out = await cli(['list', '--category', 'compute']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^kubernetes\s+Kubernetes$/m);
    expect(out.stdout).not.toMatch(/^dns\s/m);
    expect((await cli(['list', '--category', 'food'])).code).toBe(2);
  });

  it('explains each piped line when run without a command and without a terminal', async () => {
    const out = await cli([], { stdin: 'k8s\nIaC\n' });
    expect(out.stdout).toContain('Kubernetes');
    expect(out.stdout).toContain('Infrastructure as Code');
  });

  it('lint counts terms, tools and comparisons as list does (tools are not terms)', async () => {
    const lint = await cli(['lint']);
    const list = await cli(['list']);
    const [, terms, tools, comparisons] = /^(\d+) terms, (\d+) tools and (\d+) comparisons in all/.exec(list.stderr)!;
    expect(lint.stderr).toContain(`${terms} terms, ${tools} tools, ${comparisons} comparisons, `);
  });

  it('lint prints path:line: message for every problem and exits 1', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'termbot-lint-'));
    await mkdir(path.join(dir, 'networking'));
    await writeFile(path.join(dir, 'networking', 'bad.md'), '---\ntitle: Bad\ncategory: networking\nsummary: s\n---\n## What it is\nx\n');
    const out = await cli(['lint', '--knowledge', dir], { cwd: dir });
    expect(out.code).toBe(1);
    // The folder has no usable term, which the bot would refuse: that comes first, for the folder.
    const [folder, ...lines] = out.stdout.trim().split('\n');
    expect(folder).toMatch(/^\.:0: no usable terms in /);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(l).toMatch(/^networking\/bad\.md:\d+: .+/);
    expect(out.stdout).toContain('networking/bad.md:2: analogy: is required');
  });
});
