import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** This process's id in slot claims: host, pid and a random part (pids repeat across container restarts). */
export function createOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * Whether the process that wrote a claim can still be running, seen from `self` (an owner id).
 * On the same host we can tell: our own pid with another random part is an earlier incarnation
 * (a restarted container's pid 1), and a pid that no longer exists is dead. On another host we
 * cannot, so it counts as alive and the scheduler's claim timeout decides.
 */
export function ownerLiveness(self: string, pidExists: (pid: number) => boolean = processExists): (owner: string) => boolean {
  const [selfHost, selfPid] = self.split(':');
  return (owner) => {
    const [host, pidText] = owner.split(':');
    const pid = Number(pidText);
    if (host !== selfHost || !Number.isInteger(pid) || pid <= 0) return true;
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
