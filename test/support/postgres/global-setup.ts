import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's admin URL (database `postgres`); tests create their own databases in it. */
    pgUrl: string;
  }
}

/** vitest globalSetup: one PostgreSQL cluster for the whole run, removed after it. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startCluster();
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
