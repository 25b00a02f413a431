/**
 * Where a chat app installed into many workspaces keeps each workspace's credentials (issue 12.3).
 * Platform-neutral: a workspace is a team, or a whole enterprise for an org-wide install. The Slack
 * adapter wraps this into Bolt's InstallationStore; the bundled implementation is SQLite (src/store),
 * in the same database as the term of the day.
 */
export interface WorkspaceQuery {
  teamId: string | null;
  enterpriseId: string | null;
  /** An org-wide install is found by its enterprise id alone. */
  isEnterpriseInstall: boolean;
}

export interface WorkspaceInstallation extends WorkspaceQuery {
  botToken: string;
  botUserId: string;
  botId: string;
  installedAt: Date;
  /** The platform's installation record as it came (JSON-serialisable), for the platform's own library. */
  raw: unknown;
}

export interface InstallationStore {
  /** Creates or replaces the installation of that workspace (a reinstall gets a new token). */
  putInstallation(installation: WorkspaceInstallation): Promise<void>;
  getInstallation(query: WorkspaceQuery): Promise<WorkspaceInstallation | null>;
  /** True when there was one to delete. */
  deleteInstallation(query: WorkspaceQuery): Promise<boolean>;
  listInstallations(): Promise<WorkspaceInstallation[]>;

  /** Remembers which workspace a channel belongs to (recorded when someone subscribes it from chat). */
  rememberChannel(channelId: string, teamId: string, now: Date): Promise<void>;
  workspaceOfChannel(channelId: string): Promise<string | null>;
  channelsOfWorkspace(teamId: string): Promise<string[]>;
  forgetWorkspaceChannels(teamId: string): Promise<number>;
}

/**
 * Request signatures already accepted (Slack replay protection), shared by every replica.
 * True when `key` was seen before and has not expired; otherwise records it until `expiresAt`.
 * Must be atomic across processes: two replicas racing on one key see exactly one `false`.
 */
export interface SeenRequestStore {
  seen(key: string, expiresAt: number, now: number): Promise<boolean>;
}
