import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/core/package-paths.js';
import { plainLogLine } from '../../src/cli/plain-log.js';
import { cli } from '../support/cli.js';

/** A copy of the bundled knowledge with invalid YAML in networking/cdn.md (knowledge/ itself is never touched). */
let root: string;
let knowledge: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'termbot-warnings-'));
  knowledge = path.join(root, 'knowledge');
  await cp(BUNDLED_KNOWLEDGE_DIR, knowledge, { recursive: true });
  const cdn = path.join(knowledge, 'networking', 'cdn.md');
  await writeFile(cdn, (await readFile(cdn, 'utf8')).replace(/^title: .*$/m, 'title: [broken'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('knowledge warnings in the CLI', () => {
  it('are one plain line per skipped file, not JSON, on a fresh load and from the snapshot', async () => {
    const env = { LOG_LEVEL: 'warn', TERMBOT_CACHE_DIR: path.join(root, 'cache') };
    for (const run of ['parsed', 'snapshot']) {
      const out = await cli(['explain', 'dns', '--knowledge', knowledge], { env });
      expect(out.code, run).toBe(0);
      expect(out.stdout, run).toMatch(/^DNS/);
      const lines = out.stderr.trimEnd().split('\n');
      expect(lines[0], run).toMatch(/^termbot: skipped networking\/cdn\.md:\d+: invalid YAML: \S/);
      // Its dependants: skipped too, or serving with the link dropped; either way one plain line each.
      expect(lines.length, run).toBeGreaterThan(1);
      for (const l of lines) expect(l, run).toMatch(/^termbot: (skipped )?[\w/.-]+\.md(:\d+)?: \S/);
      expect(out.stderr, run).not.toContain('{');
    }
  });

  it('LOG_LEVEL=error or silent prints none; LOG_LEVEL=info adds a plain summary line', async () => {
    for (const level of ['error', 'silent']) {
      const out = await cli(['explain', 'dns', '--knowledge', knowledge], { env: { LOG_LEVEL: level } });
      expect(out.stderr, level).toBe('');
    }
    const info = await cli(['explain', 'dns', '--knowledge', knowledge], { env: { LOG_LEVEL: 'info' } });
    expect(info.stderr).toMatch(/^termbot: knowledge loaded \(terms \d+, comparisons \d+, skipped \d+, overrides 0\)$/m);
  });

  it('names a team layer, words a dropped link, and escapes control characters a problem quotes', () => {
    expect(plainLogLine({ file: 'tools/akamai.md', problem: 'is_a: dropped "cdn"' }, 'knowledge link dropped')).toBe(
      'termbot: tools/akamai.md: is_a: dropped "cdn"\n',
    );
    expect(
      plainLogLine(
        { file: 'team:payments/dns.md', problem: 'replaces the bundled card networking/dns.md' },
        'knowledge card overridden by a team layer',
      ),
    ).toBe('termbot: team card team:payments/dns.md: replaces the bundled card networking/dns.md\n');
    expect(plainLogLine({ file: 'data/x.md', line: 4, problem: 'bad \u001b[31mred' }, 'knowledge file skipped')).toBe(
      'termbot: skipped data/x.md:4: bad \\u001b[31mred\n',
    );
  });
});
