import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { cli } from '../support/cli.js';

describe('termbot detect --json', () => {
  it('prints one line per input line: the terms in reading order, nothing for everyday chat', async () => {
    const input = [
      'we put a load balancer and a CDN in front of k8s',
      'lunch is in the kitchen, come grab it',
      'the port of Rotterdam is busy',
      '',
    ].join('\n');
    const r = await cli(['detect', '--json'], { stdin: input });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; slugs: string[] });
    expect(lines).toEqual([
      { text: 'we put a load balancer and a CDN in front of k8s', slugs: ['load-balancer', 'cdn', 'kubernetes'] },
      { text: 'lunch is in the kitchen, come grab it', slugs: [] },
      { text: 'the port of Rotterdam is busy', slugs: [] },
    ]);
  });

  it('needs --json', async () => {
    expect((await cli(['detect'], { stdin: 'x' })).code).toBe(2);
  });

  it('streams: answers a line before the next one is written', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    let stdout = '';
    const io: CliIO = {
      stdout: { write: (s: string) => (stdout += s), isTTY: false, columns: 80 },
      stderr: { write: () => true },
      stdin,
      env: { LOG_LEVEL: 'silent' },
      cwd: process.cwd(),
    };
    const done = runCli(['detect', '--json'], io);
    stdin.write('what is a CDN\n');
    for (let i = 0; i < 200 && !stdout.includes('\n'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(JSON.parse(stdout.trim())).toEqual({ text: 'what is a CDN', slugs: ['cdn'] });
    stdin.end('k8s\n');
    expect(await done).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });
});
