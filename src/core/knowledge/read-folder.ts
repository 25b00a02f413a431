import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './types.js';

/**
 * Files larger than this are skipped unread: a knowledge card is a few KiB, and a runaway file
 * (a pasted log, a 50 MB term) must not take the bot's memory or flood the linter.
 */
export const MAX_FILE_BYTES = 256 * 1024;

export interface KnowledgeFileInfo {
  /** Path relative to the knowledge folder, with forward slashes ("compute/pod.md"). */
  rel: string;
  abs: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** The file's inode: a folder swapped for another (a symbolic link moved) can hold files of the same size and times. */
  ino: number;
}

export interface FolderListing {
  files: KnowledgeFileInfo[];
  /** Entries left out (dangling links, oversized or unreadable files), as problems naming each file. */
  problems: Problem[];
  /** The folder with every symbolic link resolved: a link moved to another folder is another folder. */
  real: string;
}

/** What a cached parse of a file is checked against: its size and times. */
export const fileStamp = (f: Pick<KnowledgeFileInfo, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): string => `${f.size}:${f.mtimeMs}:${f.ctimeMs}:${f.ino}`;

/** "EACCES" -> "permission denied", for a message a person can act on. */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'it does not exist (a dangling symbolic link?)',
    ELOOP: 'a symbolic link loop',
    EISDIR: 'it is a folder',
  };
  return (code && known[code]) ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Lists the `*.md` files one level below `dir` (category folders, comparisons/, tools/), sorted.
 * Symbolic links to files and to folders are followed; a folder reached twice (two links to it,
 * or a link back to the knowledge folder) is read once; a dangling link is a problem. Only an
 * unreadable knowledge folder itself throws.
 */
export async function listKnowledgeFolder(dir: string, maxBytes = MAX_FILE_BYTES): Promise<FolderListing> {
  const files: KnowledgeFileInfo[] = [];
  const problems: Problem[] = [];
  // Synchronous look-ups (folders and files alike): each takes microseconds, while an awaited one waits
  // for a worker thread and the event loop, and a one-shot CLI call makes dozens of them in a row.
  const real = realpathSync.native(dir);
  const seenDirs = new Set<string>([real]);
  // By code unit, as the files are: a locale-aware comparison would load ICU's collation data (milliseconds) on every start.
  const top = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of top) {
    if (entry.name.startsWith('.')) continue;
    const folderAbs = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDir = statSync(folderAbs).isDirectory();
      } catch (err) {
        problems.push({ file: entry.name, line: 0, message: `skipped: cannot follow the link: ${reason(err)}` });
        continue;
      }
    }
    if (!isDir) continue;
    let real: string;
    let inner;
    try {
      real = realpathSync.native(folderAbs);
      inner = readdirSync(folderAbs, { withFileTypes: true });
    } catch (err) {
      problems.push({ file: entry.name, line: 0, message: `skipped: cannot read the folder: ${reason(err)}` });
      continue;
    }
    if (seenDirs.has(real)) {
      problems.push({ file: entry.name, line: 0, message: 'skipped: links to a folder that is already read' });
      continue;
    }
    seenDirs.add(real);
    const mds = inner.filter((f) => f.name.endsWith('.md') && !f.name.startsWith('.'));
    mds.forEach((f) => {
      const rel = `${entry.name}/${f.name}`;
      const abs = path.join(folderAbs, f.name);
      let st: Stats;
      try {
        st = statSync(abs);
      } catch (err) {
        problems.push({ file: rel, line: 0, message: `skipped: cannot follow the link: ${reason(err)}` });
        return;
      }
      if (!st.isFile()) return;
      if (st.size > maxBytes) {
        problems.push({ file: rel, line: 0, message: `skipped unread: ${st.size} bytes, over the ${Math.round(maxBytes / 1024)} KiB limit for a knowledge file` });
        return;
      }
      files.push({ rel, abs, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino });
    });
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, problems, real };
}

/** Reads one listed file; an unreadable file becomes a problem naming it and why. */
export async function readKnowledgeFile(file: KnowledgeFileInfo): Promise<{ source: string } | { problem: Problem }> {
  try {
    return { source: await readFile(file.abs, 'utf8') };
  } catch (err) {
    return { problem: { file: file.rel, line: 0, message: `skipped: cannot read the file: ${reason(err)}` } };
  }
}
