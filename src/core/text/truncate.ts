/** Shortens text to at most `max` characters, cutting at a word boundary and adding an ellipsis. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return text.slice(0, safeCut(text, Math.max(0, max)));
  const room = safeCut(text, max - ellipsis.length);
  const cut = text.slice(0, room);
  const space = cut.search(/\s\S*$/);
  return (space > room * 0.6 ? cut.slice(0, space) : cut).trimEnd() + ellipsis;
}

/**
 * Where to cut `window` (a prefix of a longer text, at most `max` long) so a chunk ends on a
 * paragraph, else a line, else a word boundary, as long as that keeps at least `minFraction`
 * of the window; otherwise cut hard at `max`.
 */
export function boundaryCut(window: string, max: number, minFraction: number): number {
  const floor = max * minFraction;
  for (const sep of ['\n\n', '\n', ' ']) {
    const cut = window.lastIndexOf(sep);
    if (cut >= floor) return cut;
  }
  return safeCut(window, max);
}

/** `at`, moved back one if it would split a surrogate pair (half an emoji is not valid text). */
export function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return at > 0 && at < text.length && code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
