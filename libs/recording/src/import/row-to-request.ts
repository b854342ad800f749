import type { ChronologyEntryRef, ChronologyRow } from '@casetrail/chronology';
import type { EntryKind } from '../application/entry-request.schemas';

export interface ImportRequest {
  readonly kind: EntryKind;
  readonly agency: string;
  readonly body: Record<string, unknown>;
}

const ref = (r: ChronologyEntryRef) => `${r.agency}:${r.entryId}`;

/** `2024` -> `2024-01-01`, `2024-05` -> `2024-05-01`: where a coarse date begins. */
function startOf(date: string): string {
  return [...date.split('-'), '01', '01'].slice(0, 3).join('-');
}

/**
 * A parsed chronology row as the request the API takes for its kind of entry, so an import and
 * an HTTP write are judged by exactly the same rules. The format says a missing recorded_date is
 * the date itself: historical rows keep their own dates, never the time of the import.
 */
export function rowToRequest(row: ChronologyRow): ImportRequest {
  const recordedAt = row.recordedDate
    ? `${row.recordedDate}T00:00:00.000Z`
    : `${startOf(row.occurred.date)}T${row.occurred.time ?? '00:00'}:00.000Z`;
  const body: Record<string, unknown> = {
    entryId: row.entryId,
    subjects: row.subjects,
    occurred: { date: row.occurred.date, precision: row.occurred.precision, ...(row.occurred.time && { time: row.occurred.time }) },
    recordedAt,
    ...(row.source && { source: row.source }),
    ...(row.summary && { summary: row.summary }),
    ...(row.variantOf && { variantOf: ref(row.variantOf) }),
  };
  const request = (kind: EntryKind, fields: Record<string, unknown>): ImportRequest => ({
    kind,
    agency: row.agency,
    body: { ...body, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) },
  });

  switch (row.entryType) {
    case 'person':
      return request('person', { kind: row.subjectKind });
    case 'relationship':
    case 'relationship_ended':
      return request(row.entryType === 'relationship' ? 'relationship' : 'relationship-ended', { related: row.relatedSubject, relation: row.relationship });
    case 'involvement_opened':
      return request('involvement-opened', {});
    case 'involvement_closed':
      return request('involvement-closed', { reason: row.reason });
    case 'contact':
      return request('contact', { contactType: row.contactType, childSeen: row.childSeen, outcome: row.outcome });
    case 'concern':
      return request('concern', { categories: row.categories, severity: row.severity });
    case 'referral':
      return request('referral', { to: row.counterpartAgency, categories: row.categories });
    case 'referral_outcome':
      return request('referral-outcome', { refersTo: ref(row.refersTo), outcome: row.outcome });
    case 'information_shared':
      return request('information-shared', { to: row.counterpartAgency, about: row.refersTo.map(ref), categories: row.categories, lawfulBasis: row.lawfulBasis });
    case 'information_request':
      return request('information-request', { to: row.counterpartAgency, categories: row.categories });
    case 'information_response':
      return request('information-response', { refersTo: ref(row.refersTo), response: row.outcome, reason: row.reason });
    case 'risk_assessment':
      return request('risk-assessment', { riskLevel: row.riskLevel, categoriesConsidered: row.categories });
    case 'meeting':
      return request('meeting', { kind: row.meetingKind, invited: row.invited, attended: row.attended });
    case 'plan_started':
    case 'plan_ended':
      return request(row.entryType === 'plan_started' ? 'plan-started' : 'plan-ended', { plan: row.plan });
    case 'serious_incident':
      return request('serious-incident', { kind: row.outcome });
    case 'identity_link':
      return request('identity-link', {});
    case 'identity_unlink':
      return request('identity-unlink', { reason: row.reason });
    case 'correction':
      return request('correction', { refersTo: ref(row.refersTo), changes: row.changes, reason: row.reason });
    case 'retraction':
      return request('retraction', { refersTo: ref(row.refersTo), reason: row.reason });
    default: {
      const unhandled: never = row;
      throw new Error(`Unhandled chronology row ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Which column holds a field of the entry request, to point at it when the rules refuse a row. */
export function columnOf(field: string): string | undefined {
  const top = field.split('.')[0];
  const map: Record<string, string> = {
    entryId: 'entry_id',
    agency: 'agency',
    subjects: 'subjects',
    occurred: 'date',
    recordedAt: 'recorded_date',
    source: 'source',
    summary: 'summary',
    variantOf: 'variant_of',
    kind: 'subject_kind',
    related: 'related_subject',
    relation: 'relationship',
    to: 'counterpart_agency',
    categories: 'categories',
    categoriesConsidered: 'categories',
    severity: 'severity',
    contactType: 'contact_type',
    childSeen: 'child_seen',
    outcome: 'outcome',
    response: 'outcome',
    plan: 'outcome',
    riskLevel: 'risk_level',
    invited: 'invited',
    attended: 'attended',
    refersTo: 'refers_to',
    about: 'refers_to',
    changes: 'refers_to',
    lawfulBasis: 'lawful_basis',
    reason: 'reason',
  };
  return map[top];
}
