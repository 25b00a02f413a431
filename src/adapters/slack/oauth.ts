import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, HTTPReceiverOptions, InstallationStore as BoltInstallationStore } from '@slack/bolt';
import type { InstallationStore } from '../../core/ports/installation-store.js';
import type { TotdService } from '../../core/totd/types.js';
import type { Logger } from '../../logger.js';

/** Where Bolt serves the install page and Slack sends the installer back (the app's Redirect URL). */
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes an install asks for: the same as slack-app-manifest.yml (a test keeps them equal). */
export const INSTALL_SCOPES = ['commands', 'chat:write', 'app_mentions:read', 'channels:history', 'groups:history'];

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pageHtml = (title: string, body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>termbot: ${escapeHtml(title)}</title></head>` +
  `<body><h1>${escapeHtml(title)}</h1><p>${body}</p></body></html>`;

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(pageHtml(title, body));
}

const again = `<a href="${INSTALL_PATH}">Start the installation again</a>.`;

/**
 * The OAuth half of Bolt's HTTPReceiver options: Bolt serves the install page (a state cookie and
 * a signed, 10-minute state) and the redirect (checks the state against the cookie, exchanges the
 * code with oauth.v2.access, stores the installation). We only word the result pages.
 */
export function oauthReceiverOptions(
  settings: OAuthSettings,
  installationStore: BoltInstallationStore,
  clientOptions: NonNullable<HTTPReceiverOptions['installerOptions']>['clientOptions'],
  log: Logger,
): Pick<HTTPReceiverOptions, 'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'> {
  return {
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    stateSecret: settings.stateSecret,
    scopes: INSTALL_SCOPES,
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      clientOptions,
      renderHtmlForInstallPath: (addToSlackUrl) =>
        pageHtml(
          'Add termbot to Slack',
          `termbot explains infrastructure vocabulary in your channels. <a href="${escapeHtml(addToSlackUrl)}">Add termbot to a Slack workspace</a> (the link works for 10 minutes, in this browser).`,
        ),
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          const where = installation.team?.name ?? installation.enterprise?.name ?? 'your workspace';
          page(res, 200, 'termbot is installed', `termbot is now in ${escapeHtml(where)}. Try <code>/explain DNS</code> in any channel.`);
        },
        failure: (error, _options, req: IncomingMessage, res) => {
          const denied = new URL(req.url ?? '/', 'http://x').searchParams.get('error');
          log.info({ code: error.code, denied, reason: error.message }, 'slack: installation not completed; nothing stored');
          if (denied) return page(res, 400, 'Installation cancelled', `termbot was not installed (${escapeHtml(denied)}). ${again}`);
          switch (error.code) {
            case 'slack_oauth_invalid_state':
            case 'slack_oauth_missing_state':
              return page(
                res,
                400,
                'This install link has expired',
                `The link was not started in this browser, was changed, or is more than 10 minutes old. Nothing was installed. ${again}`,
              );
            case 'slack_oauth_missing_code':
              return page(res, 400, 'Incomplete installation', `Slack did not send an authorisation code. Nothing was installed. ${again}`);
            default:
              return page(res, 502, 'Slack did not confirm the installation', `Nothing was installed. ${again}`);
          }
        },
      },
    },
  };
}

interface UninstallBody {
  team_id?: string;
  enterprise_id?: string;
  authorizations?: { is_enterprise_install?: boolean }[];
}

/**
 * `app_uninstalled` and `tokens_revoked` (of the bot): the workspace's token is dead, so its
 * installation and its term-of-the-day subscriptions go (the channels could never be posted to).
 * Bolt delivers both without authorizing (there is no token left to authorize with).
 */
export function registerUninstall(app: App, store: InstallationStore, totd: () => TotdService | undefined, log: Logger): void {
  const remove = async (body: UninstallBody, why: string): Promise<void> => {
    const teamId = body.team_id;
    const enterpriseId = body.enterprise_id;
    // An org-wide install is one installation for the whole enterprise.
    const org = body.authorizations?.[0]?.is_enterprise_install === true && Boolean(enterpriseId);
    if (!teamId) return void log.warn({ why, enterprise: enterpriseId }, 'slack: uninstall event without a team id; nothing removed');
    const removed = await store.deleteInstallation({ teamId, enterpriseId: enterpriseId ?? null, isEnterpriseInstall: org });
    const channels = await store.channelsOfWorkspace(teamId);
    let unsubscribed = 0;
    const service = totd();
    for (const channel of channels) {
      try {
        if (service && !service.disabled && (await service.unsubscribe('slack', channel, why))) unsubscribed++;
      } catch (err) {
        log.warn({ err, team: teamId, channel }, 'slack: could not remove a subscription of an uninstalled workspace');
      }
    }
    await store.forgetWorkspaceChannels(teamId);
    log.info({ team: teamId, why, installationRemoved: removed, channels: channels.length, unsubscribed }, 'slack: workspace removed');
  };
  app.event('app_uninstalled', async ({ body }) => {
    await remove(body, 'app_uninstalled');
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters; a revoked user token leaves the bot working.
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(body, 'tokens_revoked');
  });
}
