import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/app/config.js';
import { loadKnowledge } from '../../../src/core/knowledge/load.js';
import { loadTermbot } from '../../../src/core/termbot.js';
import { cli } from '../../support/cli.js';
import { childArgs } from '../../support/child-build.js';

let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'termbot-faults-'));
  await chmod(base, 0o755);
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A fresh copy of the bundled knowledge to break. */
async function copyKnowledge(name: string): Promise<string> {
  const dir = path.join(base, name);
  await cp(BUNDLED_KNOWLEDGE_DIR, dir, { recursive: true });
  return dir;
}

/** Runs the real CLI as an unprivileged user (root reads any file, so mode 000 only bites others). */
function cliAsUser(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const asRoot = process.getuid?.() === 0;
  const child = spawn(process.execPath, [...childArgs('cli/main'), ...args], {
    cwd: base,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', XDG_CACHE_HOME: path.join(base, 'cache') },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('one unreadable knowledge file', () => {
  it('is skipped with a warning naming it and why; the rest serves; lint reports it (exit 1)', async () => {
    const dir = await copyKnowledge('unreadable');
    await chmod(path.join(dir, 'compute', 'pod.md'), 0o000);
    const served = await cliAsUser(['explain', 'k8s', '--knowledge', dir]);
    expect(served.code).toBe(0);
    expect(served.stdout).toMatch(/^Kubernetes/);
    expect(served.stderr).toContain('compute/pod.md');
    expect(served.stderr).toContain('permission denied');
    const lint = await cliAsUser(['lint', '--knowledge', dir]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('compute/pod.md:0: skipped: cannot read the file: permission denied');
    expect(lint.stderr).not.toContain('internal error');
  });
});

describe('knowledge files over the size limit', () => {
  it('are skipped unread with a warning; the rest serves', async () => {
    const dir = await copyKnowledge('huge');
    await writeFile(path.join(dir, 'compute', 'huge.md'), '---\ntitle: Huge\n---\n' + 'x'.repeat(300 * 1024));
    const load = await loadKnowledge(dir);
    expect(load.skipped).toContainEqual({ file: 'compute/huge.md', line: 0, message: expect.stringMatching(/^skipped unread: \d+ bytes, over the 256 KiB limit/) });
    expect(load.kb.terms.has('kubernetes')).toBe(true);
    const small = await loadKnowledge(dir, undefined, { maxFileBytes: 1024 });
    expect(small.kb.terms.size).toBe(0);
  });

  it('lint caps the problems printed per file and never prints control characters from the file', async () => {
    const dir = path.join(base, 'noisy');
    await mkdir(path.join(dir, 'networking'), { recursive: true });
    const aliases = Array.from({ length: 200 }, (_, i) => `  - "the \u001b[31m${i}"`).join('\n');
    const sections = Array.from({ length: 200 }, (_, i) => `## Bad \u001b[31m${i}\u0007\nx\n`).join('\n');
    await writeFile(path.join(dir, 'networking', 'noisy.md'), `---\ntitle: "Noisy \u0007\u001b[2J"\ncategory: networking\naliases:\n${aliases}\nbogus${'\u0001'}: 1\n---\n## What it is\nx\n${sections}`);
    const out = await cli(['lint', '--knowledge', dir], { cwd: dir });
    expect(out.code).toBe(1);
    const lines = out.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('networking/noisy.md:')).length).toBeLessThanOrEqual(21);
    expect(out.stdout).toMatch(/more problems not shown/);
    // eslint-disable-next-line no-control-regex
    expect(out.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
});

describe('names claimed by two cards', () => {
  it('warn at load naming both files; the established card keeps the name', async () => {
    const dir = await copyKnowledge('dupes');
    const pod = await readFile(path.join(dir, 'compute', 'pod.md'), 'utf8');
    // A new card (reviewed later, and sorting before kubernetes.md) that also answers to "k8s".
    await writeFile(
      path.join(dir, 'compute', 'a-kube-clone.md'),
      pod.replace(/^title: .*$/m, 'title: Kube Clone').replace(/^aliases: .*$/m, 'aliases: [k8s, kube clone]').replace(/^reviewed: .*$/m, 'reviewed: 2026-12-01'),
    );
    const warnings: { file?: string; problem?: string }[] = [];
    const logger = { warn: (o: object) => void warnings.push(o), info: () => undefined };
    const { bot } = await loadTermbot(dir, logger);
    expect(bot.match('k8s').terms).toEqual(['kubernetes']);
    expect(bot.match('kube clone').terms).toEqual(['a-kube-clone']);
    const conflict = warnings.find((w) => w.file === 'compute/a-kube-clone.md');
    expect(conflict?.problem).toContain('compute/kubernetes.md');
    expect(conflict?.problem).toContain('"k8s"');
    const lint = await cli(['lint', '--knowledge', dir], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/(a-kube-clone|kubernetes)\.md:\d+: alias "k8s" collides/);
  });
});

describe('lint and the bot agree on folders', () => {
  it('an empty folder fails lint with the reason the bot refuses it', async () => {
    const dir = path.join(base, 'empty');
    await mkdir(dir, { recursive: true });
    const lint = await cli(['lint', '--knowledge', dir], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(`no usable terms in ${dir}`);
    await expect(loadTermbot(dir)).rejects.toThrow(`no usable terms in ${dir}`);
  });

  it('a missing folder is a clear problem, not an internal error', async () => {
    const lint = await cli(['lint', '--knowledge', path.join(base, 'nope')], { cwd: base });
    // A configuration error, like a bad variable (exit 2), not a lint finding (1).
    expect(lint.code).toBe(2);
    expect(lint.stderr).toMatch(/cannot read the knowledge folder .*nope/);
    expect(lint.stderr).not.toContain('internal error');
  });
});

describe('symbolic links', () => {
  it('linked files and category folders are followed; a loop is read once; a dangling link is a lint problem', async () => {
    const store = await copyKnowledge('link-store');
    const dir = path.join(base, 'linked');
    await mkdir(path.join(dir, 'compute'), { recursive: true });
    await symlink(path.join(store, 'networking'), path.join(dir, 'networking'));
    await symlink(path.join(store, 'compute', 'kubernetes.md'), path.join(dir, 'compute', 'kubernetes.md'));
    await symlink(path.join(store, 'compute', 'gone.md'), path.join(dir, 'compute', 'gone.md'));
    await symlink(dir, path.join(dir, 'loop'));
    await symlink(path.join(store, 'networking'), path.join(dir, 'networking-again'));
    const load = await loadKnowledge(dir);
    expect(load.kb.terms.has('kubernetes')).toBe(true);
    expect(load.kb.terms.has('dns')).toBe(true);
    expect(load.problems).toContainEqual({ file: 'compute/gone.md', line: 0, message: expect.stringMatching(/cannot follow the link: it does not exist/) });
    expect(load.problems).toContainEqual({ file: 'loop', line: 0, message: expect.stringMatching(/already read/) });
    const lint = await cli(['lint', '--knowledge', dir], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('compute/gone.md:0: skipped: cannot follow the link');
  });
});

describe('one broken card with dependants', () => {
  it('takes only itself down: tools keep serving with the dangling link dropped and a warning; lint reports both (exit 1)', async () => {
    const dir = await copyKnowledge('broken-cdn');
    await writeFile(path.join(dir, 'networking', 'cdn.md'), '---\ntitle: [CDN\naliases: {\n---\n## What it is\nx\n');
    const warnings: { file?: string; problem?: string }[] = [];
    const logger = { warn: (o: object) => void warnings.push(o), info: () => undefined };
    const { bot, load } = await loadTermbot(dir, logger);
    expect(load.kb.terms.has('cdn')).toBe(false);
    for (const slug of ['akamai', 'amazon-cloudfront']) {
      const tool = load.kb.terms.get(slug);
      expect(tool, slug).toBeDefined();
      expect(tool!.isA).not.toContain('cdn');
      // Its only concept is gone; the broken card's folder still places it.
      expect(tool!.category).toBe('networking');
      expect(bot.match(slug).terms).toEqual([slug]);
      const warned = warnings.find((w) => w.file === `tools/${slug}.md`);
      expect(warned?.problem).toBe('is_a: dropped "cdn" (networking/cdn.md was skipped)');
    }
    // Links from other cards are dropped, each with a warning naming the broken file.
    expect(load.kb.terms.get('cache')!.related).not.toContain('cdn');
    expect(load.dropped.some((p) => p.file !== 'tools/akamai.md' && p.message.includes('"cdn" (networking/cdn.md was skipped)'))).toBe(true);
    // A comparison of cdn cannot be asked for (cdn is not served): skipped, naming the broken file.
    expect(load.kb.comparisons.has('cache-vs-cdn')).toBe(false);
    expect(load.skipped).toContainEqual({ file: 'comparisons/cache-vs-cdn.md', line: 1, message: 'compares unknown term(s): "cdn" (networking/cdn.md was skipped)' });
    // The rest of the stack is untouched: only cdn's own card and the comparisons of cdn are left out.
    expect(load.skipped.map((p) => p.file).filter((f) => !f.startsWith('comparisons/'))).toEqual(['networking/cdn.md']);
    const lint = await cli(['lint', '--knowledge', dir], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/networking\/cdn\.md:\d+: invalid YAML/);
    expect(lint.stdout).toContain('tools/akamai.md');
    expect(lint.stdout).toMatch(/tools\/amazon-cloudfront\.md:\d+: is_a: unknown slug "cdn"/);
  });

  it('a tool whose only concept is simply unknown (no broken file) is still left out', async () => {
    const dir = await copyKnowledge('unknown-concept');
    const src = await readFile(path.join(dir, 'tools', 'akamai.md'), 'utf8');
    await writeFile(path.join(dir, 'tools', 'akamai.md'), src.replace('is_a: [cdn]', 'is_a: [no-such-concept]'));
    const load = await loadKnowledge(dir);
    expect(load.kb.terms.has('akamai')).toBe(false);
    expect(load.skipped).toContainEqual({ file: 'tools/akamai.md', line: 1, message: 'is_a names no known concept' });
  });
});
