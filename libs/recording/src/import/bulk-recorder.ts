import { DomainError, fold, streams, type EntryState } from '@casetrail/domain';
import type { BulkTransaction, EventMetadata, NewEvent, StreamAppend } from '@casetrail/event-store';
import { bindings } from '../application/bindings';
import { keptWithin, pointerIn } from '../application/entry-location';
import { parseEntryRequest } from '../application/entry-request.schemas';
import { toDomainEvent, toNewEvent, type DomainEvent } from '../application/execute-command';
import { planEntry, type EntryPlan } from '../application/plan-entry';
import { requirementsOf } from '../application/requirements';
import type { ImportRequest } from './row-to-request';

/** One entry of a chunk, with what to call it when it is refused. */
export interface BulkItem<Tag> {
  readonly request: ImportRequest;
  readonly tag: Tag;
}

export interface ChunkOutcome {
  readonly appended: number;
  readonly alreadyPresent: number;
}

/** A refused item: the error the entry rules raised, and which item it was. */
export class BulkItemRefused<Tag> extends Error {
  constructor(
    readonly tag: Tag,
    readonly refusal: unknown,
  ) {
    super(refusal instanceof Error ? refusal.message : String(refusal));
  }
}

interface StreamWork {
  readonly streamId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- states of every stream type share one map
  state: any;
  readonly expected: bigint | 'no_stream';
  readonly pending: NewEvent[];
}

/** A stream the chunk read; asking for one it did not read would decide on a false empty state. */
function streamOf(work: ReadonlyMap<string, StreamWork>, streamId: string): StreamWork {
  const stream = work.get(streamId);
  if (!stream) throw new Error(`Stream ${streamId} was not read for this chunk`);
  return stream;
}

/** The plan sent to where its target is kept, when the target's stream points there (stored or pending). */
function follow(plan: EntryPlan, work: ReadonlyMap<string, StreamWork>): EntryPlan {
  if (!plan.refersTo) return plan;
  const within = (streamOf(work, plan.streamId).state as EntryState).locatedIn;
  return within ? keptWithin(plan, within) : plan;
}

/**
 * Records a chunk of entries with the same rules as `RecordingService`, but set-based: one read
 * for the existence of what the chunk names, one read of the streams it writes to, the deciders
 * run in memory in row order (so later rows see earlier rows' events), and one multi-stream
 * append. A chunk of thousands of rows costs three round trips instead of thousands.
 *
 * Answers and amendments carry their entry-locator pointers (see entry-location.ts) into the same
 * append. A row amending an answer by the answer's own id follows the pointer, whether an earlier
 * row of this chunk wrote it (it is in the pending state) or the store holds it (one more read,
 * only for chunks that have such rows).
 *
 * It runs inside the caller's transaction: a refused item throws and the caller rolls back.
 */
export class BulkRecorder {
  /** Streams known to exist; they never stop existing, so this only grows within a transaction. */
  private readonly known = new Set<string>();

