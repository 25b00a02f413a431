import { describe, expect, it } from 'vitest';
import { createOwnerId, ownerLiveness } from '../../src/totd/owner.js';

describe('claim owners', () => {
  it('ids name host and pid and differ per start', () => {
    const a = createOwnerId();
    expect(a.split(':')[1]).toBe(String(process.pid));
    expect(createOwnerId()).not.toBe(a);
  });

  it('tells dead owners on this host apart from live ones', () => {
    const self = 'box:42:aaaa';
    const alive = ownerLiveness(self, (pid) => pid === 7);
    expect(alive(self)).toBe(true);
    expect(alive('box:42:bbbb')).toBe(false); // our pid, an earlier incarnation (restarted container)
    expect(alive('box:7:cccc')).toBe(true);
    expect(alive('box:8:cccc')).toBe(false);
    expect(alive('other-box:8:cccc')).toBe(true); // cannot tell: the claim timeout decides
    expect(alive('garbage')).toBe(true);
  });

  it('checks real pids by default', () => {
    const self = createOwnerId();
    const alive = ownerLiveness(self);
    const host = self.split(':')[0];
    expect(alive(`${host}:${process.ppid}:x`)).toBe(true);
    expect(alive(`${host}:2147483646:x`)).toBe(false);
  });
});
