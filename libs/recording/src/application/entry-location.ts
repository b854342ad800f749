import { sameEntry, streams, upcast, type EntryFacts, type EntryLocated, type EntryRef, type StoredEvent } from '@casetrail/domain';
import type { RecordedEvent, TransactionalEventStore } from '@casetrail/event-store';
import type { EntryPlan } from './plan-entry';

/**
 * The entry locator. An answer or amendment is kept in the stream of the entry it refers to (so
 * "answered once" and "nothing after a retraction" are decided under that stream's revision), yet
 * it is an agency entry with an id of its own. That id's own stream then holds one `EntryLocated`
 * pointer, written atomically with the entry: it reserves the id against reuse, and an amendment
 * naming the entry by that id follows it to where the entry lives. Synchronous by construction:
 * no read model has to catch up before a correction of a just-recorded answer can be decided.
 */

/** The plan with its entry kept in `within`'s stream, and the pointer its own id then needs. */
export function keptWithin(plan: EntryPlan, within: EntryRef): EntryPlan {
  const own = (plan.command.event.data as EntryFacts).entry;
  const streamId = streams.entry(within);
  const ownStream = streams.entry(own);
  const { locator: _previous, ...rest } = plan;
  // An agency answering its own entry under that entry's id needs no pointer: the decider refuses the reuse.
  if (ownStream === streamId) return { ...rest, streamId };
  return {
    ...rest,
    streamId,
    locator: { streamId: ownStream, command: { type: 'LocateEntry', event: { type: 'EntryLocated', schemaVersion: 1, data: { entry: own, within } } } },
  };
}

/**
 * Where an entry is kept when its stream only points there. A pointer stream holds its pointer
 * and nothing else (the entry decider refuses every other write to it), so its first event says.
 */
export function pointerIn(history: readonly StoredEvent[]): EntryRef | undefined {
  const first = history[0];
  return first?.type === 'EntryLocated' ? (upcast(first).data as EntryLocated['data']).within : undefined;
}

/** Follows the pointer, if any, of the entry a plan refers to: one short read for an answer or amendment. */
export async function locateTarget(store: Pick<TransactionalEventStore, 'readStream'>, plan: EntryPlan): Promise<EntryPlan> {
  if (!plan.refersTo) return plan;
  const within = pointerIn(await store.readStream(streams.entry(plan.refersTo), { limit: 1 }));
  return within ? keptWithin(plan, within) : plan;
}

/** An entry as its agency reads it back: the events about it, at their latest shape. */
export interface EntryReadBack {
  /** Set when the entry is kept in another entry's stream. */
  readonly keptWithin?: EntryRef;
  readonly events: readonly RecordedEvent[];
}

/**
 * The events of an entry: its own stream (the entry with its answers and amendments) or, for an
 * entry kept elsewhere, the events of that stream that are the entry or amend it. Empty when no
 * entry has that id.
 */
export async function readEntry(store: Pick<TransactionalEventStore, 'readStream'>, ref: EntryRef): Promise<EntryReadBack> {
  const own = await store.readStream(streams.entry(ref));
  const within = pointerIn(own);
  if (!within) return { events: own.map(latest) };
  const kept = (await store.readStream(streams.entry(within))).map(latest).filter((event) => {
    const data = event.data as { entry?: EntryRef; amends?: EntryRef };
    return (data.entry && sameEntry(data.entry, ref)) || (data.amends && sameEntry(data.amends, ref));
  });
  return { keptWithin: within, events: kept };
}

function latest(event: RecordedEvent): RecordedEvent {
  const { schemaVersion, data } = upcast(event);
  return schemaVersion === event.schemaVersion ? event : { ...event, schemaVersion, data };
}
