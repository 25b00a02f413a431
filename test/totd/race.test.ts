import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock, FakePoster, FakeTerms } from '../core/totd/helpers/fakes.js';
import { harness } from '../core/totd/helpers/setup.js';
import { tempDir } from '../store/helpers.js';

const tmp = tempDir('termbot-race-');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});
const here = path.dirname(fileURLToPath(import.meta.url));
const daily = [0, 1, 2, 3, 4, 5, 6];
const CHANNELS = Array.from({ length: 8 }, (_, i) => `C${i}`);

async function subscribeAll(file: string, clock: FakeClock): Promise<void> {
  const setup = harness({ start: '', file, clock });
  for (const id of CHANNELS) await setup.service.subscribe('discord', id, { weekdays: daily }, 'admin');
  await setup.close();
}

/** Resolves with the child's stdout once it printed `marker`; rejects if it exits first. Bounded by the test timeout. */
function waitFor(child: ChildProcess, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) resolve();
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      if (!out.includes(marker)) reject(new Error(`child exited ${code} before "${marker}": ${err.slice(0, 2000)}`));
    });
  });
}

describe('two schedulers on one database file', () => {
  it('in one process, on two connections: every slot is posted exactly once', async () => {
    const file = path.join(tmp.dir, 'inproc.db');
    const clock = new FakeClock('2026-11-30T08:00:00Z');
    await subscribeAll(file, clock);
    const platform = new FakePoster('discord');
    const terms = new FakeTerms(5);
    const a = harness({ start: '', file, clock, terms, discord: platform, owner: 'host-a:1:a' });
    const b = harness({ start: '', file, clock, terms, discord: platform, owner: 'host-b:2:b' });
    for (let day = 0; day < 3; day++) {
      clock.set(new Date(Date.parse('2026-11-30T09:00:00Z') + day * 86_400_000));
      await Promise.all([a.scheduler.runDue(), b.scheduler.runDue(), a.scheduler.runDue(), b.scheduler.runDue()]);
    }
    const keys = platform.posts.map((p) => p.slotKey);
    expect(keys).toHaveLength(CHANNELS.length * 3);
    expect(new Set(keys).size).toBe(keys.length);
    await a.close();
    await b.close();
  });

  it('in four processes released together: every slot is posted exactly once', async () => {
    const file = path.join(tmp.dir, 'procs.db');
    const log = path.join(tmp.dir, 'posts.log');
    writeFileSync(log, '');
    await subscribeAll(file, new FakeClock('2026-11-30T08:00:00Z'));
    const procs = Array.from({ length: 4 }, (_, i) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'race-child.ts'), file, `host:${1000 + i}:p${i}`, log, '2026-11-30T09:00:30Z'],
        {
          cwd: path.resolve(here, '../..'),
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      children.push(child);
      return child;
    });
    await Promise.all(procs.map((c) => waitFor(c, 'ready')));
    const done = Promise.all(procs.map((c) => waitFor(c, 'done')));
    for (const c of procs) c.stdin.write('go\n');
    await done;
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const keys = lines.map((l) => l.split(' ')[0]);
    expect(keys).toHaveLength(CHANNELS.length);
    expect(new Set(keys)).toEqual(new Set(CHANNELS.map((c) => `discord:${c}:2026-11-30`)));
    // Check the database agrees: every slot posted, by whichever process posted it.
    const check = harness({ start: '', file, clock: new FakeClock('2026-11-30T10:00:00Z') });
    for (const line of lines) {
      const [key, owner] = line.split(' ') as [string, string];
      expect(await check.store.getSlot(key)).toMatchObject({ status: 'posted', owner, messageId: `${owner}-${key}` });
    }
    await check.close();
  });
});
