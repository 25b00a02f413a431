/**
 * Slack mrkdwn helpers. Slack treats `<...>` as control sequences (`<!channel>`,
 * `<@U123>`, links), so every string we did not write ourselves goes through
 * `escapeText` first; only then do we add our own link syntax.
 */

/** Escapes the three characters Slack requires (&, <, >) and defuses bare broadcast words. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // A zero-width joiner after "@" keeps "@here" readable but never a broadcast, even with link_names.
      .replace(/@(everyone|here|channel)\b/gi, '@\u2060$1')
  );
}

/** A link the user cannot forge: both parts escaped, `|` removed from the label. */
export function link(url: string, label: string): string {
  return `<${escapeText(url).replace(/\|/g, '%7C')}|${escapeText(label).replace(/\|/g, '¦')}>`;
}

/** Converts one run of Markdown (no fenced code) to mrkdwn. */
function inline(md: string): string {
  const BOLD = '\u0001';
  return escapeText(md)
    .replace(/^#{1,6}\s+(.+)$/gm, `${BOLD}$1${BOLD}`)
    .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
    .replace(/\*\*(.+?)\*\*/g, `${BOLD}$1${BOLD}`)
    .replace(/__(.+?)__/g, `${BOLD}$1${BOLD}`)
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1_$2_')
    .replace(/~~(.+?)~~/g, '~$1~')
    .replace(
      /!?\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g,
      (_m, label: string, url: string) => `<${url.replace(/\|/g, '%7C')}|${label.replace(/\|/g, '¦')}>`,
    )
    .replace(new RegExp(BOLD, 'g'), '*');
}

/**
 * Knowledge Markdown -> Slack mrkdwn: bold, italics, headings, bullets, links, code.
 * Text is escaped first, so a body can never produce a mention or broadcast.
 */
export function markdownToMrkdwn(md: string): string {
  const parts = md.split(/(```[^\n]*\n[\s\S]*?```)/g);
  return parts
    .map((part) => {
      const fence = /^```[^\n]*\n([\s\S]*?)```$/.exec(part);
      return fence ? '```\n' + escapeText(fence[1] ?? '').replace(/\n$/, '') + '\n```' : inline(part);
    })
    .join('');
}
