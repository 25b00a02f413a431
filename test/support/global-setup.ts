import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/core/package-paths.js';
import type * as LayersModule from '../../src/core/knowledge/layers.js';
import type * as ParseCacheModule from '../../src/core/knowledge/parse-cache-file.js';
import type * as SnapshotModule from '../../src/core/knowledge/snapshot.js';
import { loadKnowledgeCached } from '../../src/core/knowledge/snapshot.js';
import type { TestProject } from 'vitest/node';
import { buildForChildren } from './child-build.js';
import { startCluster } from './postgres/cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's admin URL (database `postgres`); tests create their own databases in it. */
    pgUrl: string;
  }
}

type Layers = typeof LayersModule;
type ParseCacheFile = typeof ParseCacheModule;
type Snapshot = typeof SnapshotModule;

/**
 * Runs once before any test file. `pgUrl` (provided to tests): one throwaway PostgreSQL cluster for the
 * whole run, started while the rest is prepared and removed after the run. Environment (test workers
 * and the processes they start inherit the variables):
 * - TERMBOT_CACHE_DIR: the bundled knowledge snapshot, compiled once, so in-process CLI tests load
 *   the knowledge base from it instead of each parsing every file;
 * - TERMBOT_TEST_BUILD: src/ compiled to JavaScript for the bot and CLI processes tests start
 *   (child-build.ts), and TERMBOT_CHILD_CACHE_DIR: their snapshot and the bot's parse cache,
 *   made by that compiled code (its loader stamp differs from src/'s).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const pg = startCluster();
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'termbot-test-cache-'));
  const childCacheDir = mkdtempSync(path.join(tmpdir(), 'termbot-test-child-cache-'));
  let build: Awaited<ReturnType<typeof buildForChildren>> | null = null;
  const cleanup = (): void => {
    rmSync(cacheDir, { recursive: true, force: true });
    rmSync(childCacheDir, { recursive: true, force: true });
    build?.remove();
  };
  try {
    await prepareKnowledge(cacheDir, childCacheDir, (b) => (build = b));
  } catch (err) {
    // Nothing left behind: the cluster started meanwhile is stopped too.
    await pg.then((c) => c.stop()).catch(() => {});
    cleanup();
    throw err;
  }
  let cluster;
  try {
    cluster = await pg;
  } catch (err) {
    cleanup();
    throw err;
  }
  project.provide('pgUrl', cluster.url);
  return () => {
    cluster.stop();
    cleanup();
  };
}

async function prepareKnowledge(
  cacheDir: string,
  childCacheDir: string,
  built: (b: Awaited<ReturnType<typeof buildForChildren>>) => void,
): Promise<void> {
  process.env.TERMBOT_CACHE_DIR = cacheDir;
  await loadKnowledgeCached(BUNDLED_KNOWLEDGE_DIR, { cacheDir });

  const build = await buildForChildren();
  built(build);
  process.env.TERMBOT_TEST_BUILD = build.dir;
  process.env.TERMBOT_CHILD_CACHE_DIR = childCacheDir;
  const load = async <T>(rel: string): Promise<T> => (await import(pathToFileURL(path.join(build.dir, rel)).href)) as T;
  const { knowledgeStack, loadStack } = await load<Layers>('core/knowledge/layers.js');
  const { parseCachePath, writeParseCache } = await load<ParseCacheFile>('core/knowledge/parse-cache-file.js');
  const { loadKnowledgeCached: loadBuilt } = await load<Snapshot>('core/knowledge/snapshot.js');
  await loadBuilt(BUNDLED_KNOWLEDGE_DIR, { cacheDir: childCacheDir });
  // The bot's stack when KNOWLEDGE_DIR is unset (the bundled folder, no team folders).
  const layers = knowledgeStack(BUNDLED_KNOWLEDGE_DIR, [], BUNDLED_KNOWLEDGE_DIR);
  const parses = new Map();
  await loadStack(layers, undefined, { cache: parses });
  await writeParseCache(parseCachePath(childCacheDir, layers), parses);
}
