import type Database from 'better-sqlite3';
import type { InstallationStore, WorkspaceInstallation, WorkspaceQuery } from '../core/ports/installation-store.js';

interface InstallationRow {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  bot_token: string;
  bot_user_id: string;
  bot_id: string;
  installed_at: number;
  raw: string;
}

/** One key per workspace: an org-wide install by its enterprise, anything else by its team. */
export function installKey(q: WorkspaceQuery): string {
  if (q.isEnterpriseInstall) {
    if (!q.enterpriseId) throw new Error('an enterprise install needs an enterprise id');
    return `E:${q.enterpriseId}`;
  }
  if (!q.teamId) throw new Error('an installation needs a team id');
  return `T:${q.teamId}`;
}

function toInstallation(r: InstallationRow): WorkspaceInstallation {
  return {
    teamId: r.team_id,
    enterpriseId: r.enterprise_id,
    isEnterpriseInstall: r.is_enterprise_install === 1,
    botToken: r.bot_token,
    botUserId: r.bot_user_id,
    botId: r.bot_id,
    installedAt: new Date(r.installed_at),
    raw: JSON.parse(r.raw) as unknown,
  };
}

/**
 * Installations in the term-of-the-day database (tables of migration 4). Shares the connection of
 * SqliteTotdStore, so it opens, migrates and closes with it. Each statement is atomic on its own.
 */
export class SqliteInstallationStore implements InstallationStore {
  constructor(private readonly db: Database.Database) {}

  async putInstallation(i: WorkspaceInstallation): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO installations (install_key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_user_id, bot_id, installed_at, raw)
         VALUES (@key, @teamId, @enterpriseId, @enterprise, @botToken, @botUserId, @botId, @installedAt, @raw)
         ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
           is_enterprise_install = excluded.is_enterprise_install, bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id,
           bot_id = excluded.bot_id, installed_at = excluded.installed_at, raw = excluded.raw`,
      )
      .run({
        key: installKey(i),
        teamId: i.teamId,
        enterpriseId: i.enterpriseId,
        enterprise: i.isEnterpriseInstall ? 1 : 0,
        botToken: i.botToken,
        botUserId: i.botUserId,
        botId: i.botId,
        installedAt: i.installedAt.getTime(),
        raw: JSON.stringify(i.raw ?? null),
      });
  }

  async getInstallation(q: WorkspaceQuery): Promise<WorkspaceInstallation | null> {
    const row = this.db.prepare('SELECT * FROM installations WHERE install_key = ?').get(installKey(q)) as InstallationRow | undefined;
    return row ? toInstallation(row) : null;
  }

  async deleteInstallation(q: WorkspaceQuery): Promise<boolean> {
    return this.db.prepare('DELETE FROM installations WHERE install_key = ?').run(installKey(q)).changes > 0;
  }

  async listInstallations(): Promise<WorkspaceInstallation[]> {
    return (this.db.prepare('SELECT * FROM installations ORDER BY install_key').all() as InstallationRow[]).map(toInstallation);
  }

  async rememberChannel(channelId: string, teamId: string, now: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO channel_workspaces (channel_id, team_id, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET team_id = excluded.team_id, updated_at = excluded.updated_at`,
      )
      .run(channelId, teamId, now.getTime());
  }

  async workspaceOfChannel(channelId: string): Promise<string | null> {
    const team = this.db.prepare('SELECT team_id FROM channel_workspaces WHERE channel_id = ?').pluck().get(channelId) as
      string | undefined;
    return team ?? null;
  }

  async channelsOfWorkspace(teamId: string): Promise<string[]> {
    return this.db
      .prepare('SELECT channel_id FROM channel_workspaces WHERE team_id = ? ORDER BY channel_id')
      .pluck()
      .all(teamId) as string[];
  }

  async forgetWorkspaceChannels(teamId: string): Promise<number> {
    return this.db.prepare('DELETE FROM channel_workspaces WHERE team_id = ?').run(teamId).changes;
  }
}
