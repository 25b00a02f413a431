import type { types } from '@slack/bolt';
import { encodeAction, renderChatMessage, type ActionButton, type ActionRef, type ChatMessage } from '../../core/chat/index.js';
import { LIMITS, fit } from './limits.js';
import { escapeText } from './text.js';
import { renderAnswer } from './render-answer.js';
import { renderBrowse, renderFound, renderHelp } from './render-browse.js';
import { renderDaily } from './render-daily.js';

export type Block = types.KnownBlock;
export type Button = types.Button;

/** A message as Slack takes it: the notification text and the blocks. */
export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

/** plain_text is shown as typed (no mentions possible), so it only needs trimming to the limit. */
export const plain = (text: string, max: number): types.PlainTextElement => ({
  type: 'plain_text',
  text: fit(text, max) || ' ',
  emoji: true,
});
export const mrkdwn = (text: string, max: number = LIMITS.sectionText): types.MrkdwnElement => ({
  type: 'mrkdwn',
  text: fit(text, max) || ' ',
});

export const header = (text: string, blockId?: string): types.HeaderBlock => ({
  type: 'header',
  text: plain(text, LIMITS.headerText),
  ...(blockId ? { block_id: blockId.slice(0, LIMITS.blockId) } : {}),
});

export const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(text) });

export const context = (...texts: string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId.slice(0, LIMITS.actionId),
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** A button carrying the core's action reference; null when the reference does not encode (it is then left out). */
export function refButton(label: string, actionId: string, ref: ActionRef, style?: ActionButton['style']): Button | null {
  const value = encodeAction(ref);
  return value ? button(label, actionId, value, style === 'primary' ? 'primary' : undefined) : null;
}

/** One actions block per 25 buttons, never an empty one. */
export function actions(list: (Button | null)[], blockId?: string): types.ActionsBlock[] {
  const buttons = list.filter((b): b is Button => b !== null);
  const out: types.ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.elementsPerActions) {
    out.push({
      type: 'actions',
      elements: buttons.slice(i, i + LIMITS.elementsPerActions),
      ...(blockId ? { block_id: `${blockId}${i ? `:${i}` : ''}`.slice(0, LIMITS.blockId) } : {}),
    });
  }
  return out;
}

/** The notification / accessibility fallback of a message: plain, escaped, bounded. */
export const fallback = (text: string): string => fit(escapeText(text), 3000);

export interface RenderOptions {
  /** Most blocks to use (50 for messages, 100 for views). */
  maxBlocks?: number;
  /** In a view there is no channel: buttons that post to one (share) are left out. */
  inView?: boolean;
}

/** Any chat message of the core as a Block Kit message, within Block Kit limits. */
export function renderMessage(m: ChatMessage, opts: RenderOptions = {}): RenderedMessage {
  return renderChatMessage(m, {
    answer(a) {
      const groups = opts.inView ? a.actions.map((g) => ({ ...g, buttons: g.buttons.filter((b) => b.ref.kind !== 'share') })) : a.actions;
      return renderAnswer(a.answer, groups, {
        ...(a.sharedBy ? { sharedBy: a.sharedBy } : {}),
        ...(opts.maxBlocks ? { maxBlocks: opts.maxBlocks } : {}),
      });
    },
    help: renderHelp,
    browse: renderBrowse,
    found: renderFound,
    daily: renderDaily,
    notice: (text) => ({ text: fallback(text), blocks: [section(escapeText(text))] }),
  });
}
