import { readdirSync, rmSync, statSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bot and the CLI as the processes tests start: src/ compiled once per run to plain JavaScript
 * (esbuild, file by file, like tsc's dist/), because tsx's loader costs every child about half a
 * second of CPU and the suite starts dozens. The folder sits at the top of the repository, like
 * dist/, so the code's paths relative to its own file (knowledge/, package.json) resolve the same.
 */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PREFIX = '.test-build-';
/** A folder left by a run that was killed is removed by a later run once it is this old. */
const STALE_MS = 6 * 3600_000;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Compiles src/ into a fresh `.test-build-*` folder; returns it and a function that removes it. */
export async function buildForChildren(): Promise<{ dir: string; remove: () => void }> {
  for (const name of readdirSync(ROOT)) {
    const old = path.join(ROOT, name);
    if (name.startsWith(PREFIX) && Date.now() - statSync(old).mtimeMs > STALE_MS) rmSync(old, { recursive: true, force: true });
  }
  const { build } = await import('esbuild');
  const dir = await mkdtemp(path.join(ROOT, PREFIX));
  // mkdtemp makes it private; some tests run the CLI as another user (load-faults.test.ts).
  await chmod(dir, 0o755);
  await build({
    entryPoints: sources(path.join(ROOT, 'src')),
    outdir: dir,
    outbase: path.join(ROOT, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The node arguments that run `entry` (a path under src/ without extension, e.g. 'app/main'): the
 * compiled file when the suite built one (TERMBOT_TEST_BUILD), else the TypeScript source through tsx.
 */
export function childArgs(entry: string): string[] {
  const built = process.env.TERMBOT_TEST_BUILD;
  if (built) return [path.join(built, `${entry}.js`)];
  return ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src', `${entry}.ts`)];
}

/** The cache folder for those processes (their loader code differs from src/, so their snapshots do too). */
export function childCacheEnv(): Record<string, string> {
  const dir = process.env.TERMBOT_CHILD_CACHE_DIR;
  return dir ? { TERMBOT_CACHE_DIR: dir } : {};
}
