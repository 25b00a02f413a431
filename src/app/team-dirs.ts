import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * TEAM_KNOWLEDGE_DIR split on the platform's path delimiter (":", or ";" on Windows), each folder
 * resolved and checked: one that does not exist, is not a folder or cannot be read is a problem
 * naming it, so startup (and the CLI) stops with that message. No schema library: the CLI's fast
 * path checks the folders on every call (a folder can disappear between two calls).
 */
export function teamDirs(value: string | undefined, cwd: string): { dirs: string[] } | { problem: { variable: string; message: string } } {
  const dirs = (value ?? '')
    .split(path.delimiter)
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => path.resolve(cwd, d));
  for (const dir of dirs) {
    const problem = folderProblem(dir);
    if (problem) {
      return {
        problem: {
          variable: 'TEAM_KNOWLEDGE_DIR',
          message: `team knowledge folder ${dir} ${problem}; fix the path (folders are separated by "${path.delimiter}") or unset it`,
        },
      };
    }
  }
  return { dirs: [...new Set(dirs)] };
}

function folderProblem(dir: string): string | null {
  try {
    if (!statSync(dir).isDirectory()) return 'is not a folder';
    accessSync(dir, constants.R_OK | constants.X_OK);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'does not exist';
    if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
    return `cannot be read (${code ?? String(err)})`;
  }
}
