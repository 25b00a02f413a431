import type { InstallationStore, SeenRequestStore } from '../core/ports/installation-store.js';
import type { TotdStore } from '../core/ports/totd-store.js';
import { PgInstallationStore, PgSeenRequests } from './pg/pg-installation-store.js';
import { PgTotdStore } from './pg/pg-totd-store.js';
import { SqliteInstallationStore } from './sqlite-installation-store.js';
import { SqliteSeenRequests } from './sqlite-seen-requests.js';
import { SqliteTotdStore } from './sqlite-totd-store.js';

export interface WorkspaceStores {
  installations: InstallationStore;
  seenRequests: SeenRequestStore;
}

/** The installation and replay stores in the same database as the term of the day; null when that store has none. */
export function workspaceStoresFor(store: TotdStore): WorkspaceStores | null {
  if (store instanceof SqliteTotdStore) {
    return { installations: new SqliteInstallationStore(store.db), seenRequests: new SqliteSeenRequests(store.db) };
  }
  if (store instanceof PgTotdStore) {
    return { installations: new PgInstallationStore(store.pool), seenRequests: new PgSeenRequests(store.pool) };
  }
  return null;
}
