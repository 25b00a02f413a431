import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/cli/bundled.js';
import { knowledgeStack, loadStack, type ParseCache } from '../../src/core/knowledge/layers.js';
import { parseCachePath, writeParseCache } from '../../src/core/knowledge/parse-cache-file.js';
import { loadKnowledgeCached } from '../../src/core/knowledge/snapshot.js';

/**
 * Runs once before any test file: compiles the bundled knowledge snapshot and the bot's parse cache
 * into a fresh folder and points TERMBOT_CACHE_DIR at it (test workers and the processes they start
 * inherit the variable), so CLI tests and bot processes load the knowledge base from it instead of
 * each parsing every file.
 */
export default async function setup(): Promise<() => void> {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'termbot-test-cache-'));
  process.env.TERMBOT_CACHE_DIR = cacheDir;
  await loadKnowledgeCached(BUNDLED_KNOWLEDGE_DIR, { cacheDir });
  // The bot's stack when KNOWLEDGE_DIR is unset (the bundled folder, no team folders).
  const layers = knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [], BUNDLED_KNOWLEDGE_DIR);
  const parses: ParseCache = new Map();
  await loadStack(layers, undefined, { cache: parses });
  await writeParseCache(parseCachePath(cacheDir, layers), parses);
  return () => rmSync(cacheDir, { recursive: true, force: true });
}
