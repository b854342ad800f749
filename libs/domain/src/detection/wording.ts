import { assertNever } from '../events/common';
import { dayOf, type EntryOf } from '../timeline/case-facts';
import { dayNumber, isoDate } from '../timeline/days';
import type { InformationReach, KnowledgeVia } from '../timeline/knowledge';
import type { TimelineEntry } from '../timeline/timeline';
import type { EvidenceRole } from './flag';

/**
 * Explanations are built only from ids, enumerated values and dates: an entry's summary is free
 * text about a family and never leaves the timeline through a flag.
 */

export function categoryWords(categories: readonly string[]): string {
  return categories.map((c) => c.replace(/_/g, ' ')).join(', ');
}

export function concernWords(concern: EntryOf<'ConcernRecorded'>): string {
  const { severity, categories } = concern.event.data;
  const about = concern.householdAdult === undefined ? '' : ` about an adult in the child's household (${concern.householdAdult})`;
  const what = categories.length > 0 ? ` (${categoryWords(categories)})` : '';
  return `a ${severity}-severity concern${what}${about}`;
}

/** `YYYY-MM-DD` of an ISO instant. */
export function dateWords(iso: string): string {
  return isoDate(dayNumber(iso));
}

/** `YYYY-MM-DD` the entry occurred. */
export function entryDate(entry: TimelineEntry): string {
  return isoDate(dayOf(entry));
}

export function reachWords(reach: InformationReach): string {
  return `${viaWords(reach.via)} on ${dateWords(reach.at)}`;
}

function viaWords(via: KnowledgeVia): string {
  switch (via) {
    case 'shared':
      return 'by a sharing';
    case 'referred':
      return 'by a referral';
    case 'meeting':
      return 'at a meeting both attended';
    case 'recorded':
      return 'by its own record of the same event';
    default:
      return assertNever(via);
  }
}

export function reachRole(via: KnowledgeVia): EvidenceRole {
  switch (via) {
    case 'shared':
      return 'sharing';
    case 'referred':
      return 'referral';
    case 'meeting':
      return 'meeting';
    case 'recorded':
      return 'variant';
    default:
      return assertNever(via);
  }
}
