import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('piped input without a command', () => {
  it("runs the prompt's colon commands instead of answering them as queries", async () => {
    const out = await cli([], { stdin: ':full\ncdn\n' });
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('Full Stack');
    expect(out.stdout).toMatch(/^Depth: full\nCDN/);
    // The full card: more than the short answer's sections, and no "More:" hint.
    expect(out.stdout).toContain('How it works');
    expect(out.stdout).not.toContain('More: termbot explain cdn --depth full');
  });

  it('lists categories and tools, switches back to short, and stops at :quit', async () => {
    const out = await cli([], { stdin: ':list\n:tools data\n:full\n:short\nk8s\n:quit\ncdn\n' });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Categories \(type :list <category>\):\n {2}foundations/);
    expect(out.stdout).toContain('  PostgreSQL (postgresql)');
    expect(out.stdout).not.toContain('Full Stack');
    expect(out.stdout).toContain('Kubernetes');
    expect(out.stdout).not.toContain('How it works');
    expect(out.stdout).not.toContain('CDN');
  });

  it('an unknown colon command gets one line and exit 1, and the next lines are still answered', async () => {
    const out = await cli([], { stdin: ':fulll\ncdn\n' });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^Unknown command\. Commands: :full, :short, :list, :tools, :help, :quit\.\nCDN/);
  });

  it('a line that looks like an option is a query, not a flag that stops the stream', async () => {
    const out = await cli([], { stdin: '--foo\ncdn\n' });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/don't have that term/);
    expect(out.stdout).toContain('CDN (Content Delivery Network)');
  });

  it('empty input answers nothing and exits 0', async () => {
    const out = await cli([], { stdin: '\n  \n' });
    expect(out).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
