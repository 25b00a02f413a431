import { readlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** This process's pid namespace (Linux: the inode of /proc/self/ns/pid), or null where there is none to read. */
export function pidNamespace(): string | null {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * This process's id in slot claims: host, pid, a random part (pids repeat across container restarts)
 * and, where known, the pid namespace ("box:1:9f2c01ab:4026531836").
 */
export function createOwnerId(ns: string | null = pidNamespace()): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}${ns ? `:${ns}` : ''}`;
}

/**
 * Whether the process that wrote a claim can still be running, seen from `self` (an owner id).
 * Only within our own pid namespace on this host can a pid tell: our own pid with another random
 * part is an earlier process (the pid was reused), and a pid that no longer exists is dead.
 * Another host, or another pid namespace on this host (a sibling container sharing the hostname
 * and the data folder, both pid 1; or an earlier run of this container), cannot be told apart from
 * a live process: it counts as alive and the scheduler's claim timeout decides. Owners written
 * without a namespace (older termbot, or no /proc) are judged by pid alone, as before.
 */
export function ownerLiveness(self: string, pidExists: (pid: number) => boolean = processExists): (owner: string) => boolean {
  const [selfHost, selfPid, , selfNs] = self.split(':');
  return (owner) => {
    const [host, pidText, , ns] = owner.split(':');
    const pid = Number(pidText);
    if (host !== selfHost || !Number.isInteger(pid) || pid <= 0) return true;
    if (ns && selfNs && ns !== selfNs) return true;
    if (pidText === selfPid) return owner === self;
    return pidExists(pid);
  };
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
