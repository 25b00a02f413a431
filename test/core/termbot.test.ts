import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { KnowledgeError } from '../../src/core/errors.js';
import { loadTermbot } from '../../src/core/termbot.js';

function recordingLogger(): { warn: (o: object, m?: string) => void; info: (o: object, m?: string) => void; warnings: object[] } {
  const warnings: object[] = [];
  return { warnings, warn: (o) => warnings.push(o), info: () => undefined };
}

describe('loadTermbot', () => {
  it('skips a broken file with a logged warning and keeps serving everything else', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'termbot-kb-'));
    await cp(BUNDLED_KNOWLEDGE_DIR, dir, { recursive: true });
    await writeFile(path.join(dir, 'networking', 'dns.md'), '---\ntitle: [broken\n---\n');
    const logger = recordingLogger();
    const { bot, load } = await loadTermbot(dir, logger);
    expect(load.skipped.map((s) => s.file)).toContain('networking/dns.md');
    expect(logger.warnings).toContainEqual(expect.objectContaining({ file: 'networking/dns.md' }));
    expect(bot.kb.terms.has('dns')).toBe(false);
    expect(bot.ask('what is a CDN').match.terms).toEqual(['cdn']);
    // Terms that pointed at the broken one no longer link to nothing.
    for (const t of bot.kb.terms.values()) expect(t.related).not.toContain('dns');
  });

  it('fails clearly when the folder cannot be read or holds no terms', async () => {
    await expect(loadTermbot('/no/such/knowledge')).rejects.toBeInstanceOf(KnowledgeError);
    const empty = await mkdtemp(path.join(tmpdir(), 'termbot-empty-'));
    await expect(loadTermbot(empty)).rejects.toThrow(/no usable terms/);
  });

  it('answers buttons and the term of the day by slug, and browses by category', async () => {
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    expect(bot.answerFor('kubernetes', 'full')).toMatchObject({
      kind: 'term',
      depth: 'full',
      term: { slug: 'kubernetes', hasMore: false },
    });
    expect(bot.answerFor('tcp-vs-udp')).toMatchObject({ kind: 'comparison', slug: 'tcp-vs-udp' });
    expect(bot.answerFor('nope').kind).toBe('none');
    expect(bot.list('security').every((t) => bot.kb.terms.get(t.slug)!.category === 'security')).toBe(true);
    expect(bot.overview().reduce((n, c) => n + c.count + c.tools, 0)).toBe(bot.kb.terms.size);
  });
});
