import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where termbot's own files are, whichever form of the code runs: the TypeScript sources (tsx), the
 * compiled dist/ (tsc), or the one-shot CLI bundled into a few files (scripts/bundle-cli.mjs, whose
 * modules no longer sit at their source depth). Every path to a file of the package is built from
 * here, never from "two folders up" of some module.
 */
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The folder of termbot's package.json: the first one up from this module (a few look-ups, once). */
export const PACKAGE_ROOT = findPackageRoot(HERE);

function findPackageRoot(from: string): string {
  for (let dir = from, i = 0; i < 8; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(from, '..', '..');
}

/**
 * The folder holding this code's app/, cli/ and core/ folders: src/, dist/, or a test build. A
 * bundle keeps dist/ beside it (it is built from dist/), so its code folder is dist/.
 */
export const CODE_ROOT = path.basename(HERE) === 'core' ? path.dirname(HERE) : path.join(PACKAGE_ROOT, 'dist');

/** The extension of this code's modules: ".ts" from the sources, ".js" compiled. */
export const CODE_EXT = path.extname(fileURLToPath(import.meta.url));

/** The knowledge bundled with termbot. */
export const BUNDLED_KNOWLEDGE_DIR = path.join(PACKAGE_ROOT, 'knowledge');
