import { MessageFlags, type ChatInputCommandInteraction, type MessageContextMenuCommandInteraction } from 'discord.js';
import { CATEGORY_LABELS } from '../../../core/answer/build.js';
import { CATEGORIES, type Category } from '../../../core/knowledge/types.js';
import type { Termbot } from '../../../core/termbot.js';
import { OPTION } from '../commands.js';
import { renderDetected, renderTermsPage } from '../render-browse.js';
import type { RenderedMessage } from '../render-answer.js';
import type { HandlerDeps } from './deps.js';

export function isCategory(s: string): s is Category {
  return (CATEGORIES as readonly string[]).includes(s);
}

/** A page of terms in a category ('all' for every term). */
export function termsPage(bot: Termbot, category: string, page: number): RenderedMessage {
  const cat = isCategory(category) ? category : undefined;
  return renderTermsPage(bot.list(cat), cat ?? 'all', cat ? CATEGORY_LABELS[cat] : 'all areas', page);
}

/** `/terms [category]`: browse with pagination buttons, only for the asker. */
export async function handleTerms(i: ChatInputCommandInteraction, { ctx }: HandlerDeps): Promise<void> {
  const category = i.options.getString(OPTION.category) ?? 'all';
  await i.reply({ ...termsPage(ctx.bot, category, 0), flags: MessageFlags.Ephemeral });
}

/** Message context menu "Explain terms": jargon detection over the clicked message. */
export async function handleExplainTerms(i: MessageContextMenuCommandInteraction, { ctx }: HandlerDeps): Promise<void> {
  const text = i.targetMessage.content ?? '';
  const hits = text.trim() ? ctx.bot.detect(text, 10) : [];
  await i.reply({ ...renderDetected(ctx.bot, hits), flags: MessageFlags.Ephemeral });
}
