import { DomainError } from '@casetrail/domain';
import type { EventMetadata, TransactionalEventStore } from '@casetrail/event-store';
import { parseEntryRequest, type EntryKind } from './entry-request.schemas';
import { executeCommand, type Execution } from './execute-command';
import { planEntry } from './plan-entry';
import { requirementsOf } from './requirements';

export { AgencyNotRegistered } from './requirements';

export interface Writer {
  /** The agency the caller writes as (from its token, or the operator's choice in the CLI). */
  readonly agency: string;
  readonly metadata: EventMetadata;
}

/**
 * Records one agency entry: validate the request of its kind, check that the writing agency,
 * the agencies it names and the subjects it names exist, then decide and append on the entry's
 * stream. Existence checks read streams that only ever grow, so a check that passed stays true.
 */
export class RecordingService {
  constructor(
    private readonly store: TransactionalEventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(kind: EntryKind, body: unknown, writer: Writer): Promise<Execution<unknown>> {
    const request = parseEntryRequest(kind, body);
    if (request.agency !== undefined && request.agency !== writer.agency) {
      throw new DomainError('AGENCY.MISMATCH.FORBIDDEN', `A writer for ${writer.agency} cannot record as ${request.agency}`, 'agency');
    }
    const plan = planEntry(kind, request, writer.agency, this.clock().toISOString());
    for (const requirement of requirementsOf(plan, writer.agency)) {
      if (!(await this.exists(requirement.streamId))) throw requirement.fail();
    }
    return executeCommand(this.store, plan.streamId, plan.binding, plan.command, { metadata: writer.metadata });
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
