import type { App, RespondFn, webApi } from '@slack/bolt';
import { CATEGORY_LABELS } from '../../../core/answer/build.js';
import type { SubscriptionStatus } from '../../../core/totd/types.js';
import { classifySlackError, isAccessError } from '../errors.js';
import { IDS } from '../ids.js';
import { escapeText } from '../mrkdwn.js';
import { ephemeral, isSlackId, reply, safely, type SlackDeps } from './shared.js';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const DAILY_USAGE = [
  '*Term of the day in this channel*',
  '`/explain-daily subscribe [HH:MM] [time zone] [weekdays] [category]`, e.g. `/explain-daily subscribe 09:30 Europe/Berlin mon-fri security`',
  '`/explain-daily status`: the schedule and what comes next',
  '`/explain-daily skip`: skip the next term',
  '`/explain-daily unsubscribe`: stop posting here',
].join('\n');

function weekdays(days: number[]): string {
  const key = [...days].sort().join(',');
  if (key === '1,2,3,4,5') return 'Monday to Friday';
  if (key === '0,1,2,3,4,5,6') return 'every day';
  return [...days].sort().map((d) => DAY_NAMES[d] ?? '?').join(', ');
}

function formatInstant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** One line per fact; every value that came from user input is escaped. */
export function describeSubscription(s: SubscriptionStatus, termTitle: (slug: string) => string): string {
  const lines = [
    `${weekdays(s.weekdays)} at ${escapeText(s.time)} (${escapeText(s.timeZone)})${s.category ? `, ${escapeText(CATEGORY_LABELS[s.category] ?? s.category)} terms only` : ''}${s.thread ? ', with a discussion thread' : ''}`,
  ];
  if (s.nextRunAt) lines.push(`Next post: ${formatInstant(s.nextRunAt, s.timeZone)}`);
  if (s.lastPost) lines.push(`Last post: ${escapeText(termTitle(s.lastPost.slug))} on ${escapeText(s.lastPost.date)}`);
  lines.push(`${s.remainingInCycle} terms left before the rotation starts over`);
  if (s.broken) lines.push(`:warning: Posting is paused since ${s.broken.since.toISOString().slice(0, 10)}: ${escapeText(s.broken.reason)}. Fix it, then run \`/explain-daily subscribe\` again.`);
  return lines.join('\n');
}

/**
 * `/explain-daily subscribe|unsubscribe|status|skip`. On Slack anyone in the channel may
 * change the subscription, so every change is announced in the channel.
 */
export function registerDailyCommand(app: App, deps: SlackDeps): void {
  const { ctx, log } = deps;
  const title = (slug: string): string => ctx.bot.kb.terms.get(slug)?.title ?? slug;

  /** Announces a change publicly; if the bot cannot post there, tells the person privately why. */
  const announce = async (client: webApi.WebClient, respond: RespondFn, channel: string, text: string, privateNote: string): Promise<void> => {
    try {
      await client.chat.postMessage({ channel, text });
    } catch (err) {
      const failure = classifySlackError(err);
      log.warn({ channel, err, slackError: failure.code }, 'could not announce a term of the day change');
      const hint = isAccessError(failure.code)
        ? " I'm not a member of this channel, so I couldn't announce it, and daily posts will fail until you invite me with `/invite @termbot`."
        : " I couldn't announce it in the channel.";
      await reply(respond, ephemeral(privateNote + hint));
    }
  };

  app.command(IDS.dailyCommand, async ({ command, ack, respond, client }) => {
    await ack();
    const user = command.user_id;
    const channel = command.channel_id;
    const meta = { user, channel, command: command.command };
    const who = isSlackId(user) ? `<@${user}>` : 'Someone';
    await safely(
      log,
      'daily-command',
      meta,
      async () => {
        const totd = ctx.totd;
        if (!totd) {
          await reply(respond, ephemeral('The term of the day is not enabled on this termbot. Ask whoever runs it to turn it on.'));
          return;
        }
        const [sub = 'status', ...rest] = (command.text ?? '').trim().split(/\s+/).filter(Boolean);
        switch (sub.toLowerCase()) {
          case 'subscribe': {
            const status = await totd.subscribe('slack', channel, totd.parseSettings(rest.join(' ')), user);
            const summary = describeSubscription(status, title);
            await announce(client, respond, channel, `${who} set up the term of the day here: ${summary.split('\n')[0]}.`, `Subscribed: ${summary.split('\n')[0]}.`);
            return;
          }
          case 'unsubscribe': {
            const removed = await totd.unsubscribe('slack', channel, user);
            if (!removed) {
              await reply(respond, ephemeral('This channel has no term of the day subscription.'));
              return;
            }
            await announce(client, respond, channel, `${who} turned off the term of the day here.`, 'Unsubscribed.');
            return;
          }
          case 'skip': {
            const { skipped, next } = await totd.skip('slack', channel, user);
            await announce(client, respond, channel, `${who} skipped *${escapeText(title(skipped))}* in the term of the day; next up: *${escapeText(title(next))}*.`, 'Skipped.');
            return;
          }
          case 'status': {
            const status = await totd.status('slack', channel);
            await reply(respond, ephemeral(status ? `*Term of the day here*\n${describeSubscription(status, title)}` : `This channel has no term of the day yet.\n\n${DAILY_USAGE}`));
            return;
          }
          default:
            await reply(respond, ephemeral(DAILY_USAGE));
        }
      },
      (t) => respond(ephemeral(t)),
    );
  });
}
