import type { StoreConfig } from '@casetrail/config';

/** Where the data lives, for start-up lines and CLI output: never the credentials. */
export function describeStore(store: StoreConfig): string {
  switch (store.kind) {
    case 'embedded':
      return `embedded PGlite in ${store.pgliteDir}`;
    case 'postgres':
      return `PostgreSQL ${safeUrl(store.databaseUrl)} (schema ${store.schema ?? 'public'})`;
    case 'eventstoredb':
      return `EventStoreDB ${safeUrl(store.connectionString)}, read models in PostgreSQL ${safeUrl(store.readModels.databaseUrl)} (schema ${store.readModels.schema ?? 'public'})`;
    default: {
      const unreachable: never = store;
      return String(unreachable);
    }
  }
}

function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '(unparsable address)';
  }
}
