import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/knowledge/schema.js';
import { MAX_FILE_BYTES } from '../../src/core/knowledge/read-folder.js';
import { COMMANDS } from '../../src/cli/commands/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (f: string): Promise<string> => readFile(path.join(root, f), 'utf8');

describe('docs agree with the code', () => {
  it('docs/knowledge-format.md states the linter word limits and the file size limit', async () => {
    const doc = await read('docs/knowledge-format.md');
    expect(doc).toContain(`${LIMITS.termWords.min} to ${LIMITS.termWords.max} words`);
    expect(doc).toContain(`${LIMITS.comparisonWords.min} to ${LIMITS.comparisonWords.max} words`);
    expect(doc).toContain(`${LIMITS.toolWords.min} to ${LIMITS.toolWords.max} words`);
    expect(doc).toContain(`${MAX_FILE_BYTES / 1024} KiB`);
  });

  it('no doc points at a file a user does not have', async () => {
    for (const f of ['docs/knowledge-format.md', 'README.md']) expect(await read(f), f).not.toMatch(/\.\.\/shared|\/work\/shared/);
  });

  it('the README documents the lookup --json contract, tools included', async () => {
    const readme = await read('README.md');
    expect(readme).toContain('"kind": "tool"');
    expect(readme).toContain('"concepts"');
  });

  it("the README's CLI section and Terminal row name every command termbot --help lists", async () => {
    const readme = await read('README.md');
    const cli = readme.slice(readme.indexOf('### CLI'), readme.indexOf('\n## ', readme.indexOf('### CLI')));
    const terminal = readme.split('\n').find((l) => l.startsWith('| Terminal |'))!;
    for (const c of COMMANDS) {
      expect(cli, c.name).toMatch(new RegExp(`(termbot|--) ${c.name}\\b`));
      expect(terminal, c.name).toContain(`termbot ${c.name}`);
    }
    // What piped input and the exit codes do, as the code does it.
    expect(cli).toContain("printf ':full\\ncdn\\n' | termbot");
    expect(cli).toMatch(/`lookup` and `detect` answer every\s+line/);
  });
});
