import type { Installation, InstallationQuery, InstallationStore as BoltInstallationStore } from '@slack/bolt';
import type { InstallationStore, WorkspaceInstallation, WorkspaceQuery } from '../../core/ports/installation-store.js';
import { PostError } from '../../core/totd/types.js';
import type { Logger } from '../../logger.js';

/**
 * Many workspaces (issue 12.3): Bolt's InstallationStore on top of our store port, and the token
 * of the workspace a channel belongs to, for the term-of-the-day poster (replies get theirs from
 * Bolt's authorize, which reads the same store).
 */

const query = (q: InstallationQuery<boolean>): WorkspaceQuery => ({
  teamId: q.teamId ?? null,
  enterpriseId: q.enterpriseId ?? null,
  isEnterpriseInstall: q.isEnterpriseInstall === true,
});

/** Bolt's store: what Bolt's OAuth flow stores, and what its authorize reads for every request. */
export function boltInstallationStore(store: InstallationStore, log: Logger): BoltInstallationStore {
  return {
    async storeInstallation(installation) {
      const bot = installation.bot;
      if (!bot?.token || !bot.userId || !bot.id) throw new Error('Slack returned an installation without a bot token; nothing stored');
      // We never act as the installing user: their token is not kept.
      const raw = { ...installation, user: { id: installation.user.id } };
      const record: WorkspaceInstallation = {
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: installation.isEnterpriseInstall === true,
        botToken: bot.token,
        botUserId: bot.userId,
        botId: bot.id,
        installedAt: new Date(),
        raw,
      };
      await store.putInstallation(record);
      log.info({ team: record.teamId, enterprise: record.enterpriseId, botUserId: record.botUserId }, 'slack: installed in a workspace');
    },
    async fetchInstallation(q) {
      const found = await store.getInstallation(query(q));
      if (!found) throw new Error(`no installation for team ${q.teamId ?? '-'} / enterprise ${q.enterpriseId ?? '-'}`);
      const raw = (found.raw ?? {}) as Installation<'v2', boolean>;
      // The columns are the truth for the bot (raw is kept for everything else Slack sent).
      return {
        ...raw,
        bot: { ...raw.bot, scopes: raw.bot?.scopes ?? [], token: found.botToken, userId: found.botUserId, id: found.botId },
      };
    },
    async deleteInstallation(q) {
      await store.deleteInstallation(query(q));
    },
  };
}

export interface ChannelToken {
  token: string;
  /** Our bot's id in that workspace, to recognise our own posts; undefined when unknown. */
  botId: string | undefined;
}

/**
 * The bot token for posting in a channel: the installation of the workspace the channel was
 * subscribed from, else the configured SLACK_BOT_TOKEN (single workspace, TOTD_SLACK_CHANNELS).
 * No token at all is permanent: the workspace uninstalled us, posting there can never work.
 */
export async function tokenForChannel(
  store: InstallationStore | undefined,
  channelId: string,
  fallback: ChannelToken | null,
): Promise<ChannelToken> {
  const team = store ? await store.workspaceOfChannel(channelId) : null;
  if (store && team) {
    const found = await store.getInstallation({ teamId: team, enterpriseId: null, isEnterpriseInstall: false });
    if (found) return { token: found.botToken, botId: found.botId };
  }
  if (fallback) return fallback;
  throw new PostError(`no Slack installation for the workspace of channel ${channelId}${team ? ` (${team})` : ''}`, 'permanent');
}
