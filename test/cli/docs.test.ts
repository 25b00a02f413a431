import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/knowledge/schema.js';
import { MAX_FILE_BYTES } from '../../src/core/knowledge/read-folder.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { replCompleter } from '../../src/cli/commands/repl.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot } from '../../src/core/termbot.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (f: string): Promise<string> => readFile(path.join(root, f), 'utf8');

/** What readline fills in on Tab: the candidates' common prefix. */
function commonPrefix(hits: string[]): string {
  return hits.reduce((a, b) => {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  });
}

describe('docs agree with the code', () => {
  it('the README says what Tab completion really fills in', async () => {
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const readme = (await read('README.md')).replace(/\s+/g, ' ');
    for (const [, typed, example] of readme.matchAll(/`([a-z ]+)` \+ Tab (?:gives|fills in the part its names share,) `([a-z ]+)`/g)) {
      expect(commonPrefix(replCompleter(bot, typed!)[0]), typed).toBe(example);
    }
    expect(readme).toContain('`load b` + Tab fills in the part its names share, `load balanc`');
  });

  it('docs/production.md does not promise /healthz in local mode', async () => {
    const doc = (await read('docs/production.md')).replace(/\s+/g, ' ');
    expect(doc).not.toMatch(/in every mode the bot serves/i);
    expect(doc).toContain('Local mode (`npm start` with no tokens: the terminal CLI) serves no HTTP at all');
  });

  it('docs/knowledge-format.md describes which comparison answers part of a larger one', async () => {
    const { bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR);
    const doc = (await read('docs/knowledge-format.md')).replace(/\s+/g, ' ');
    expect(doc).not.toContain('exactly those terms');
    const { answer } = bot.ask('load balancer vs reverse proxy');
    expect(answer).toMatchObject({ kind: 'comparison', slug: 'load-balancer-vs-reverse-proxy-vs-api-gateway' });
    expect(doc).toContain('("load balancer vs reverse proxy" shows load-balancer-vs-reverse-proxy-vs-api-gateway');
  });

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
