import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Where knowledge snapshots are kept: TERMBOT_CACHE_DIR ("off" disables), else the user's cache
 * folder (XDG_CACHE_HOME or ~/.cache), else a per-user folder in the system temp folder. Never the
 * install folder, so read-only installs and containers work; a folder we cannot write is skipped.
 */
export function snapshotDir(env: Record<string, string | undefined>): string | null {
  const custom = env.TERMBOT_CACHE_DIR?.trim();
  if (custom === 'off') return null;
  if (custom) return path.resolve(custom);
  const base = env.XDG_CACHE_HOME?.trim() || (env.HOME?.trim() ? path.join(env.HOME.trim(), '.cache') : '');
  if (base && path.isAbsolute(base)) return path.join(base, 'termbot');
  return path.join(tmpdir(), `termbot-${process.getuid?.() ?? 'user'}`);
}
