import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { cli } from '../support/cli.js';

describe('termbot lint --stale DAYS', () => {
  it('lists exactly the cards reviewed longer ago than DAYS, and exits 1', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'termbot-stale-')), 'knowledge');
    await cp(BUNDLED_KNOWLEDGE_DIR, dir, { recursive: true });
    const card = path.join(dir, 'networking', 'dns.md');
    await writeFile(card, (await readFile(card, 'utf8')).replace(/^reviewed: .*$/m, 'reviewed: 1990-01-02'));
    // 10,000 days is 27 years: only the card dated 1990 is that old, whatever today is.
    const out = await cli(['lint', '--knowledge', dir, '--stale', '10000'], { cwd: dir });
    const stale = out.stdout.split('\n').filter((l) => l.includes('days ago'));
    expect(stale).toHaveLength(1);
    // The line of `reviewed:`, so an editor or a CI annotation lands on it (not line 0).
    const line = (await readFile(card, 'utf8')).split('\n').findIndex((l) => l.startsWith('reviewed:')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(stale[0]).toMatch(new RegExp(`^networking/dns\\.md:${line}: reviewed 1990-01-02, \\d+ days ago \\(more than 10000\\)`));
    expect(out.code).toBe(1);
  });

  it('rejects a number of days that is not a whole number', async () => {
    const out = await cli(['lint', '--stale', 'soon']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--stale takes a whole number of days');
  });
});
