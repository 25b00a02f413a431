import { printable } from './printable.js';

/**
 * How the CLI words the knowledge loader's log records. The bot logs them as pino JSON for its log
 * pipeline; a person at a terminal gets one plain line per problem instead:
 *   termbot: skipped networking/cdn.md:3: invalid YAML: ...
 * Keyed by the loader's message (src/core/termbot.ts logLoad); any other record keeps its message.
 */
const LABELS: Record<string, string> = {
  'knowledge file skipped': 'skipped',
  'knowledge name conflict': 'name conflict in',
  'knowledge card overridden by a team layer': 'team card',
  // The problem says it all: "tools/akamai.md: is_a: dropped "cdn" (networking/cdn.md was skipped)".
  'knowledge link dropped': '',
};

/** A value as text: strings as they are, anything else as JSON. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/** One readable line (newline included) for a log record; control characters escaped. */
export function plainLogLine(obj: object, msg = ''): string {
  const { file, line, problem, ...rest } = obj as Record<string, unknown>;
  if (typeof file === 'string') {
    const where = typeof line === 'number' && line > 0 ? `${file}:${line}` : file;
    const label = LABELS[msg] ?? msg;
    return printable(`termbot: ${label ? `${label} ` : ''}${where}: ${text(problem)}`) + '\n';
  }
  const details = Object.entries({ file, line, problem, ...rest })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${text(v)}`);
  return printable(`termbot: ${msg}${details.length ? ` (${details.join(', ')})` : ''}`) + '\n';
}
