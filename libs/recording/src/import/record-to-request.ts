import type { EntryKind } from '../application/entry-request.schemas';
import type { ChronologyColumn, ChronologyRecord } from './chronology-csv';
import { ChronologyFormatError } from './chronology-format-error';

/** The chronology's `entry_type` values and the kinds of entry they are. */
const KIND_OF_TYPE: Readonly<Record<string, EntryKind>> = {
  person: 'person',
  relationship: 'relationship',
  relationship_ended: 'relationship-ended',
  involvement_opened: 'involvement-opened',
  involvement_closed: 'involvement-closed',
  contact: 'contact',
  concern: 'concern',
  referral: 'referral',
  referral_outcome: 'referral-outcome',
  information_shared: 'information-shared',
  information_request: 'information-request',
  information_response: 'information-response',
  risk_assessment: 'risk-assessment',
  meeting: 'meeting',
  plan_started: 'plan-started',
  plan_ended: 'plan-ended',
  serious_incident: 'serious-incident',
  identity_link: 'identity-link',
  identity_unlink: 'identity-unlink',
  correction: 'correction',
  retraction: 'retraction',
};

export interface ImportRequest {
  readonly kind: EntryKind;
  readonly agency: string;
  readonly body: Record<string, unknown>;
}

const list = (value: string | undefined) => (value ? value.split(';').map((v) => v.trim()).filter(Boolean) : undefined);

/** `2024` -> `2024-01-01`, `2024-05` -> `2024-05-01`: the start of a coarse date. */
function expandDate(date: string): string {
  return [...date.split('-'), '01', '01'].slice(0, 3).join('-');
}

/** Which column a field of the entry request came from, to point at it in an error. */
export function columnOf(field: string): ChronologyColumn | undefined {
  const top = field.split('.')[0];
  const map: Record<string, ChronologyColumn> = {
    entryId: 'entry_id',
    agency: 'agency',
    subjects: 'subjects',
    occurred: field.endsWith('time') ? 'time' : field.endsWith('precision') ? 'date_precision' : 'date',
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
    lawfulBasis: 'lawful_basis',
    reason: 'reason',
    changes: 'refers_to',
  };
  return map[top];
}

/**
 * One chronology row as the request the API would take for it, so imports and HTTP share every
 * rule. The format keeps some facts in shared columns: `outcome` also carries a response
 * (disclosed/declined), a serious incident's kind (death/serious_harm) and a plan's kind; a
 * correction row carries the corrected values in the ordinary columns.
 */
export function recordToRequest(record: ChronologyRecord, file: string): ImportRequest {
  const v = record.values;
  const type = v.entry_type!;
  const kind = KIND_OF_TYPE[type];
  if (!kind) throw new ChronologyFormatError(file, record.line, 'entry_type', `"${type}" is not an entry type (${Object.keys(KIND_OF_TYPE).join(', ')})`);
  const refs = list(v.refers_to);
  const occurredPrecision = v.date_precision;
  const body: Record<string, unknown> = {
    entryId: v.entry_id,
    subjects: list(v.subjects),
    occurred: { date: v.date, ...(v.time && { time: v.time }), ...(occurredPrecision && { precision: occurredPrecision }) },
    ...(v.source && { source: v.source }),
    ...(v.summary && { summary: v.summary }),
    ...(v.variant_of && { variantOf: v.variant_of }),
  };
  // The format says recorded_date defaults to the date itself: historical rows keep their dates.
  const recorded = v.recorded_date ?? (v.date && /^\d{4}(-\d{2}){0,2}$/.test(v.date) ? expandDate(v.date) : undefined);
  if (recorded) body.recordedAt = /^\d{4}-\d{2}-\d{2}$/.test(recorded) ? `${recorded}T${v.recorded_date ? '00:00' : (v.time ?? '00:00')}:00.000Z` : recorded;

  const seen = (value: string | undefined) => (value === undefined ? undefined : value === 'yes' ? true : value === 'no' ? false : value);
  const set = (field: string, value: unknown) => {
    if (value !== undefined) body[field] = value;
  };
  switch (kind) {
    case 'person':
      set('kind', v.subject_kind);
      break;
    case 'relationship':
    case 'relationship-ended':
      set('related', v.related_subject);
      set('relation', v.relationship);
      break;
    case 'contact':
      set('contactType', v.contact_type);
      set('childSeen', seen(v.child_seen));
      set('outcome', v.outcome);
      break;
    case 'concern':
      set('categories', list(v.categories));
      set('severity', v.severity);
      break;
    case 'referral':
      set('to', v.counterpart_agency);
      set('categories', list(v.categories));
      break;
    case 'referral-outcome':
      set('refersTo', refs?.[0]);
      set('outcome', v.outcome);
      break;
    case 'information-shared':
      set('to', v.counterpart_agency);
      set('about', refs);
      set('categories', list(v.categories));
      set('lawfulBasis', v.lawful_basis);
      break;
    case 'information-request':
      set('to', v.counterpart_agency);
      set('categories', list(v.categories));
      break;
    case 'information-response':
      set('refersTo', refs?.[0]);
      set('response', v.outcome);
      set('reason', v.reason);
      break;
    case 'risk-assessment':
      set('riskLevel', v.risk_level);
      set('categoriesConsidered', list(v.categories));
      break;
    case 'meeting':
      set('kind', v.meeting_kind);
      set('invited', list(v.invited) ?? []);
      set('attended', list(v.attended) ?? []);
      break;
    case 'plan-started':
    case 'plan-ended':
      set('plan', v.outcome);
      break;
    case 'serious-incident':
      set('kind', v.outcome);
      break;
    case 'involvement-closed':
    case 'identity-unlink':
      set('reason', v.reason);
      break;
    case 'correction': {
      set('refersTo', refs?.[0]);
      set('reason', v.reason);
      const changes: Record<string, unknown> = {};
      if (v.severity) changes.severity = v.severity;
      if (v.categories) changes.categories = list(v.categories);
      if (v.contact_type) changes.contactType = v.contact_type;
      if (v.child_seen) changes.childSeen = seen(v.child_seen);
      if (v.outcome) changes.outcome = v.outcome;
      if (v.risk_level) changes.riskLevel = v.risk_level;
      set('changes', changes);
      break;
    }
    case 'retraction':
      set('refersTo', refs?.[0]);
      set('reason', v.reason);
      break;
    default:
      break;
  }
  return { kind, agency: v.agency!, body };
}
