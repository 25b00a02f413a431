import { describe, expect, it } from 'vitest';
import { terminalWidth } from '../../src/cli/context.js';
import type { CliIO } from '../../src/cli/io.js';
import { cli } from '../support/cli.js';

/** An io whose stdout is piped (no columns, as Node gives a pipe) or a terminal of `columns`. */
function io(env: Record<string, string>, tty?: number): CliIO {
  return {
    stdout: { write: () => true, ...(tty ? { isTTY: true, columns: tty } : {}) },
    stderr: { write: () => true },
    stdin: process.stdin,
    env,
    cwd: process.cwd(),
  };
}

/** The code lines of a card's sections (inside fences): code is never wrapped. */
async function codeLines(query: string): Promise<Set<string>> {
  const answer = JSON.parse((await cli(['explain', query, '--depth', 'full', '--format', 'json'])).stdout) as {
    term: { sections: { body: string }[] };
  };
  const code = new Set<string>();
  for (const s of answer.term.sections) {
    let fence = false;
    for (const l of s.body.split('\n')) {
      if (/^\s*(```|~~~)/.test(l)) fence = !fence;
      else if (fence && l.trim()) code.add(l.trim());
    }
  }
  return code;
}

/** The longest line that is not code or a link (those are never wrapped). */
function widest(text: string, code: Set<string>): number {
  const prose = text.split('\n').filter((l) => !code.has(l.trim()) && !/<https?:/.test(l));
  return Math.max(...prose.map((l) => l.length));
}

describe('wrap width', () => {
  it('an explicit COLUMNS wins when output is piped', () => {
    expect(terminalWidth(io({}))).toBe(80);
    expect(terminalWidth(io({ COLUMNS: '60' }))).toBe(60);
    expect(terminalWidth(io({ COLUMNS: ' 100 ' }))).toBe(100);
  });

  it('clamps COLUMNS to 40..100 and ignores a value that is not a positive whole number', () => {
    expect(terminalWidth(io({ COLUMNS: '10' }))).toBe(40);
    expect(terminalWidth(io({ COLUMNS: '5000' }))).toBe(100);
    for (const bad of ['abc', '60px', '-60', '0', '6.5e1', '', '99999999999999999999'])
      expect(terminalWidth(io({ COLUMNS: bad })), bad).toBe(80);
  });

  it("a terminal's own width wins over COLUMNS", () => {
    expect(terminalWidth(io({ COLUMNS: '60' }, 90))).toBe(90);
    expect(terminalWidth(io({}, 200))).toBe(100);
  });

  it('termbot explain wraps piped output at COLUMNS', async () => {
    const code = await codeLines('cqrs');
    expect(code.size).toBeGreaterThan(0);
    const narrow = await cli(['explain', 'cqrs', '--depth', 'full'], { env: { COLUMNS: '60' } });
    expect(narrow.code).toBe(0);
    expect(widest(narrow.stdout, code)).toBeLessThanOrEqual(60);
    expect(widest(narrow.stdout, code)).toBeGreaterThan(50);
    const garbage = await cli(['explain', 'cqrs', '--depth', 'full'], { env: { COLUMNS: 'wide' } });
    expect(widest(garbage.stdout, code)).toBeGreaterThan(70);
    expect(widest(garbage.stdout, code)).toBeLessThanOrEqual(80);
  });
});
