import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildForChildren } from '../support/child-build.js';

/**
 * The `termbot` bin is the CLI bundled by scripts/bundle-cli.mjs (`npm run build`): its modules no
 * longer sit at their source depth, so everything that finds termbot's own files (the bundled
 * knowledge, package.json, the lexicon) must still find them, and every command must answer as the
 * unbundled CLI does. Bundled here from this run's compiled sources, into a folder of its own.
 */
let built: { dir: string; remove: () => void } | null = null;
let out: string;
let cache: string;

const run = (entry: string, args: string[]) => {
  const r = spawnSync(process.execPath, [entry, ...args], {
    encoding: 'utf8',
    cwd: tmpdir(),
    // A cache folder per entry: a bundle made from this test build stamps dist/ as its loader code (it is
    // made from dist/ in a real build), so it and the test build write different snapshots.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TERMBOT_CACHE_DIR: path.join(cache, path.basename(entry)),
      LOG_LEVEL: 'silent',
      NO_COLOR: '1',
    },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(async () => {
  const from = process.env.TERMBOT_TEST_BUILD ?? (built = await buildForChildren()).dir;
  out = mkdtempSync(path.join(from, 'bundle-'));
  cache = mkdtempSync(path.join(tmpdir(), 'termbot-bundle-cache-'));
  const b = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-cli.mjs'), path.join(from, 'cli', 'main.js'), out], {
    encoding: 'utf8',
  });
  if (b.status !== 0) throw new Error(`bundling failed: ${b.stderr}`);
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
  built?.remove();
});

describe('the bundled CLI (the termbot bin)', () => {
  it('answers like the unbundled CLI: a term (first from YAML, then from the snapshot), a question, a comparison', () => {
    const bundled = path.join(out, 'termbot.js');
    const plain = path.join(path.dirname(out), 'cli', 'main.js');
    for (const args of [
      ['explain', 'load-balancer'],
      ['explain', 'load-balancer'],
      ['explain', 'what is a reverse proxy?'],
      ['explain', 'kafka vs rabbitmq'],
    ]) {
      const a = run(bundled, args);
      const b = run(plain, args);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
    expect(run(bundled, ['explain', 'load-balancer']).stdout).toMatch(/^Load Balancer/);
    // The calls after the first were served from the snapshot the first one wrote.
    expect(readdirSync(path.join(cache, path.basename(bundled))).some((n) => /^knowledge-.*\.json$/.test(n))).toBe(true);
  }, 60_000);

  it('finds package.json and the bundled knowledge from its own folder', () => {
    const bundled = path.join(out, 'termbot.js');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(bundled, ['--version']).stdout.trim()).toBe(`termbot ${pkg.version}`);
    // The YAML-parsing path is a chunk loaded on demand: lint reads every card of the bundled folder.
    const lint = run(bundled, ['lint']);
    expect(lint.code, lint.stderr + lint.stdout).toBe(0);
  }, 60_000);
});
