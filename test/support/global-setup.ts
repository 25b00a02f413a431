import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/cli/bundled.js';
import { loadKnowledgeCached } from '../../src/core/knowledge/snapshot.js';

/**
 * Runs once before any test file: compiles the bundled knowledge snapshot into a fresh folder and
 * points TERMBOT_CACHE_DIR at it (test workers and the processes they start inherit the variable),
 * so CLI tests load the knowledge base from it instead of each parsing every file.
 */
export default async function setup(): Promise<() => void> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'termbot-test-cache-'));
  process.env.TERMBOT_CACHE_DIR = cacheDir;
  await loadKnowledgeCached(BUNDLED_KNOWLEDGE_DIR, { cacheDir });
  return () => rmSync(cacheDir, { recursive: true, force: true });
}
