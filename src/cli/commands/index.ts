import type { Command } from '../io.js';
import { detectCommand } from './detect.js';
import { explainCommand } from './explain.js';
import { lintCommand } from './lint.js';
import { listCommand } from './list.js';
import { lookupCommand } from './lookup.js';
import { replCommand } from './repl.js';
import { todayCommand } from './today.js';
import { totdCommand } from './totd.js';

/** Every CLI command, in the order `termbot --help` lists them. */
export const COMMANDS: Command[] = [explainCommand, replCommand, lookupCommand, listCommand, lintCommand, todayCommand, totdCommand, detectCommand];
