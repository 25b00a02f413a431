import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../store/helpers.js';
import { ROOT } from './bot-process.js';

/**
 * What the README says to run, as a supervisor runs it: `npm start` starts the built bot without
 * compiling, and SIGTERM sent to npm reaches the bot (no orphaned, still-connected process).
 */
const tmp = tempDir('termbot-npm-start-');
afterAll(() => tmp.cleanup());
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('npm start', () => {
  it('runs the built bot directly: no build step at start', () => {
    expect(pkg.scripts.prestart).toBeUndefined();
    expect(pkg.scripts.start).not.toMatch(/tsc|build|tsx/);
    expect(pkg.scripts.prepare).toBeDefined();
  });

  it('forwards SIGTERM to the bot, which stops cleanly; nothing is left running', async () => {
    // The project's own scripts, with a stand-in for dist/app/main.js that reports the signal.
    const dir = path.join(tmp.dir, 'app');
    mkdirSync(path.join(dir, 'dist', 'app'), { recursive: true });
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({
        name: 'termbot-signal-test',
        version: '1.0.0',
        type: 'module',
        scripts: { start: pkg.scripts.start, prestart: pkg.scripts.prestart },
      }),
    );
    writeFileSync(
      path.join(dir, 'dist', 'app', 'main.js'),
      `process.on('SIGTERM', () => { process.stdout.write('stopping ' + process.pid + '\\n'); process.exit(0); });
       setInterval(() => {}, 1000);
       process.stdout.write('ready ' + process.pid + '\\n');`,
    );
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: tmp.dir, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && !/ready \d+/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const pid = Number(/ready (\d+)/.exec(out)?.[1]);
    expect(pid, out).toBeGreaterThan(0);
    npm.kill('SIGTERM');
    await exited;
    for (let i = 0; i < 40 && !out.includes('stopping'); i++) await new Promise((r) => setTimeout(r, 50));
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) process.kill(pid, 'SIGKILL');
    expect(out).toContain(`stopping ${pid}`);
    expect(alive).toBe(false);
  });

  it('the install-time build step never fails a production install without TypeScript', () => {
    const dir = path.join(tmp.dir, 'prod');
    mkdirSync(path.join(dir, 'scripts'), { recursive: true });
    mkdirSync(path.join(dir, 'src'));
    copyFileSync(path.join(ROOT, 'scripts', 'build-if-needed.mjs'), path.join(dir, 'scripts', 'build-if-needed.mjs'));
    writeFileSync(path.join(dir, 'src', 'x.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(dir, 'tsconfig.json'), '{}');
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const r = spawnSync(process.execPath, [path.join(dir, 'scripts', 'build-if-needed.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/TypeScript is not installed/);
  });
});
