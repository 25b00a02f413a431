import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstallationStore, SeenRequestStore, WorkspaceInstallation } from '../../src/core/ports/installation-store.js';

/**
 * The installation-store contract (issue 12.3), written once for every implementation: SQLite
 * here, PostgreSQL with the same suite. `open` gives a fresh, empty store; `reopen` a
 * second connection to the same database, as another replica would have.
 */
export interface InstallationStoreHarness {
  installations: InstallationStore;
  seen: SeenRequestStore;
  /** Another connection to the same database, as another replica has. */
  reopen(): Promise<{ installations: InstallationStore; seen: SeenRequestStore; close(): Promise<void> }>;
  close(): Promise<void>;
}

export function installation(teamId: string, over: Partial<WorkspaceInstallation> = {}): WorkspaceInstallation {
  return {
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    botToken: `xoxb-${teamId}`,
    botUserId: `U${teamId}`,
    botId: `B${teamId}`,
    installedAt: new Date('2026-12-01T10:00:00Z'),
    raw: { team: { id: teamId, name: `Team ${teamId}` }, bot: { token: `xoxb-${teamId}` }, authVersion: 'v2' },
    ...over,
  };
}

export function installationStoreContract(name: string, open: () => Promise<InstallationStoreHarness>): void {
  describe(`installation store contract: ${name}`, () => {
    let h: InstallationStoreHarness;
    beforeEach(async () => {
      h = await open();
    });
    afterEach(async () => {
      await h.close();
    });

    it('stores, finds and lists installations by workspace, with the raw record intact', async () => {
      const s = h.installations;
      expect(await s.getInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).toBeNull();
      await s.putInstallation(installation('T1'));
      await s.putInstallation(installation('T2', { enterpriseId: 'E1' }));
      const got = await s.getInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false });
      expect(got).toEqual(installation('T1'));
      // A team inside an enterprise is still found by its team (the enterprise id is extra).
      expect((await s.getInstallation({ teamId: 'T2', enterpriseId: 'E1', isEnterpriseInstall: false }))?.botToken).toBe('xoxb-T2');
      expect((await s.listInstallations()).map((i) => i.teamId)).toEqual(['T1', 'T2']);
    });

    it('a reinstall replaces the token of that workspace only', async () => {
      const s = h.installations;
      await s.putInstallation(installation('T1'));
      await s.putInstallation(installation('T2'));
      await s.putInstallation(installation('T1', { botToken: 'xoxb-new', installedAt: new Date('2026-12-02T00:00:00Z') }));
      const t1 = await s.getInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false });
      expect(t1?.botToken).toBe('xoxb-new');
      expect(t1?.installedAt.toISOString()).toBe('2026-12-02T00:00:00.000Z');
      expect((await s.getInstallation({ teamId: 'T2', enterpriseId: null, isEnterpriseInstall: false }))?.botToken).toBe('xoxb-T2');
      expect(await s.listInstallations()).toHaveLength(2);
    });

    it('an org-wide install is keyed by its enterprise', async () => {
      const s = h.installations;
      await s.putInstallation(installation('T9', { teamId: null, enterpriseId: 'E7', isEnterpriseInstall: true, botToken: 'xoxb-org' }));
      const q = { teamId: 'T5', enterpriseId: 'E7', isEnterpriseInstall: true };
      expect((await s.getInstallation(q))?.botToken).toBe('xoxb-org');
      expect(await s.getInstallation({ teamId: 'T5', enterpriseId: 'E7', isEnterpriseInstall: false })).toBeNull();
      expect(await s.deleteInstallation(q)).toBe(true);
      expect(await s.getInstallation(q)).toBeNull();
    });

    it('deletes one workspace and says whether there was one', async () => {
      const s = h.installations;
      await s.putInstallation(installation('T1'));
      await s.putInstallation(installation('T2'));
      expect(await s.deleteInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).toBe(true);
      expect(await s.deleteInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false })).toBe(false);
      expect((await s.listInstallations()).map((i) => i.teamId)).toEqual(['T2']);
    });

    it('remembers the workspace of each channel, and forgets a workspace channels at once', async () => {
      const s = h.installations;
      const now = new Date('2026-12-01T10:00:00Z');
      await s.rememberChannel('C1', 'T1', now);
      await s.rememberChannel('C2', 'T1', now);
      await s.rememberChannel('C3', 'T2', now);
      expect(await s.workspaceOfChannel('C1')).toBe('T1');
      expect(await s.workspaceOfChannel('C9')).toBeNull();
      expect(await s.channelsOfWorkspace('T1')).toEqual(['C1', 'C2']);
      // A channel moved (or shared) to another workspace follows its latest subscription.
      await s.rememberChannel('C2', 'T2', now);
      expect(await s.channelsOfWorkspace('T2')).toEqual(['C2', 'C3']);
      expect(await s.forgetWorkspaceChannels('T2')).toBe(2);
      expect(await s.workspaceOfChannel('C3')).toBeNull();
      expect(await s.channelsOfWorkspace('T1')).toEqual(['C1']);
    });

    it('a seen request is seen until it expires, then accepted once again', async () => {
      const { seen } = h;
      expect(await seen.seen('v0=a', 1_000, 0)).toBe(false);
      expect(await seen.seen('v0=a', 1_000, 500)).toBe(true);
      expect(await seen.seen('v0=b', 1_000, 500)).toBe(false);
      expect(await seen.seen('v0=a', 2_000, 1_000)).toBe(false);
      expect(await seen.seen('v0=a', 2_000, 1_500)).toBe(true);
    });

    it('another replica on the same database sees the same installations and requests', async () => {
      const other = await h.reopen();
      try {
        await h.installations.putInstallation(installation('T1'));
        expect(
          (await other.installations.getInstallation({ teamId: 'T1', enterpriseId: null, isEnterpriseInstall: false }))?.botToken,
        ).toBe('xoxb-T1');
        expect(await h.seen.seen('v0=x', 10_000, 0)).toBe(false);
        expect(await other.seen.seen('v0=x', 10_000, 1)).toBe(true);
        // Racing on one new key: exactly one of them accepts it.
        const results = await Promise.all([h.seen.seen('v0=y', 10_000, 2), other.seen.seen('v0=y', 10_000, 2)]);
        expect(results.filter((r) => !r)).toHaveLength(1);
      } finally {
        await other.close();
      }
    });
  });
}
