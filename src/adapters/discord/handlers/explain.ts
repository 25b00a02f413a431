import { MessageFlags, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { OPTION } from '../commands.js';
import { CHOICES } from '../limits.js';
import { lookup } from '../lookup.js';
import { renderAnswer } from '../render-answer.js';
import { renderHelp } from '../render-browse.js';
import { truncate } from '../../../core/text/truncate.js';
import type { HandlerDeps } from './deps.js';

/** `/explain term:<text> [public]`: ephemeral by default with a Share button; help when no term. */
export async function handleExplain(i: ChatInputCommandInteraction, { ctx }: HandlerDeps): Promise<void> {
  const query = i.options.getString(OPTION.term) ?? '';
  const isPublic = i.options.getBoolean(OPTION.public) ?? false;
  const flags = isPublic ? undefined : MessageFlags.Ephemeral;
  if (!query.trim()) {
    await i.reply({ ...renderHelp(ctx.bot.overview()), flags });
    return;
  }
  const answer = lookup(ctx.bot, query);
  ctx.logger.debug({ command: 'explain', kind: answer.kind, user: i.user.id }, 'explain');
  await i.reply({ ...renderAnswer(answer, { shareable: !isPublic && answer.kind !== 'none' }), flags });
}

/** Autocomplete for `term`: the core's ranking, within Discord's limits; never throws. */
export function termChoices(ctx: HandlerDeps['ctx'], typed: string): { name: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const c of ctx.bot.complete(typed, CHOICES.max)) {
    const value = c.value.slice(0, CHOICES.value);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name: truncate(c.label, CHOICES.name) || value, value });
    if (out.length >= CHOICES.max) break;
  }
  return out;
}

let zones: string[] | null = null;

/** IANA zones matching what was typed, for `/explain-daily subscribe timezone`. */
export function timeZoneChoices(typed: string): { name: string; value: string }[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  const q = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const hits = q ? zones.filter((z) => z.toLowerCase().includes(q)) : zones;
  return hits.slice(0, CHOICES.max).map((z) => ({ name: z, value: z }));
}

export async function handleAutocomplete(i: AutocompleteInteraction, deps: HandlerDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  const typed = String(focused.value ?? '');
  const choices = focused.name === OPTION.timezone ? timeZoneChoices(typed) : focused.name === OPTION.term ? termChoices(deps.ctx, typed) : [];
  await i.respond(choices);
}
