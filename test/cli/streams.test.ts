import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { childArgs, childCacheEnv } from '../support/child-build.js';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs the CLI in-process on a stdin we write to while it runs. */
function live(args: string[]): { io: CliIO; stdin: PassThrough; out: () => string; done: Promise<number> } {
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  let out = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s), isTTY: false, columns: 80 },
    stderr: { write: () => true },
    stdin,
    env: { LOG_LEVEL: 'silent' },
    cwd: root,
  };
  return { io, stdin, out: () => out, done: runCli(args, io) };
}

/** Waits (bounded) until the output has `n` lines. */
async function lines(out: () => string, n: number): Promise<string[]> {
  for (let i = 0; i < 400 && out().split('\n').length <= n; i++) await new Promise((r) => setTimeout(r, 25));
  return out().trim().split('\n');
}

describe('piped input is answered line by line as it arrives', () => {
  it('lookup --json answers the first query while the pipe stays open', async () => {
    const run = live(['lookup', '--json']);
    run.stdin.write('k8s\n');
    const first = await lines(run.out, 1);
    expect(first).toHaveLength(1);
    expect(JSON.parse(first[0]!)).toMatchObject({ query: 'k8s', slugs: ['kubernetes'] });
    run.stdin.end('cdn\n');
    expect(await run.done).toBe(0);
    expect(
      run
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).query),
    ).toEqual(['k8s', 'cdn']);
  });

  it('termbot with no command explains the first line before the second arrives', async () => {
    const run = live([]);
    run.stdin.write('k8s\n');
    await lines(run.out, 3);
    expect(run.out()).toContain('Kubernetes');
    expect(run.out()).not.toContain('Content Delivery');
    run.stdin.end('cdn\n');
    await run.done;
    expect(run.out()).toContain('CDN');
  });
});

describe('a closed pipe ends the CLI quietly', () => {
  it('the reader leaves after one line (head -1, less, grep -q): exit 0, no stack', async () => {
    const child = spawn(process.execPath, [...childArgs('cli/main'), 'lookup', '--json'], {
      cwd: root,
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...childCacheEnv() },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.write('k8s\n');
    // Read one line, then close our end, as `head -1` does; the next answer then hits a closed pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    child.stdin.write('cdn\n');
    setTimeout(() => child.stdin.end('dns\n'), 200);
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
