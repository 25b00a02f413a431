import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { tempTeamDir, writeTeamTerm } from '../support/team-knowledge.js';
import { tempDir } from '../store/helpers.js';

/** Operator mistakes (probe2 findings 1, 4, 5, 7, 12, 13, 15, 16): one plain line naming the path or variable, exit 2. */
const tmp = tempDir('termbot-operator-');
let team: string;
const cache = (): string => path.join(tmp.dir, 'cache');
const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  TERMBOT_CACHE_DIR: cache(),
  DATA_DIR: path.join(tmp.dir, 'data'),
  ...extra,
});

beforeAll(async () => {
  team = await tempTeamDir();
  await writeTeamTerm(team, { slug: 'ledger-service', title: 'Ledger Service', category: 'payments' });
  await mkdir(path.join(tmp.dir, 'a-folder'));
  await writeFile(path.join(tmp.dir, 'a-file'), 'not a folder');
});
afterAll(async () => {
  tmp.cleanup();
  await rm(team, { recursive: true, force: true });
});

/** One line on stderr, no stack, no "internal error". */
function oneLine(stderr: string): string {
  expect(stderr).not.toMatch(/internal error|\n\s+at /);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  return stderr.trim();
}

describe('operator mistakes on the command line', { timeout: 120_000 }, () => {
  it('report --html into a missing folder or onto a folder: one line naming the path, exit 2', async () => {
    const missing = path.join(tmp.dir, 'no-such-dir', 'r.html');
    const a = await cli(['report', '--html', missing], { env: env() });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(`termbot report: cannot write ${missing}: the folder ${path.dirname(missing)} does not exist`);
    expect(a.stderr).not.toMatch(/internal error|\n\s+at /);
    const b = await cli(['report', '--html', path.join(tmp.dir, 'a-folder')], { env: env() });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`cannot write ${path.join(tmp.dir, 'a-folder')}: that is a folder`);
  });

  it('lint --terms with a missing file or a folder: one line, exit 2', async () => {
    const a = await cli(['lint', '--terms', path.join(tmp.dir, 'nope.tsv')], { env: env() });
    expect(a.code).toBe(2);
    expect(oneLine(a.stderr)).toBe(`termbot lint: cannot read ${path.join(tmp.dir, 'nope.tsv')}: no such file`);
    const b = await cli(['lint', '--terms', path.join(tmp.dir, 'a-folder')], { env: env() });
    expect(b.code).toBe(2);
    expect(oneLine(b.stderr)).toMatch(/cannot read .*a-folder: that is a folder/);
  });

  it('new --dir under a file: one line, exit 2', async () => {
    const r = await cli(['new', 'x-thing', '--dir', path.join(tmp.dir, 'a-file')], { env: env() });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^termbot new: cannot write .*a-file.*x-thing\.md: part of the path is a file, not a folder$/);
  });

  it('negative numbers get the command\'s own message (exit 2), not parseArgs\' "ambiguous"', async () => {
    for (const [args, message] of [
      [['report', '--limit', '-1'], '--limit "-1" must be a whole number from 1 to 1000'],
      [['report', '--since', '-5d'], '--since "-5d" is not a period'],
      [['lint', '--stale', '-1'], '--stale takes a whole number of days, not "-1"'],
    ] as const) {
      const r = await cli([...args], { env: env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/ambiguous/);
    }
  });
});

