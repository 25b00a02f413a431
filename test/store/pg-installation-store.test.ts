import { PgTotdStore } from '../../src/store/pg/pg-totd-store.js';
import { workspaceStoresFor } from '../../src/store/workspace-stores.js';
import { freshDatabase } from '../support/postgres/databases.js';
import { installationStoreContract } from './installation-store-contract.js';

/** The installation-store contract on a real PostgreSQL (the throwaway cluster of test/support/postgres). */
installationStoreContract('PostgreSQL', async () => {
  const url = await freshDatabase();
  const open = async () => {
    const store = await PgTotdStore.open(url, { poolSize: 4 });
    const stores = workspaceStoresFor(store)!;
    return { installations: stores.installations, seen: stores.seenRequests, close: () => store.close() };
  };
  const first = await open();
  return { ...first, reopen: open };
});
