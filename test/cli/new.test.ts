import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { knowledgeStack, loadStack } from '../../src/core/knowledge/layers.js';
import { cli } from '../support/cli.js';
import { titleFromSlug } from '../../src/cli/commands/new.js';
import { tempTeamDir, writeTeamTerm } from '../support/team-knowledge.js';

let team: string;
let cache: string;
// The snapshot keeps the many CLI calls fast; it is checked against every file, so never stale.
const env = (): Record<string, string> => ({ TEAM_KNOWLEDGE_DIR: team, TERMBOT_CACHE_DIR: cache });

beforeAll(async () => {
  team = await tempTeamDir();
  cache = await tempTeamDir('termbot-new-cache-');
});
afterAll(async () => {
  await rm(team, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

describe('termbot new', { timeout: 120_000 }, () => {
  it('writes a term template into the team folder, filled where it can be, and says what to do next', async () => {
    const r = await cli(['new', 'ledger-service', '--category', 'payments'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(team, 'payments', 'ledger-service.md');
    const text = await readFile(file, 'utf8');
    expect(text).toContain('title: Ledger Service');
    expect(text).toContain('category: payments');
    expect(text).toContain(`reviewed: ${new Date().toISOString().slice(0, 10)}`);
    expect(r.stdout).toContain('Fill in: summary');
    expect(r.stdout).toContain('termbot lint');
    // Until it is filled in, it does not lint: a watching bot skips it; lint names what is missing.
    const load = await loadStack(knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR));
    expect(load.kb.terms.has('ledger-service')).toBe(false);
    expect(load.skipped.some((p) => p.file === 'team:payments/ledger-service.md')).toBe(true);
    const lint = await cli(['lint'], { env: env() });
    expect(lint.stdout).toMatch(/ledger-service\.md:\d+: \[team\] summary/);
  });

  it('tools and comparisons get their own templates and folders', async () => {
    expect((await cli(['new', 'ledgerd', '--tool'], { env: env() })).code).toBe(0);
    expect(await readFile(path.join(team, 'tools', 'ledgerd.md'), 'utf8')).toMatch(/is_a: \[\]\n/);
    const c = await cli(['new', '--compare', 'dns', 'cdn'], { env: env() });
    expect(c.code, c.stderr).toBe(0);
    const text = await readFile(path.join(team, 'comparisons', 'dns-vs-cdn.md'), 'utf8');
    expect(text).toContain('compares: [dns, cdn]');
    expect(text).toMatch(/title: DNS .* vs CDN/);
  });

  it('refuses a slug that exists in the stack, a file that exists, and bad input, changing nothing', async () => {
    const dns = await cli(['new', 'dns'], { env: env() });
    expect(dns.code).toBe(2);
    expect(dns.stderr).toMatch(/"dns" exists already .*copy its file into the team folder/);
    await writeFile(path.join(team, 'keep.md'), 'x');
    const again = await cli(['new', 'ledger-service', '--category', 'payments'], { env: env() });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already; nothing written/);
    for (const args of [
      ['new'],
      ['new', 'Not A Slug'],
      ['new', 'a', 'b'],
      ['new', 'x-y', '--category', 'tools'],
      ['new', 'x-y', '--category', '../etc'],
      ['new', '--compare', 'dns'],
      ['new', '--compare', 'dns', 'no-such-term'],
      ['new', '--compare', 'dns', 'dns'],
    ]) {
      const r = await cli(args, { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/internal error/);
    }
    const none = await cli(['new', 'x-y'], { env: { TERMBOT_CACHE_DIR: cache } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no team folder: set TEAM_KNOWLEDGE_DIR or pass --dir/);
  });

  it('a title keeps abbreviations readable, and a tool is not asked for an analogy', async () => {
    expect(titleFromSlug('my-db')).toBe('My DB');
    expect(titleFromSlug('dns-cache-warmer')).toBe('DNS Cache Warmer');
    expect(titleFromSlug('ledger-service')).toBe('Ledger Service');
    const r = await cli(['new', 'my-db', '--tool'], { env: env() });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(path.join(team, 'tools', 'my-db.md'), 'utf8')).toContain('title: My DB\n');
    expect(r.stdout).not.toContain('analogy');
    const term = await cli(['new', 'house-style', '--category', 'payments'], { env: env() });
    expect(term.stdout).toContain('an everyday analogy');
  });

  it('a slug whose card is already in the team folder points at that file, not at copying it there', async () => {
    const other = await tempTeamDir();
    try {
      await writeTeamTerm(other, { slug: 'settlement-window', title: 'Settlement Window' });
      const r = await cli(['new', 'settlement-window'], { env: { TEAM_KNOWLEDGE_DIR: other, TERMBOT_CACHE_DIR: cache } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('"settlement-window" exists already (Settlement Window); it is in this folder already: edit ');
      expect(r.stderr).toContain(path.join('payments', 'settlement-window.md'));
      expect(r.stderr).not.toContain('copy its file');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('--dir writes into the folder given', async () => {
    const other = await tempTeamDir();
    try {
      const r = await cli(['new', 'house-rule', '--dir', other], { env: { TERMBOT_CACHE_DIR: cache } });
      expect(r.code, r.stderr).toBe(0);
      expect(await readFile(path.join(other, 'team', 'house-rule.md'), 'utf8')).toContain('category: team');
      expect(r.stdout).toContain('termbot lint --team');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
