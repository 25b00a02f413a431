/** Shortens text to at most `max` characters, cutting at a word boundary and adding an ellipsis. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  if (max <= ellipsis.length) return text.slice(0, Math.max(0, max));
  const room = max - ellipsis.length;
  const cut = text.slice(0, room);
  const space = cut.search(/\s\S*$/);
  return (space > room * 0.6 ? cut.slice(0, space) : cut).trimEnd() + ellipsis;
}
