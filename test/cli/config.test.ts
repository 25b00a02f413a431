import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/app/config.js';
import { cliVersion } from '../../src/cli/run.js';
import { cli } from '../support/cli.js';

describe('the CLI reads .env and the configuration schema', () => {
  it('takes DATA_DIR from .env in the working folder (totd list looks there)', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'termbot-env-'));
    await writeFile(path.join(cwd, '.env'), 'DATA_DIR=./from-dotenv\n');
    const out = await cli(['totd', 'list'], { cwd });
    expect(out.code).toBe(0);
    // Inside the working folder, so shown relative to it.
    expect(out.stderr).toContain('database in from-dotenv yet');
  });

  it('the real environment wins over .env', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'termbot-env-'));
    await writeFile(path.join(cwd, '.env'), 'DATA_DIR=./from-dotenv\n');
    const out = await cli(['totd', 'list'], { cwd, env: { DATA_DIR: './from-env', LOG_LEVEL: 'silent' } });
    expect(out.stderr).toContain('database in from-env yet');
  });

  it('a bad LOG_LEVEL is a one-line configuration error, exit 2, no stack', async () => {
    const out = await cli(['explain', 'k8s'], { env: { LOG_LEVEL: 'loud' } });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('termbot: invalid configuration: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent\n');
  });

  it('a bad value in .env is refused the same way', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'termbot-env-'));
    await writeFile(path.join(cwd, '.env'), 'TOTD_TZ=Mars/Olympus\n');
    const out = await cli(['list'], { cwd, env: {} });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^termbot: invalid configuration: TOTD_TZ: /);
  });

  it('LOG_LEVEL is case-insensitive, the same for the CLI and the bot', async () => {
    expect((await cli(['explain', 'k8s'], { env: { LOG_LEVEL: 'SILENT' } })).code).toBe(0);
    expect(parseConfig({ LOG_LEVEL: 'INFO' }).LOG_LEVEL).toBe('info');
    expect(parseConfig({ LOG_LEVEL: ' Warn ' }).LOG_LEVEL).toBe('warn');
  });

  it("the schema's remembered verdict is trusted only for the exact values it was made for", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'termbot-verdict-'));
    const env = { LOG_LEVEL: 'loud', TERMBOT_CACHE_DIR: cache };
    expect((await cli(['explain', 'k8s'], { env })).code).toBe(2);
    const [memo] = (await readdir(cache)).filter((n) => n.startsWith('config-'));
    expect(memo).toBeDefined();
    // A memo of the same name made for other values (a name collision) says "ok": it must not be believed.
    const file = path.join(cache, memo!);
    const forged = JSON.parse(await readFile(file, 'utf8')) as { material: string; verdict: unknown };
    await writeFile(file, JSON.stringify({ material: forged.material + ' ', verdict: { ok: true, values: {} } }));
    const again = await cli(['explain', 'k8s'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('LOG_LEVEL');
  });

  it('help needs no configuration; --version reads package.json', async () => {
    expect((await cli(['--help'], { env: { LOG_LEVEL: 'loud' } })).code).toBe(0);
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(cliVersion()).toBe(version);
    expect((await cli(['--version'])).stdout).toBe(`termbot ${version}\n`);
  });
});
