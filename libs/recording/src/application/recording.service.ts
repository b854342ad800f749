import { DomainError, fold } from '@casetrail/domain';
import {
  DuplicateEventConflict,
  StreamVersionConflict,
  type EventMetadata,
  type TransactionalEventStore,
  type TransactionalStore,
} from '@casetrail/event-store';
import { bindings } from './bindings';
import { locateTarget } from './entry-location';
import { parseEntryRequest, type EntryKind } from './entry-request.schemas';
import { executeCommand, toDomainEvent, type Execution, type ExecutionContext } from './execute-command';
import { planEntry, type EntryPlan } from './plan-entry';
import { requirementsOf } from './requirements';

export { AgencyNotRegistered } from './requirements';

export interface Writer {
  /** The agency the caller writes as (from its token, or the operator's choice in the CLI). */
  readonly agency: string;
  readonly metadata: EventMetadata;
}

/** Any store the service writes through; SQL stores also offer transactions. */
type RecordingStore = TransactionalEventStore & Partial<TransactionalStore>;

/** Whole transactions tried again when another writer moved one of their streams. */
const ATTEMPTS = 3;

/**
 * Records one agency entry: validate the request of its kind, check that the writing agency,
 * the agencies it names and the subjects it names exist, then decide and append on the entry's
 * stream. Existence checks read streams that only ever grow, so a check that passed stays true.
 */
export class RecordingService {
  constructor(
    private readonly store: RecordingStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly inTransaction = false,
  ) {}

  /** For a caller that holds a transaction already (a batch): every write joins it, all or nothing. */
  static within(tx: TransactionalEventStore, clock?: () => Date): RecordingService {
    return new RecordingService(tx, clock, true);
  }

  async record(kind: EntryKind, body: unknown, writer: Writer): Promise<Execution<unknown>> {
    const request = parseEntryRequest(kind, body);
    if (request.agency !== undefined && request.agency !== writer.agency) {
      throw new DomainError('AGENCY.MISMATCH.FORBIDDEN', `A writer for ${writer.agency} cannot record as ${request.agency}`, 'agency');
    }
    const plan = await locateTarget(this.store, planEntry(kind, request, writer.agency, this.clock().toISOString()));
    for (const requirement of requirementsOf(plan, writer.agency)) {
      if (!(await this.exists(requirement.streamId))) throw requirement.fail();
    }
    const context: ExecutionContext = { metadata: writer.metadata, inTransaction: this.inTransaction };
    if (!plan.locator) return executeCommand(this.store, plan.streamId, plan.binding, plan.command, context);
    return this.recordWithLocator(plan, context);
  }

  /**
   * An entry kept in another entry's stream is written with the pointer from its own id, both or
   * neither: inside the caller's transaction, or in one of its own, tried again whole when another
   * writer moved either stream. A store without transactions (EventStoreDB) gets the pointer first,
   * once the entry is known to be acceptable: a failure between the two appends then leaves the id
   * reserved for the entry a retry completes, never an entry whose id is free for another.
   */
  private async recordWithLocator(plan: EntryPlan, context: ExecutionContext): Promise<Execution<unknown>> {
    if (this.inTransaction) return writeWithLocator(this.store, plan, context);
    const store = this.store;
    if (typeof store.transaction === 'function') {
      for (let attempt = 1; ; attempt++) {
        try {
          return await store.transaction((tx) => writeWithLocator(tx, plan, { ...context, inTransaction: true }));
        } catch (error) {
          const raced = error instanceof StreamVersionConflict || error instanceof DuplicateEventConflict;
          if (!raced || attempt >= ATTEMPTS) throw error;
        }
      }
    }
    const history = await store.readStream(plan.streamId);
    plan.binding.decider.decide(plan.command, fold(plan.binding.decider, history.map((e) => toDomainEvent(e))));
    return writeWithLocator(store, plan, context);
  }

  /** Streams that exist never stop existing, so a positive answer is remembered. */
  private readonly known = new Set<string>();

  private async exists(streamId: string): Promise<boolean> {
    if (this.known.has(streamId)) return true;
    const found = (await this.store.readStream(streamId, { limit: 1 })).length > 0;
    if (found) this.known.add(streamId);
    return found;
  }
}

/** The pointer, then the entry; the entry's execution is the answer (the pointer is bookkeeping). */
async function writeWithLocator(store: TransactionalEventStore, plan: EntryPlan, context: ExecutionContext): Promise<Execution<unknown>> {
  const locator = plan.locator!;
  await executeCommand(store, locator.streamId, bindings.entry, locator.command, context);
  return executeCommand(store, plan.streamId, plan.binding, plan.command, context);
}
