import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildReport, NO_DATA, type ReportData } from '../../core/insights/report.js';
import type { InsightsStore } from '../../core/ports/insights-store.js';
import { redactUrl } from '../../store/pg/connection.js';
import { PgInsightsStore } from '../../store/pg/pg-insights-store.js';
import { StoreError } from '../../store/sqlite-totd-store.js';
import { SqliteInsightsStore } from '../../store/sqlite-insights-store.js';
import { cliConfig } from '../config.js';
import { cliTermbot } from '../context.js';
import { databaseUrlOf, connectProblem } from '../database-url.js';
import { EXIT, UsageError, type CliIO, type Command } from '../io.js';
import { checkFolder, fsProblem, OperatorError, operatorErrors, parseCliArgs, shownPath } from '../operator.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per list; a report is for reading, not an export. */
const DEFAULT_LIMIT = 20;

/** `30d`, `4w` or a date (YYYY-MM-DD): the start of the period. */
export function parseSince(value: string, now: Date): Date {
  const rel = /^(\d{1,4})([dw])$/.exec(value.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * (rel[2] === 'w' ? 7 : 1) * DAY_MS);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const d = new Date(`${value.trim()}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().startsWith(value.trim())) {
      // A period that starts in the future holds nothing: an empty report would look like "nobody asked".
      if (d.getTime() > now.getTime())
        throw new UsageError(`--since ${value.trim()} is in the future: give a past date, or a period such as 30d`);
      return d;
    }
  }
  throw new UsageError(`--since "${value}" is not a period: use 30d, 4w or a date such as 2026-11-01`);
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'What people asked and did not find, most asked terms, helpfulness (text, --json, --html)',
  usage: `Usage: termbot report [--since 30d] [--json] [--html FILE] [--limit N] [--data-dir DIR]

From the insights in DATABASE_URL (PostgreSQL) or DATA_DIR (SQLite): the top questions answered with "none" or a low-confidence guess
(grouped by their normalised text; one that a term added since now answers is marked), the most
asked terms and tools, helpfulness votes per term, and counts per platform. An empty or missing
store gives an empty report.

Options:
  --since PERIOD  30d (default), 4w, or a date (YYYY-MM-DD)
  --json          the report as one JSON object (for scripts)
  --html FILE     also write a self-contained HTML page with bar charts (no external files)
  --limit N       rows per list (default ${DEFAULT_LIMIT})
  --data-dir DIR  read the SQLite database in DIR (a copy, say), even when DATABASE_URL is set
                  (default: DATA_DIR or ./data)`,
  run: (args, io) => operatorErrors('report', io, () => report(args, io)),
};

async function report(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCliArgs({
    args,
    options: {
      since: { type: 'string', default: '30d' },
      json: { type: 'boolean' },
      html: { type: 'string' },
      limit: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const now = io.now?.() ?? new Date();
  const since = parseSince(values.since, now);
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError(`--limit "${values.limit}" must be a whole number from 1 to 1000`);
  if (values.html !== undefined && !values.html.trim()) throw new UsageError('--html needs a file name');

  let data: ReportData = NO_DATA;
  let store: InsightsStore | null;
  // The bot's store: PostgreSQL when DATABASE_URL is set (from the environment or .env), else SQLite in DATA_DIR.
  // --data-dir names an SQLite database explicitly (a copy), so it wins over DATABASE_URL.
  const flagDir = values['data-dir'];
  if (flagDir !== undefined && !flagDir.trim()) throw new UsageError('--data-dir needs a folder');
  const databaseUrl = flagDir === undefined ? await databaseUrlOf(io) : undefined;
  const dataDir = checkFolder(
    flagDir === undefined ? cliConfig(io).dataDir : path.resolve(io.cwd, flagDir),
    flagDir === undefined ? 'DATA_DIR' : '--data-dir',
    io,
  );
  const where = databaseUrl ? redactUrl(databaseUrl) : shownPath(io, dataDir);
  try {
    store = databaseUrl ? await PgInsightsStore.openForReport(databaseUrl) : SqliteInsightsStore.openForReport(dataDir);
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    // DATABASE_URL points at no server, or one that refuses us (password, database name): the setting is wrong (exit 2).
    if (databaseUrl) throw connectProblem(err, databaseUrl) ?? new OperatorError(err.message, { cause: err });
    io.stderr.write(`termbot report: ${err.message}\n`);
    return EXIT.problems;
  }
  if (store) {
    try {
      data = { questions: await store.questions(since), asked: await store.asked(since), votes: await store.votes(since) };
    } finally {
      await store.close();
    }
  } else {
    io.stderr.write(`termbot report: nothing recorded yet in ${where} (an empty report)\n`);
  }
  const report = buildReport(data, await cliTermbot(io), { since, now, limit });
  if (values.html) {
    const { renderReportHtml } = await import('../report/render-html.js');
    const file = path.resolve(io.cwd, values.html);
    try {
      await writeFile(file, renderReportHtml(report));
    } catch (err) {
      throw fsProblem(err, io, 'write', file) ?? err;
    }
    io.stderr.write(`termbot report: wrote ${shownPath(io, file)}\n`);
  }
  if (values.json) io.stdout.write(JSON.stringify(report) + '\n');
  else {
    const { renderReportText } = await import('../report/render-text.js');
    io.stdout.write(renderReportText(report));
  }
  return EXIT.ok;
}
