import { boundaryCut, truncate } from '../../core/text/truncate.js';

/** Block Kit limits (https://docs.slack.dev/reference/block-kit). Slack rejects a message that exceeds any of them. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  optionsPerMenu: 100,
  modalTitle: 24,
  /** Top-level `text` of a message (the notification fallback). */
  messageText: 40000,
  privateMetadata: 3000,
} as const;

/** Truncates without ever breaking Slack syntax we added: an open `<...>` or a trailing escape. */
export function fit(text: string, max: number): string {
  if (text.length <= max) return text;
  // A cut through an emoji would leave half a surrogate pair, which is not valid text.
  let out = truncate(text, max).replace(/[\uD800-\uDBFF](?=…$)/, '');
  // Do not leave a half link or a half entity (&am…) behind.
  const open = out.lastIndexOf('<');
  if (open > out.lastIndexOf('>')) out = out.slice(0, open).trimEnd() + '…';
  const amp = out.lastIndexOf('&');
  if (amp > out.length - 6 && !/&(amp|lt|gt);/.test(out.slice(amp))) out = out.slice(0, amp).trimEnd() + '…';
  // An odd number of ``` fences would swallow the rest of the message.
  if ((out.match(/```/g) ?? []).length % 2 === 1) out = out.replace(/…$/, '') + '\n```…';
  return out.length <= max ? out : truncate(out.replace(/```/g, ''), max);
}

/** Splits long mrkdwn into chunks of at most `max`, preferring paragraph, then line, then word boundaries. */
export function chunk(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = boundaryCut(rest.slice(0, max), max, 0.5);
    let head = rest.slice(0, cut).trimEnd();
    // Keep code fences balanced within each chunk.
    if ((head.match(/```/g) ?? []).length % 2 === 1) {
      head = head + '\n```';
      rest = '```\n' + rest.slice(cut).trimStart();
    } else {
      rest = rest.slice(cut).trimStart();
    }
    out.push(head.length <= max ? head : fit(head, max));
    if (out.length > 200) break; // bounded: callers cap blocks anyway
  }
  if (rest) out.push(rest);
  return out;
}