  constructor(
    private readonly tx: BulkTransaction,
    private readonly metadata: EventMetadata,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record<Tag>(items: readonly BulkItem<Tag>[]): Promise<ChunkOutcome> {
    const now = this.clock().toISOString();
    const planned = items.map((item) => {
      const plan = this.plan(item, now);
      return { item, plan, requirements: requirementsOf(plan, item.request.agency) };
    });
    await this.failed();

    const unknown = new Set<string>();
    for (const { requirements } of planned) {
      for (const r of requirements) if (!this.known.has(r.streamId)) unknown.add(r.streamId);
    }
    for (const id of await this.tx.existingStreams([...unknown])) this.known.add(id);

    const work = await this.readWork(planned.map(({ plan }) => plan));

    let appended = 0;
    let alreadyPresent = 0;
    for (const { item, plan: named, requirements } of planned) {
      for (const r of requirements) {
        if (!this.known.has(r.streamId)) throw new BulkItemRefused(item.tag, r.fail());
      }
      const plan = follow(named, work);
      const stream = streamOf(work, plan.streamId);
      const pointer = plan.locator && streamOf(work, plan.locator.streamId);
      let events: readonly DomainEvent[];
      let located: readonly DomainEvent[] = [];
      try {
        events = plan.binding.decider.decide(plan.command, stream.state);
        if (plan.locator && pointer) located = bindings.entry.decider.decide(plan.locator.command, pointer.state);
      } catch (error) {
        throw new BulkItemRefused(item.tag, error);
      }
      if (pointer) this.apply(pointer, bindings.entry, located);
      this.apply(stream, plan.binding, events);
      // A pointer added to an entry recorded before pointers existed is bookkeeping, not a new entry.
      if (events.length === 0) alreadyPresent += 1;
      else appended += 1;
    }

    const appends: StreamAppend[] = [];
    for (const [streamId, stream] of work) {
      if (stream.pending.length > 0) appends.push({ streamId, expected: stream.expected, events: stream.pending });
    }
    // Not awaited: the connection runs statements in order, so the next chunk's reads queue behind
    // this append and see it, while this process parses and decides the next chunk meanwhile.
    this.inFlight = this.inFlight.then(() => this.tx.appendMany(appends));
    this.inFlight.catch(() => undefined); // surfaced by the next record() or by flush()
    return { appended, alreadyPresent };
  }

  /**
   * The folded streams the chunk decides on: every plan's stream and pointer stream, and the
   * streams that stored pointers lead amendments to.
   */
  private async readWork(plans: readonly EntryPlan[]): Promise<Map<string, StreamWork>> {
    const bindingOf = new Map<string, EntryPlan['binding']>();
    for (const plan of plans) {
      if (!bindingOf.has(plan.streamId)) bindingOf.set(plan.streamId, plan.binding);
      if (plan.locator) bindingOf.set(plan.locator.streamId, bindings.entry);
    }
    const histories = await this.tx.readStreams([...bindingOf.keys()]);
    const hosts = new Set<string>();
    for (const plan of plans) {
      const within = plan.refersTo && pointerIn(histories.get(plan.streamId) ?? []);
      if (within && !bindingOf.has(streams.entry(within))) hosts.add(streams.entry(within));
    }
    if (hosts.size > 0) {
      for (const [streamId, history] of await this.tx.readStreams([...hosts])) histories.set(streamId, history);
      for (const host of hosts) bindingOf.set(host, bindings.entry);
    }
    const work = new Map<string, StreamWork>();
    for (const [streamId, binding] of bindingOf) {
      const history = histories.get(streamId) ?? [];
      work.set(streamId, {
        streamId,
        state: fold(binding.decider, history.map((e) => toDomainEvent<DomainEvent>(e))),
        expected: history.length === 0 ? 'no_stream' : history[history.length - 1].revision,
        pending: [],
      });
    }
    return work;
  }

  private apply(stream: StreamWork, binding: EntryPlan['binding'], events: readonly DomainEvent[]): void {
    for (const event of events) {
      stream.state = binding.decider.evolve(stream.state, event);
      stream.pending.push(toNewEvent(stream.streamId, event, binding.keyOf(event), this.metadata));
    }
    if (events.length > 0) this.known.add(stream.streamId);
  }

  /** Waits for the last chunk's append; its failure (a conflict) surfaces here. */
  async flush(): Promise<void> {
    await this.inFlight;
  }

  private inFlight: Promise<unknown> = Promise.resolve();

  /** A failed earlier append fails the next chunk before it reads anything. */
  private async failed(): Promise<void> {
    let failure: unknown;
    await this.inFlight.catch((error: unknown) => (failure = error));
    if (failure !== undefined) throw failure;
  }

  private plan<Tag>(item: BulkItem<Tag>, now: string): EntryPlan {
    try {
      const { kind, body, agency } = item.request;
      const request = parseEntryRequest(kind, body);
      if (request.agency !== undefined && request.agency !== agency) {
        throw new DomainError('AGENCY.MISMATCH.FORBIDDEN', `A writer for ${agency} cannot record as ${request.agency}`, 'agency');
      }
      return planEntry(kind, request, agency, now);
    } catch (error) {
      throw new BulkItemRefused(item.tag, error);
    }
  }
}
