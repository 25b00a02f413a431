import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { replLine, runRepl } from '../../src/cli/commands/repl.js';
import type { CliIO } from '../../src/cli/io.js';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/app/config.js';
import { loadTermbot, type Termbot } from '../../src/core/termbot.js';

let bot: Termbot;
beforeAll(async () => {
  ({ bot } = await loadTermbot(BUNDLED_KNOWLEDGE_DIR));
});

function io(input = ''): CliIO & { out: () => string } {
  let out = '';
  const stdin = Readable.from([Buffer.from(input)]) as CliIO['stdin'];
  return {
    stdout: { write: (s: string) => (out += s), isTTY: false, columns: 80 },
    stderr: { write: () => true },
    stdin,
    env: {},
    cwd: process.cwd(),
    out: () => out,
  };
}

describe('interactive prompt', () => {
  it('answers questions and switches depth', () => {
    const t = io();
    expect(replLine(bot, 'k8s', 'short', t, false)).toBe('short');
    expect(t.out()).toContain('Kubernetes');
    expect(t.out()).not.toContain('How it works');
    expect(replLine(bot, ':full', 'short', t, false)).toBe('full');
    replLine(bot, 'k8s', 'full', t, false);
    expect(t.out()).toContain('How it works');
  });

  it('lists a category, shows help, ignores blank lines, and quits', () => {
    const t = io();
    replLine(bot, ':list security', 'short', t, false);
    expect(t.out()).toContain('Zero Trust (zero-trust)');
    replLine(bot, ':help', 'short', t, false);
    expect(t.out()).toContain(':quit');
    expect(replLine(bot, '   ', 'short', t, false)).toBe('short');
    expect(replLine(bot, ':quit', 'short', t, false)).toBeNull();
  });

  it('runs a whole session from its input and stops at :quit', async () => {
    const t = io('what is a CDN?\nSLA vs SLO\n:quit\nnever answered\n');
    expect(await runRepl(bot, t)).toBe(0);
    expect(t.out()).toContain('CDN (Content Delivery Network)');
    expect(t.out()).toContain('SLA');
    expect(t.out()).not.toContain('never answered');
  });
});
