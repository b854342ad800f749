import { createHash } from 'node:crypto';

/** Fixed namespace of Casetrail's name-based event ids; changing it would break every retry. */
const NAMESPACE = 'b0f1c7a2-6d0e-4e59-9c3f-2a7d3c1e5f10';
const NAMESPACE_BYTES = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');

/**
 * The event id of a fact is derived from what identifies it (for an entry: its stream, type,
 * agency and the agency's own entry id), so a retried request or a re-imported file produces the
 * same id and the store recognises the retry.
 *
 * A UUID version 5 (RFC 9562 §5.5) computed with node's SHA-1 directly: the `uuid` package's v5
 * encodes the name byte by byte in JavaScript, which was a measurable share of a million-row
 * import. `event-ids.spec.ts` checks every id against `uuid`'s own v5.
 */
export function eventIdFor(streamId: string, type: string, key: string): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(`${streamId}/${type}/${key}`, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const EVENT_ID_NAMESPACE = NAMESPACE;
