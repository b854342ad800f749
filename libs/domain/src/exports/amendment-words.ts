import { formatEntryRef, type DatePrecision, type EntryRef } from '../events/common';
import { dateWords } from '../detection/wording';
import { dayOf, isInHouseholdOn } from '../timeline/case-facts';
import type { ChildTimeline, TimelineAmendment, TimelineEntry } from '../timeline/timeline';
import { DATE_PRECISIONS } from '../vocabulary/entry-values';
import { idWords, occurredWords } from './words';

/** "Corrected on 2024-05-05: severity high → medium (reason: mis-keyed)", one per correction. */
export function correctionWords(entry: TimelineEntry): string[] {
  return entry.history.filter((a) => a.kind === 'corrected').map(correctionNote);
}

function correctionNote(amendment: TimelineAmendment): string {
  const changes = Object.entries(amendment.changes ?? {})
    .map(([field, { from, to }]) => `${fieldWords(field)} ${valueWords(from)} → ${valueWords(to)}`)
    .join('; ');
  return `Corrected on ${dateWords(amendment.recordedAt)}: ${changes || 'no field recorded'} (reason: ${amendment.reason})`;
}

/** `childSeen` -> `child seen`. */
function fieldWords(field: string): string {
  return field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Corrected values are whatever the field held: enumerated ids, lists, flags, dates or free text. */
function valueWords(value: unknown): string {
  if (value === null || value === undefined) return 'not recorded';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return /^[a-z0-9_]+$/.test(value) ? idWords(value) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length > 0 ? value.map(valueWords).join(', ') : 'none';
  if (isOccurred(value)) return occurredWords(value);
  if (isEntryRef(value)) return formatEntryRef(value);
  return JSON.stringify(value);
}

function isOccurred(value: object): value is { at: string; precision: DatePrecision } {
  return (
    'at' in value &&
    'precision' in value &&
    typeof value.at === 'string' &&
    (DATE_PRECISIONS as readonly unknown[]).includes(value.precision)
  );
}

function isEntryRef(value: object): value is EntryRef {
  return 'agency' in value && 'entryId' in value && typeof value.agency === 'string' && typeof value.entryId === 'string';
}

/** "About household adult subj-adult-1 (partner of parent)" for an entry about an adult, not the child. */
export function householdWords(timeline: ChildTimeline, entry: TimelineEntry): string | undefined {
  const adult = entry.householdAdult;
  if (adult === undefined) return undefined;
  const memberships = timeline.household.filter((m) => m.adult === adult);
  const then = memberships.find((m) => isInHouseholdOn(m, dayOf(entry))) ?? memberships[0];
  return `About household adult ${adult}${then ? ` (${idWords(then.relation)})` : ''}`;
}
