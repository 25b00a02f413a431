import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { knowledgeStack, loadStack, type ParseCache } from '../../../src/core/knowledge/layers.js';
import { loadKnowledgeCached } from '../../../src/core/knowledge/snapshot.js';
import { createTermbot, loadTermbot } from '../../../src/core/termbot.js';
import { cli } from '../../support/cli.js';
import { tempTeamDir, teamTermSource, writeTeamTerm } from '../../support/team-knowledge.js';

let team: string;
let team2: string;

beforeAll(async () => {
  team = await tempTeamDir();
  team2 = await tempTeamDir();
  // A new term in a team category, linking to bundled terms (cross-layer references).
  await writeTeamTerm(team, { slug: 'ledger-service', title: 'Ledger Service', aliases: ['ledgersvc'], related: ['dns', 'cdn', 'idempotency'] });
  // An override of a bundled card, deliberately.
  const dns = await readFile(path.join(BUNDLED_KNOWLEDGE_DIR, 'networking', 'dns.md'), 'utf8');
  await mkdir(path.join(team, 'networking'));
  await writeFile(path.join(team, 'networking', 'dns.md'), dns.replace('title: DNS (Domain Name System)', 'title: DNS (our house edition)'));
  // A broken team file, and one with a reference to nothing.
  await writeFile(path.join(team, 'payments', 'broken.md'), '---\ntitle: [unclosed\n---\n');
  await writeTeamTerm(team, { slug: 'refund-flow', title: 'Refund Flow', related: ['ledger-service', 'no-such-term', 'dns'] });
  // A second team folder that wins over the first.
  await writeTeamTerm(team2, { slug: 'ledger-service', title: 'Ledger Service v2', related: ['dns', 'cdn', 'idempotency'] });
});
afterAll(async () => {
  await rm(team, { recursive: true, force: true });
  await rm(team2, { recursive: true, force: true });
});

describe('layered knowledge', () => {
  it('a team folder adds terms in its own category, replaces a bundled card (reported), and skips its broken file', async () => {
    const load = await loadStack(knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR));
    const bot = createTermbot(load.kb);
    expect(bot.explain('ledgersvc')).toMatchObject({ kind: 'term', term: { slug: 'ledger-service', category: 'payments' } });
    expect(bot.answerFor('dns')).toMatchObject({ term: { title: 'DNS (our house edition)' } });
    expect(load.overrides).toEqual([expect.objectContaining({ file: 'team:networking/dns.md', replaces: 'networking/dns.md' })]);
    expect(load.skipped.map((p) => p.file)).toContain('team:payments/broken.md');
    // Cross-layer checks: a team card's related bundled slugs are fine, a missing one is a problem in the team layer.
    const problems = load.problems.filter((p) => p.file.startsWith('team:'));
    expect(problems.some((p) => p.file === 'team:payments/refund-flow.md' && /unknown slug "no-such-term"/.test(p.message))).toBe(true);
    expect(problems.some((p) => p.file === 'team:payments/ledger-service.md')).toBe(false);
    // The team's own category is browsable and listed with a readable label.
    expect(bot.categories()).toContain('payments');
    expect(bot.overview().find((c) => c.category === 'payments')).toMatchObject({ label: 'Payments', count: 2 });
    expect(bot.browse('payments').terms.map((t) => t.slug)).toEqual(['ledger-service', 'refund-flow']);
  });

  it('lint: false leaves out the lint-only findings but still drops dangling links; a cached parse stays as parsed', async () => {
    const layers = knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team], BUNDLED_KNOWLEDGE_DIR);
    const cache: ParseCache = new Map();
    const linted = await loadStack(layers, undefined, { cache });
    const quiet = await loadStack(layers, undefined, { cache, lint: false });
    const unknownRef = (p: { file: string; message: string }) => p.file === 'team:payments/refund-flow.md' && /unknown slug "no-such-term"/.test(p.message);
    expect(linted.problems.some(unknownRef)).toBe(true);
    expect(quiet.problems.some(unknownRef)).toBe(false);
    // What serving needs is the same either way.
    expect(quiet.dropped).toEqual(linted.dropped);
    expect(quiet.dropped.some((p) => p.file === 'team:payments/refund-flow.md' && /no-such-term/.test(p.message))).toBe(true);
    expect(quiet.kb.terms.get('refund-flow')!.related).toEqual(['ledger-service', 'dns']);
    // The assembler filtered its copy; the cached parse still has the link as written (two loads later).
    const cached = cache.get('team:payments/refund-flow.md')!.parsed;
    expect(cached.kind === 'term' && cached.entry.related).toEqual(['ledger-service', 'no-such-term', 'dns']);
  });

  it('later team folders win over earlier ones; a bundled-only load is untouched', async () => {
    const load = await loadStack(knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [team, team2], BUNDLED_KNOWLEDGE_DIR));
    expect(load.layers.map((l) => l.name)).toEqual(['bundled', 'team1', 'team2']);
    expect(load.kb.terms.get('ledger-service')?.title).toBe('Ledger Service v2');
    expect(load.overrides.map((o) => `${o.file} > ${o.replaces}`)).toContain('team2:payments/ledger-service.md > team1:payments/ledger-service.md');
    const plain = await loadStack(knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [], BUNDLED_KNOWLEDGE_DIR));
    expect(plain.kb.terms.get('dns')?.title).toBe('DNS (Domain Name System)');
    expect(plain.kb.terms.has('ledger-service')).toBe(false);
  });

  it('a bundled category name is still enforced in the base folder (team names only in team folders)', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'termbot-base-'));
    try {
      await writeTeamTerm(base, { slug: 'ledger-service', title: 'Ledger Service', related: ['a', 'b', 'c'] });
      const load = await loadStack([{ name: 'knowledge', dir: base, team: false }]);
      expect(load.skipped.some((p) => p.file === 'payments/ledger-service.md')).toBe(true);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('a team folder that does not exist stops the load with a message naming it', async () => {
    const missing = path.join(team, 'nope');
    await expect(loadTermbot(knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [missing], BUNDLED_KNOWLEDGE_DIR))).rejects.toThrow(
      `cannot read the team knowledge folder (team) ${missing}: it does not exist`,
    );
  });

  it('the snapshot covers the stack: an edit in a team folder is never served stale', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'termbot-cache-'));
    const t = await tempTeamDir();
    try {
      await writeTeamTerm(t, { slug: 'ledger-service', title: 'Ledger Service' });
      const layers = knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [t], BUNDLED_KNOWLEDGE_DIR);
      const first = await loadKnowledgeCached(layers, { cacheDir });
      expect(first.fromSnapshot).toBe(false);
      const second = await loadKnowledgeCached(layers, { cacheDir });
      expect(second.fromSnapshot).toBe(true);
      expect(second.kb.terms.get('ledger-service')?.title).toBe('Ledger Service');
      await writeFile(path.join(t, 'payments', 'ledger-service.md'), teamTermSource({ slug: 'ledger-service', title: 'Ledger Service (renamed)' }));
      const third = await loadKnowledgeCached(layers, { cacheDir });
      expect(third.fromSnapshot).toBe(false);
      expect(third.kb.terms.get('ledger-service')?.title).toBe('Ledger Service (renamed)');
      // Without the team layer, another snapshot: the bundled knowledge alone.
      const alone = await loadKnowledgeCached(knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [], BUNDLED_KNOWLEDGE_DIR), { cacheDir });
      expect(alone.kb.terms.has('ledger-service')).toBe(false);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
      await rm(t, { recursive: true, force: true });
    }
  });
});

