import type { App } from '@slack/bolt';
import type { TermRef } from '../../../core/answer/types.js';
import { homeView } from '../blocks/views.js';
import { localDate, termForDate } from '../today.js';
import { safely, type SlackDeps } from './shared.js';

/** Today's term: the one the term of the day posted today in the first configured channel, else a stable pick by date. */
export async function todaysTerm(deps: SlackDeps): Promise<TermRef | null> {
  const { ctx, clock } = deps;
  const now = new Date(clock());
  const channel = ctx.config.TOTD_SLACK_CHANNELS[0];
  if (ctx.totd && channel) {
    try {
      const status = await ctx.totd.status('slack', channel);
      const last = status?.lastPost;
      if (status && last && last.date === localDate(now, status.timeZone)) {
        const t = ctx.bot.kb.terms.get(last.slug);
        if (t) return { slug: t.slug, title: t.title, summary: t.summary };
      }
    } catch (err) {
      deps.log.warn({ err, channel }, 'term of the day status failed; using the daily pick');
    }
  }
  return termForDate(ctx.bot, localDate(now, ctx.config.TOTD_TZ));
}

/** App Home: published whenever someone opens the Home tab. */
export function registerHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await safely(deps.log, 'app-home', { user: event.user }, async () => {
      await client.views.publish({ user_id: event.user, view: homeView(await todaysTerm(deps), deps.ctx.bot.overview()) });
    });
  });
}
