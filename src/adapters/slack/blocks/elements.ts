import type { types } from '@slack/bolt';
import { encodeValue, type ButtonValue } from '../ids.js';
import { LIMITS, fit } from '../limits.js';
import { escapeText } from '../mrkdwn.js';

export type Block = types.KnownBlock;
export type Button = types.Button;

/** plain_text is shown as typed (no mentions possible), so it only needs trimming to the limit. */
export const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: fit(text, max) || ' ', emoji: true });
export const mrkdwn = (text: string, max: number = LIMITS.sectionText): types.MrkdwnElement => ({ type: 'mrkdwn', text: fit(text, max) || ' ' });

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

export function button(text: string, actionId: string, value: string | ButtonValue, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    text: plain(text, LIMITS.buttonText),
    action_id: actionId.slice(0, LIMITS.actionId),
    value: (typeof value === 'string' ? value : encodeValue(value)).slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

/** One actions block per 25 buttons, never an empty one. */
export function actions(buttons: Button[], blockId?: string): types.ActionsBlock[] {
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
