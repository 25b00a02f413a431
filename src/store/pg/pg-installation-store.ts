import type pg from 'pg';
import type { InstallationStore, SeenRequestStore, WorkspaceInstallation, WorkspaceQuery } from '../../core/ports/installation-store.js';
import { installKey } from '../sqlite-installation-store.js';
import { SWEEP_EVERY_MS } from '../sqlite-seen-requests.js';

interface InstallationRow {
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  bot_token: string;
  bot_user_id: string;
  bot_id: string;
  installed_at: string | number;
  raw: string;
}

function toInstallation(r: InstallationRow): WorkspaceInstallation {
  return {
    teamId: r.team_id,
    enterpriseId: r.enterprise_id,
    isEnterpriseInstall: r.is_enterprise_install,
    botToken: r.bot_token,
    botUserId: r.bot_user_id,
    botId: r.bot_id,
    installedAt: new Date(Number(r.installed_at)),
    raw: JSON.parse(r.raw) as unknown,
  };
}

/** Installations in PostgreSQL (migration 4), on the pool of PgTotdStore; every statement is atomic on its own. */
export class PgInstallationStore implements InstallationStore {
  constructor(private readonly pool: pg.Pool) {}

  async putInstallation(i: WorkspaceInstallation): Promise<void> {
    await this.pool.query(
      `INSERT INTO installations (install_key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_user_id, bot_id, installed_at, raw)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
         is_enterprise_install = excluded.is_enterprise_install, bot_token = excluded.bot_token, bot_user_id = excluded.bot_user_id,
         bot_id = excluded.bot_id, installed_at = excluded.installed_at, raw = excluded.raw`,
      [
        installKey(i),
        i.teamId,
        i.enterpriseId,
        i.isEnterpriseInstall,
        i.botToken,
        i.botUserId,
        i.botId,
        i.installedAt.getTime(),
        JSON.stringify(i.raw ?? null),
      ],
    );
  }

  async getInstallation(q: WorkspaceQuery): Promise<WorkspaceInstallation | null> {
    const { rows } = await this.pool.query<InstallationRow>('SELECT * FROM installations WHERE install_key = $1', [installKey(q)]);
    return rows[0] ? toInstallation(rows[0]) : null;
  }

  async deleteInstallation(q: WorkspaceQuery): Promise<boolean> {
    const r = await this.pool.query('DELETE FROM installations WHERE install_key = $1', [installKey(q)]);
    return (r.rowCount ?? 0) > 0;
  }

  async listInstallations(): Promise<WorkspaceInstallation[]> {
    const { rows } = await this.pool.query<InstallationRow>('SELECT * FROM installations ORDER BY install_key');
    return rows.map(toInstallation);
  }

  async rememberChannel(channelId: string, teamId: string, now: Date): Promise<void> {
    await this.pool.query(
      `INSERT INTO channel_workspaces (channel_id, team_id, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (channel_id) DO UPDATE SET team_id = excluded.team_id, updated_at = excluded.updated_at`,
      [channelId, teamId, now.getTime()],
    );
  }

  async workspaceOfChannel(channelId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ team_id: string }>('SELECT team_id FROM channel_workspaces WHERE channel_id = $1', [
      channelId,
    ]);
    return rows[0]?.team_id ?? null;
  }

  async channelsOfWorkspace(teamId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ channel_id: string }>(
      'SELECT channel_id FROM channel_workspaces WHERE team_id = $1 ORDER BY channel_id',
      [teamId],
    );
    return rows.map((r) => r.channel_id);
  }

  async forgetWorkspaceChannels(teamId: string): Promise<number> {
    return (await this.pool.query('DELETE FROM channel_workspaces WHERE team_id = $1', [teamId])).rowCount ?? 0;
  }
}

/** Seen request signatures in PostgreSQL: the upsert is the test (a live row is left alone: seen). */
export class PgSeenRequests implements SeenRequestStore {
  private lastSweep = 0;
  constructor(private readonly pool: pg.Pool) {}

  async seen(key: string, expiresAt: number, now: number): Promise<boolean> {
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      await this.pool.query('DELETE FROM seen_requests WHERE expires_at <= $1', [now]);
    }
    const r = await this.pool.query(
      `INSERT INTO seen_requests (request_key, expires_at) VALUES ($1, $2)
       ON CONFLICT (request_key) DO UPDATE SET expires_at = excluded.expires_at WHERE seen_requests.expires_at <= $3`,
      [key, expiresAt, now],
    );
    return (r.rowCount ?? 0) === 0;
  }
}
