import type { NewEvent } from './event-envelope';
import { InvalidAppend } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks every adapter makes before touching its store, so all reject the same batches. */
export function validateBatch(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.length === 0) throw new InvalidAppend('A stream id must not be empty');
  if (streamId.startsWith('$')) throw new InvalidAppend(`Stream ids starting with "$" are reserved: ${streamId}`);
  if (events.length === 0) throw new InvalidAppend(`An append to ${streamId} must carry at least one event`);
  const seen = new Set<string>();
  for (const [index, event] of events.entries()) {
    if (!UUID.test(event.eventId)) throw new InvalidAppend(`events[${index}].eventId is not a UUID: ${event.eventId}`);
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) throw new InvalidAppend(`events[${index}].eventId ${event.eventId} appears twice in one batch`);
    seen.add(id);
    if (!event.type) throw new InvalidAppend(`events[${index}].type must not be empty`);
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1)
      throw new InvalidAppend(`events[${index}].schemaVersion must be a positive integer`);
    for (const field of ['occurredAt', 'recordedAt'] as const) {
      const value = event[field];
      if (value !== undefined && Number.isNaN(value.getTime())) throw new InvalidAppend(`events[${index}].${field} is not a valid date`);
    }
  }
}
