import { performance } from 'node:perf_hooks';
import { DomainError, fold } from '@casetrail/domain';
import type { BulkTransaction, EventMetadata, NewEvent, StreamAppend } from '@casetrail/event-store';
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- states of every stream type share one map
  state: any;
  readonly expected: bigint | 'no_stream';
  readonly pending: NewEvent[];
}

/**
 * Records a chunk of entries with the same rules as `RecordingService`, but set-based: one read
 * for the existence of what the chunk names, one read of the streams it writes to, the deciders
 * run in memory in row order (so later rows see earlier rows' events), and one multi-stream
 * append. A chunk of thousands of rows costs three round trips instead of thousands.
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
    const T=(globalThis as any).T ??= {plan:0,wait:0,exist:0,read:0,decide:0,append:0}; let t=performance.now(); const lap=(k:string)=>{const n=performance.now(); T[k]+=n-t; t=n;};
    const now = this.clock().toISOString();
    const planned = items.map((item) => {
      const plan = this.plan(item, now);
      return { item, plan, requirements: requirementsOf(plan, item.request.agency) };
    });
    lap('plan'); await this.failed(); lap('wait');

    const unknown = new Set<string>();
    for (const { requirements } of planned) {
      for (const r of requirements) if (!this.known.has(r.streamId)) unknown.add(r.streamId);
    }
    for (const id of await this.tx.existingStreams([...unknown])) this.known.add(id);

    lap('exist');
    const targets = [...new Set(planned.map(({ plan }) => plan.streamId))];
    const histories = await this.tx.readStreams(targets);
    lap('read');
    const work = new Map<string, StreamWork>();
    for (const { plan } of planned) {
      if (work.has(plan.streamId)) continue;
      const history = histories.get(plan.streamId) ?? [];
      work.set(plan.streamId, {
        state: fold(plan.binding.decider, history.map((e) => toDomainEvent<DomainEvent>(e))),
        expected: history.length === 0 ? 'no_stream' : history[history.length - 1].revision,
        pending: [],
      });
    }

    let appended = 0;
    let alreadyPresent = 0;
    for (const { item, plan, requirements } of planned) {
      for (const r of requirements) {
        if (!this.known.has(r.streamId)) throw new BulkItemRefused(item.tag, r.fail());
      }
      const stream = work.get(plan.streamId) as StreamWork;
      let events: readonly DomainEvent[];
      try {
        events = plan.binding.decider.decide(plan.command, stream.state);
      } catch (error) {
        throw new BulkItemRefused(item.tag, error);
      }
      if (events.length === 0) {
        alreadyPresent += 1;
        continue;
      }
      for (const event of events) {
        stream.state = plan.binding.decider.evolve(stream.state, event);
        stream.pending.push(toNewEvent(plan.streamId, event, plan.binding.keyOf(event), this.metadata));
      }
      this.known.add(plan.streamId);
      appended += 1;
    }

    lap('decide');
    const appends: StreamAppend[] = [];
    for (const [streamId, stream] of work) {
      if (stream.pending.length > 0) appends.push({ streamId, expected: stream.expected, events: stream.pending });
    }
    // Not awaited: the connection runs statements in order, so the next chunk's reads queue behind
    // this append and see it, while this process parses and decides the next chunk meanwhile.
    this.inFlight = this.inFlight.then(async () => { const a=performance.now(); await this.tx.appendMany(appends); T.append += performance.now()-a; (T.list ??= []).push(Math.round(performance.now()-a)); });
    this.inFlight.catch(() => undefined); // surfaced by the next record() or by flush()
    return { appended, alreadyPresent };
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
