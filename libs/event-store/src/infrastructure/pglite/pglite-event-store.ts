import type { PollingOptions } from '../../subscription/catch-up-subscription';
import { migrateEventStore } from '../sql/migrator';
import { SqlEventStore } from '../sql/sql-event-store';
import type { EmbeddedDatabase } from './embedded-database';

/**
 * The embedded default: the same SQL as PostgreSQL on PGlite. Only one process can open the
 * database, so in-process notification is all the live subscription needs.
 */
export class PgliteEventStore extends SqlEventStore {
  private constructor(
    readonly database: EmbeddedDatabase,
    polling?: PollingOptions,
  ) {
    super(database, polling);
  }

  static async open(database: EmbeddedDatabase, polling?: PollingOptions): Promise<PgliteEventStore> {
    await migrateEventStore(database);
    return new PgliteEventStore(database, polling);
  }
}