describe('termbot lint over the stack', () => {
  it('names the layer of each problem, notes overrides, and checks references across layers', async () => {
    const r = await cli(['lint'], { env: { TEAM_KNOWLEDGE_DIR: team, TERMBOT_CACHE_DIR: 'off' } });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.some((l) => l.includes(path.join('payments', 'broken.md')) && /: \[team\] invalid YAML/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('refund-flow.md') && l.includes('[team] related: unknown slug "no-such-term"'))).toBe(true);
    expect(lines.every((l) => /\[(bundled|team|stack)\]/.test(l))).toBe(true);
    expect(r.stderr).toMatch(/note: .*networking\/dns\.md: \[team\] replaces .*knowledge\/networking\/dns\.md \[bundled\]/);
    expect(r.stderr).toMatch(/in 2 layers \(bundled, team\), 1 replaced/);
  });

  it('TEAM_KNOWLEDGE_DIR naming a missing folder is a configuration error naming it (exit 2)', async () => {
    const missing = path.join(team, 'missing');
    const r = await cli(['lint'], { env: { TEAM_KNOWLEDGE_DIR: `${team}${path.delimiter}${missing}` } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`TEAM_KNOWLEDGE_DIR: team knowledge folder ${missing} does not exist`);
  });

  it('KNOWLEDGE_DIR keeps its meaning: it replaces the base, team folders still stack on top', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'termbot-base-'));
    try {
      await cp(path.join(BUNDLED_KNOWLEDGE_DIR, 'networking'), path.join(base, 'networking'), { recursive: true });
      const r = await cli(['explain', 'ledgersvc'], { env: { KNOWLEDGE_DIR: base, TEAM_KNOWLEDGE_DIR: team, TERMBOT_CACHE_DIR: 'off' } });
      expect(r.stdout).toMatch(/Ledger Service/);
      const q = await cli(['lookup', '--json', 'kubernetes'], { env: { KNOWLEDGE_DIR: base, TERMBOT_CACHE_DIR: 'off' } });
      expect(JSON.parse(q.stdout).kind).toBe('none');
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
