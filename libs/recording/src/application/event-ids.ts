import { v5 as uuidv5 } from 'uuid';

/** Fixed namespace of Casetrail's name-based event ids; changing it would break every retry. */
const NAMESPACE = 'b0f1c7a2-6d0e-4e59-9c3f-2a7d3c1e5f10';

/**
 * The event id of a fact is derived from what identifies it (for an entry: its stream, type,
 * agency and the agency's own entry id), so a retried request or a re-imported file produces the
 * same id and the store recognises the retry.
 */
export function eventIdFor(streamId: string, type: string, key: string): string {
  return uuidv5(`${streamId}/${type}/${key}`, NAMESPACE);
}
