import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { replCompleter, replLine, runRepl } from '../../src/cli/commands/repl.js';
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

  it('Tab completes a name from what was typed, keeping it', () => {
    // "load b": every candidate keeps what was typed, so readline fills in their common prefix.
    const [loadB] = replCompleter(bot, 'load b');
    expect(loadB[0]).toBe('load balancer');
    for (const h of loadB) expect(h.startsWith('load b')).toBe(true);
    const common = loadB.reduce((a, b) => {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      return a.slice(0, i);
    });
    expect(common.length).toBeGreaterThan('load b'.length);
    expect(replCompleter(bot, 'kubernetes o')).toEqual([['kubernetes operator'], 'kubernetes o']);
    expect(replCompleter(bot, 'Kuber')[0]).toContain('Kubernetes');
    // Several names: all start with what was typed, so readline completes their common prefix.
    const [hits, typed] = replCompleter(bot, 'serv');
    expect(hits.length).toBeGreaterThan(1);
    for (const h of hits) expect(h.toLowerCase().startsWith(typed.toLowerCase())).toBe(true);
    expect(replCompleter(bot, ':f')).toEqual([[':full'], ':f']);
    expect(replCompleter(bot, ':list net')).toEqual([[':list networking'], ':list net']);
  });

  it("hints use the prompt's own commands, and unknown categories list the valid ones", () => {
    const t = io();
    replLine(bot, 'kubernetes', 'short', t, false);
    expect(t.out()).toContain(':full');
    expect(t.out()).not.toContain('--depth');
    replLine(bot, 'qwertyuiop zxcv', 'short', t, false);
    expect(t.out()).toContain('Browse: :list <category> (foundations, networking');
    const bad = io();
    replLine(bot, ':list nonsense', 'short', bad, false);
    expect(bad.out()).toBe('No such category. Categories: foundations, networking, compute, data, security, architecture, operations.\n');
    const all = io();
    replLine(bot, ':list', 'short', all, false);
    expect(all.out()).toMatch(/^Categories \(type :list <category>\):\n {2}foundations/);
    // One is "1 tool", not "1 tools" (the bundled foundations category has a single tool).
    const tools = io();
    replLine(bot, ':tools', 'short', tools, false);
    expect(tools.out()).toMatch(/ {2}foundations +[^:\n]+: 1 tool\n/);
    expect(tools.out()).toMatch(/: \d\d+ tools\n/);
  });
});
