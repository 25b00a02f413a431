import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TotdScheduler } from '../../src/core/totd/scheduler.js';
import type { TotdPost, TotdPoster } from '../../src/core/totd/types.js';
import { SqliteTotdStore } from '../../src/store/sqlite-totd-store.js';
import { createOwnerId, ownerLiveness } from '../../src/app/process-identity.js';
import { FakeClock, FakeTerms, MemoryLogger } from '../core/totd/helpers/fakes.js';
import { harness } from '../core/totd/helpers/setup.js';
import { tempDir } from '../store/helpers.js';

/** kill -9 between claiming a slot and recording its message, then a restart on the same database file. */
const tmp = tempDir('termbot-crash-');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  tmp.cleanup();
});
const here = path.dirname(fileURLToPath(import.meta.url));

/** A channel kept in a file, so the killed process and the restarted one see the same messages. */
function fileChannel(channelFile: string): TotdPoster & { posted: TotdPost[] } {
  const posted: TotdPost[] = [];
  return {
    platform: 'discord',
    posted,
    async post(post) {
      posted.push(post);
      appendFileSync(channelFile, `${post.slotKey} m-restarted\n`);
      return { messageId: 'm-restarted' };
    },
    async findPosted(_channelId, slotKey) {
      const line = readFileSync(channelFile, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${slotKey} `));
      return line ? line.split(' ')[1]! : null;
    },
  };
}

async function killMidPost(name: string, mode: 'after-send' | 'before-send'): Promise<{ file: string; channelFile: string }> {
  const file = path.join(tmp.dir, `${name}.db`);
  const channelFile = path.join(tmp.dir, `${name}.channel`);
  writeFileSync(channelFile, '');
  const setup = harness({ start: '2026-11-30T08:00:00Z', file });
  await setup.service.subscribe('discord', '111', {}, 'admin');
  await setup.close();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'crash-child.ts'), file, channelFile, '2026-11-30T09:00:10Z', mode],
    {
      cwd: path.resolve(here, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('posting') && resolve());
    child.once('exit', (code) => reject(new Error(`child exited ${code} early: ${err.slice(0, 2000)}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return { file, channelFile };
}

async function restart(file: string, channelFile: string, at: string) {
  const owner = createOwnerId();
  const store = new SqliteTotdStore(file);
  const poster = fileChannel(channelFile);
  const logger = new MemoryLogger();
  // The real liveness check: the killed child's pid is gone, so its claim is taken over at once.
  const scheduler = new TotdScheduler({
    store,
    bot: new FakeTerms(5),
    posters: [poster],
    logger,
    clock: new FakeClock(at),
    owner,
    isOwnerAlive: ownerLiveness(owner),
  });
  await scheduler.runDue();
  const slot = await store.getSlot('discord:111:2026-11-30');
  await store.close();
  return { poster, slot, logger, lines: readFileSync(channelFile, 'utf8').trim().split('\n').filter(Boolean) };
}

describe('kill -9 between claim and completion', () => {
  it('the message had been sent: the restart finds it and does not post again', async () => {
    const { file, channelFile } = await killMidPost('sent', 'after-send');
    const r = await restart(file, channelFile, '2026-11-30T09:00:20Z');
    expect(r.poster.posted).toHaveLength(0);
    expect(r.lines).toEqual(['discord:111:2026-11-30 m-crashed']);
    expect(r.slot).toMatchObject({ status: 'posted', messageId: 'm-crashed' });
  });

  it('the message had not been sent: the restart posts it once, the same day', async () => {
    const { file, channelFile } = await killMidPost('unsent', 'before-send');
    const r = await restart(file, channelFile, '2026-11-30T09:00:20Z');
    expect(r.lines).toEqual(['discord:111:2026-11-30 m-restarted']);
    expect(r.slot).toMatchObject({ status: 'posted', messageId: 'm-restarted' });
  });

  it('the message had not been sent and the day is over: marked missed, not posted', async () => {
    const { file, channelFile } = await killMidPost('late', 'before-send');
    const r = await restart(file, channelFile, '2026-12-01T08:00:00Z');
    expect(r.lines).toEqual([]);
    expect(r.slot).toMatchObject({ status: 'missed' });
    expect(r.logger.has('warn', 'its day is over')).toBe(true);
  });
});
