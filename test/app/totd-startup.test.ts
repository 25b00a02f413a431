import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { FakeDiscord } from '../support/fakes/discord/fake-discord.js';
import { tempDir } from '../store/helpers.js';
import { BotProcess, get } from './bot-process.js';

/**
 * When the term-of-the-day database cannot be opened: fatal (naming DATA_DIR and the cause) if
 * channels are configured or a database exists; otherwise the bot runs with it off, and both
 * /readyz and /explain-daily say why.
 */
const tmp = tempDir('termbot-totd-start-');
let discord: FakeDiscord;
const bots: BotProcess[] = [];
beforeAll(async () => {
  discord = new FakeDiscord();
  await discord.start();
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.dispose()));
});
afterAll(async () => {
  await discord.stop();
  tmp.cleanup();
});

function bot(env: Record<string, string>): BotProcess {
  const b = new BotProcess({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, ...env }, tmp.dir);
  bots.push(b);
  return b;
}

/** A DATA_DIR that cannot be created, even by root: its parent is a regular file. */
function unusableDataDir(name: string): string {
  const file = path.join(tmp.dir, `${name}.txt`);
  writeFileSync(file, 'not a folder');
  return path.join(file, 'data');
}

describe('term of the day database at startup', () => {
  it('nothing subscribed: runs with it disabled; /readyz and /explain-daily say why', async () => {
    const b = bot({ DATA_DIR: unusableDataDir('a') });
    const port = await b.port();
    await b.waitForLog((l) => l.msg === 'termbot is running');
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ components: { totd: { state: 'disabled', reason: expect.stringMatching(/DATA_DIR .*ENOTDIR/) } } });
    const warn = b.lines.find((l) => /term of the day disabled/.test(l.msg));
    expect(warn).toMatchObject({ level: 40 });

    const i = discord.subcommand('explain-daily', 'status', {}, { id: '600000000000000001', username: 'alice' });
    await discord.waitForCallback(i, 10_000);
    const edit = await discord.waitForCall(
      (c) => c.path.startsWith('/webhooks/') && c.path.includes(i.token),
      10_000,
      'the deferred reply',
    );
    expect(JSON.stringify(edit.body)).toMatch(
      /term of the day is turned off on this termbot: its database in DATA_DIR could not be opened/,
    );
  });

  it('channels configured: exits 1 with one fatal line naming DATA_DIR and the cause', async () => {
    const b = bot({ DATA_DIR: unusableDataDir('b'), TOTD_DISCORD_CHANNELS: '700000000000000001' });
    expect((await b.exited).code).toBe(1);
    const fatal = b.lines.filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ variable: 'DATA_DIR' });
    expect(fatal[0]!.msg).toMatch(/term-of-the-day database in DATA_DIR \(.*\) cannot be opened: .*ENOTDIR.*TOTD_DISCORD_CHANNELS/);
    expect(b.plain).toEqual([]);
  });

  it('a database from a newer termbot: exits 1 naming DATA_DIR, and the file is left exactly as it was', async () => {
    const dataDir = path.join(tmp.dir, 'newer');
    mkdirSync(dataDir);
    const file = path.join(dataDir, 'termbot.db');
    const s = new SqliteTotdStore(file);
    s.db.pragma('journal_mode = DELETE');
    s.db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)`).run();
    await s.close();
    const before = readFileSync(file);

    const b = bot({ DATA_DIR: dataDir });
    expect((await b.exited).code).toBe(1);
    const fatal = b.lines.find((l) => l.level === 60)!;
    expect(fatal.variable).toBe('DATA_DIR');
    expect(fatal.msg).toMatch(/schema version 99, newer than this termbot knows/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['termbot.db']);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