describe('database settings', { timeout: 120_000 }, () => {
  it('DATABASE_URL that is not a URL: names the variable, exit 2', async () => {
    const r = await cli(['report'], { env: env({ DATABASE_URL: 'notaurl' }) });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^termbot report: invalid configuration: DATABASE_URL: must be a PostgreSQL URL/);
  });

  it('an unreachable database: "cannot reach the database at host:port", exit 2', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const r = await cli(['report'], { env: env({ DATABASE_URL: 'postgres://termbot:secret@127.0.0.1:1/x' }) });
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toMatch(/^termbot report: cannot reach the database at 127\.0\.0\.1:1 \(DATABASE_URL\)/);
    expect(r.stderr).not.toContain('secret');
  });

  it('DATA_DIR or --data-dir that is a file: names the setting, exit 2 (report, totd, today)', async () => {
    const file = path.join(tmp.dir, 'a-file');
    for (const args of [['report'], ['totd', 'list'], ['today']]) {
      const r = await cli(args, { env: env({ DATA_DIR: file }) });
      expect(r.code, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr)).toBe(`termbot ${args[0]}: DATA_DIR ${file} is a file, not a folder; point it at a folder`);
      const f = await cli([...args, '--data-dir', file], { env: env() });
      expect(f.code, args.join(' ')).toBe(2);
      expect(f.stderr).toContain(`--data-dir ${file} is a file`);
    }
  });

  it('DATA_DIR= (empty) is unset: the default ./data, not a validation message', async () => {
    const r = await cli(['report', '--json'], { env: { ...env(), DATA_DIR: '' }, cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('nothing recorded yet in data');
  });

  it('report --data-dir reads that folder, as today and totd do', async () => {
    const dir = path.join(tmp.dir, 'copied');
    const r = await cli(['report', '--data-dir', dir, '--json'], { env: env({ DATABASE_URL: 'postgres://127.0.0.1:1/x' }) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`nothing recorded yet in ${dir}`);
    expect(JSON.parse(r.stdout)).toMatchObject({ totals: { questions: 0 } });
  });
});

describe('term of the day without a database', { timeout: 120_000 }, () => {
  it('totd list and today show the TOTD_*_CHANNELS the bot subscribes at start', async () => {
    const e = env({ DATA_DIR: path.join(tmp.dir, 'fresh'), TOTD_SLACK_CHANNELS: 'C123,C456', TOTD_DISCORD_CHANNELS: '700000000000000001' });
    const list = await cli(['totd', 'list'], { env: e });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('discord:700000000000000001');
    expect(list.stdout).toContain('slack:C456');
    expect(list.stderr).toContain('3 channels from TOTD_*_CHANNELS, subscribed when the bot starts');
    expect(list.stderr).not.toContain('or set TOTD_');
    const today = await cli(['today', '--format', 'json'], { env: e });
    expect(today.code, today.stderr).toBe(0);
    expect((JSON.parse(today.stdout) as { channel: string }[]).map((p) => p.channel)).toEqual([
      'discord:700000000000000001',
      'slack:C123',
      'slack:C456',
    ]);
    expect(existsSync(path.join(tmp.dir, 'fresh'))).toBe(false);
  });

  it('a channel id that is not one is a configuration error naming the variable', async () => {
    const r = await cli(['totd', 'list'], { env: env({ TOTD_SLACK_CHANNELS: 'not a channel!' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/TOTD_SLACK_CHANNELS: "not a channel!" is not a channel id/);
  });
});

describe('team folders and paths', { timeout: 120_000 }, () => {
  it('a team category can be browsed: list --category and :list', async () => {
    const r = await cli(['list', '--category', 'payments'], { env: env({ TEAM_KNOWLEDGE_DIR: team }) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ledger-service\s+Ledger Service/);
    const repl = await cli(['repl'], { env: env({ TEAM_KNOWLEDGE_DIR: team }), stdin: ':list payments\n' });
    expect(repl.stdout).toContain('Ledger Service (ledger-service)');
    expect(repl.stdout).not.toContain('No such category');
    const bad = await cli(['list', '--category', 'nosuch'], { env: env({ TEAM_KNOWLEDGE_DIR: team }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/choose one of .*operations, payments/);
  });

  it('new and lint print a folder outside the working folder as an absolute path, inside as a relative one', async () => {
    const outside = await cli(['new', 'my-tool', '--tool'], { env: env({ TEAM_KNOWLEDGE_DIR: team }), cwd: tmp.dir });
    expect(outside.code, outside.stderr).toBe(0);
    const file = path.join(team, 'tools', 'my-tool.md');
    expect(outside.stdout).toContain(`Wrote ${file}\n`);
    const lint = await cli(['lint'], { env: env({ TEAM_KNOWLEDGE_DIR: team }), cwd: tmp.dir });
    expect(lint.stdout).toContain(`${file}:`);
    expect(lint.stdout).not.toContain('../');
    const inside = await cli(['lint'], { env: env({ TEAM_KNOWLEDGE_DIR: team }), cwd: team });
    expect(inside.stdout).toMatch(/^tools\/my-tool\.md:\d+: \[team\]/m);
  });

  it('new --tool writes links: and names it in the hint; lint points at the key, not at title', async () => {
    const r = await cli(['new', 'other-tool', '--tool'], { env: env({ TEAM_KNOWLEDGE_DIR: team }) });
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(path.join(team, 'tools', 'other-tool.md'), 'utf8');
    const linksLine = text.split('\n').findIndex((l) => l.startsWith('links:')) + 1;
    expect(linksLine).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/Fill in: .*links/);
    const lint = await cli(['lint'], { env: env({ TEAM_KNOWLEDGE_DIR: team }) });
    expect(lint.stdout).toContain(`other-tool.md:${linksLine}: [team] links: needs a link`);
    expect(lint.stdout).not.toMatch(/other-tool\.md:2: \[team\] links/);
  });
});
