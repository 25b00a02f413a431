import { ButtonStyle, ComponentType, userMention, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import {
  encodeAction,
  renderChatMessage,
  type ActionButton,
  type ActionRef,
  type ChatMessage,
  type MessageRenderers,
} from '../../core/chat/index.js';
import { truncate } from '../../core/text/truncate.js';
import { COMPONENTS, CONTENT_MAX } from './limits.js';
import { renderAnswer } from './render-answer.js';
import { renderBrowse, renderFound, renderHelp } from './render-browse.js';
import { renderDaily } from './render-daily.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** What a reply carries; spreads straight into discord.js reply/update/send options. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

const STYLES = { primary: ButtonStyle.Primary, success: ButtonStyle.Success } as const;

/** A button for an action reference (its custom_id), or null when the id would not fit (the button is then left out). */
export function button(label: string, ref: ActionRef | null, style?: ActionButton['style'], disabled = false): APIButtonComponent | null {
  const custom_id = ref && encodeAction(ref);
  if (!custom_id) return null;
  const b: APIButtonComponent = {
    type: ComponentType.Button,
    style: (style ? STYLES[style] : ButtonStyle.Secondary) as ButtonStyle.Secondary,
    label: truncate(label, COMPONENTS.buttonLabel) || '…',
    custom_id,
  };
  if (disabled) b.disabled = true;
  return b;
}

export const buttons = (list: readonly ActionButton[]): (APIButtonComponent | null)[] => list.map((b) => button(b.label, b.ref, b.style));

/**
 * Packs buttons into action rows within Discord's limits: at most 5 per row and 5 rows,
 * no duplicate ids in one message (Discord rejects those), empty rows dropped.
 */
export function rows(groups: (APIButtonComponent | null)[][]): ButtonRow[] {
  const seen = new Set<string>();
  const out: ButtonRow[] = [];
  for (const group of groups) {
    const unique = group.filter((b): b is APIButtonComponent => {
      if (!b || !('custom_id' in b) || seen.has(b.custom_id)) return false;
      seen.add(b.custom_id);
      return true;
    });
    for (let i = 0; i < unique.length && out.length < COMPONENTS.rows; i += COMPONENTS.buttonsPerRow) {
      out.push({ type: ComponentType.ActionRow, components: unique.slice(i, i + COMPONENTS.buttonsPerRow) });
    }
  }
  return out;
}

/** Any chat message of the core as a Discord message, within Discord's limits. */
export function renderMessage(m: ChatMessage): RenderedMessage {
  return renderChatMessage(m, DISCORD_RENDERERS);
}

const DISCORD_RENDERERS: MessageRenderers<RenderedMessage> = {
  answer(m) {
    const rendered = renderAnswer(m.answer, m.actions);
    // The id comes from Discord's payload, never from user text; allowed_mentions stops the ping.
    return m.sharedBy && /^\d{5,25}$/.test(m.sharedBy) ? { content: `Shared by ${userMention(m.sharedBy)}`, ...rendered } : rendered;
  },
  help: renderHelp,
  browse: renderBrowse,
  found: renderFound,
  daily: renderDaily,
  notice: (text) => ({ content: truncate(text, CONTENT_MAX), embeds: [], components: [] }),
};
