import type { Command } from '../io.js';

/**
 * Every CLI command, in the order `termbot --help` lists them. Each module is imported only
 * when its command runs, so a one-shot `termbot explain` never loads SQLite, the YAML parser
 * or the linter (fast start). The summary here is the command list's line; a test checks it
 * matches the command's own.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'explain',
    summary: 'Explain a term or compare terms: termbot explain load balancer vs reverse proxy',
    load: async () => (await import('./explain.js')).explainCommand,
  },
  {
    name: 'repl',
    summary: 'Interactive prompt (the default when you run termbot in a terminal)',
    load: async () => (await import('./repl.js')).replCommand,
  },
  {
    name: 'lookup',
    summary: 'Match queries without rendering: one JSON line per query (stdin or arguments)',
    load: async () => (await import('./lookup.js')).lookupCommand,
  },
  {
    name: 'list',
    summary: 'List terms (or --tools), optionally of one category',
    load: async () => (await import('./list.js')).listCommand,
  },
  {
    name: 'lint',
    summary: 'Check every knowledge file; prints path:line: message, exits 1 on any problem',
    load: async () => (await import('./lint.js')).lintCommand,
  },
  {
    name: 'new',
    summary: 'Write a template for a new term, tool or comparison into the team folder',
    load: async () => (await import('./new.js')).newCommand,
  },
  {
    name: 'report',
    summary: 'What people asked and did not find, most asked terms, helpfulness (text, --json, --html)',
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'today',
    summary: 'Preview the term of the day for a channel and date',
    load: async () => (await import('./today.js')).todayCommand,
  },
  {
    name: 'totd',
    summary: 'Term of the day: list subscribed channels and their next run',
    load: async () => (await import('./totd.js')).totdCommand,
  },
  {
    name: 'detect',
    summary: 'Find the terms and tools in text: one JSON line per stdin line',
    load: async () => (await import('./detect.js')).detectCommand,
  },
];
