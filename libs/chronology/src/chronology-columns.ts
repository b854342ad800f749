/** The columns of the chronology CSV format, version 1 (DOMAIN.md), in the order exports write them. */
export const CHRONOLOGY_COLUMNS = [
  'entry_id',
  'agency',
  'date',
  'time',
  'date_precision',
  'recorded_date',
  'entry_type',
  'subjects',
  'subject_kind',
  'related_subject',
  'relationship',
  'counterpart_agency',
  'categories',
  'severity',
  'contact_type',
  'child_seen',
  'outcome',
  'risk_level',
  'meeting_kind',
  'invited',
  'attended',
  'refers_to',
  'lawful_basis',
  'reason',
  'source',
  'variant_of',
  'summary',
] as const;

export type ChronologyColumn = (typeof CHRONOLOGY_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ChronologyColumn[] = ['entry_id', 'agency', 'date', 'entry_type', 'subjects'];

export const ENTRY_TYPES = [
  'person',
  'relationship',
  'relationship_ended',
  'involvement_opened',
  'involvement_closed',
  'contact',
  'concern',
  'referral',
  'referral_outcome',
  'information_shared',
  'information_request',
  'information_response',
  'risk_assessment',
  'meeting',
  'plan_started',
  'plan_ended',
  'serious_incident',
  'identity_link',
  'identity_unlink',
  'correction',
  'retraction',
] as const;

export type EntryType = (typeof ENTRY_TYPES)[number];

/** Columns every entry type may fill. */
export const COMMON_COLUMNS: readonly ChronologyColumn[] = [
  'entry_id',
  'agency',
  'date',
  'time',
  'date_precision',
  'recorded_date',
  'entry_type',
  'subjects',
  'source',
  'variant_of',
  'summary',
];

/** Fields a correction row may carry as the corrected values, in the ordinary columns. */
export const CORRECTABLE_COLUMNS = [
  'severity',
  'categories',
  'contact_type',
  'child_seen',
  'outcome',
  'risk_level',
  'lawful_basis',
  'meeting_kind',
] as const satisfies readonly ChronologyColumn[];

/**
 * The columns each entry type uses beyond the common ones. A value in any other column is an
 * error rather than silently dropped: in a hand-kept spreadsheet it usually means the row slid
 * one column sideways, and a reviewer would otherwise lose what the agency wrote.
 */
export const TYPE_COLUMNS: Readonly<Record<EntryType, readonly ChronologyColumn[]>> = {
  person: ['subject_kind'],
  relationship: ['related_subject', 'relationship'],
  relationship_ended: ['related_subject', 'relationship'],
  involvement_opened: [],
  involvement_closed: ['reason'],
  contact: ['contact_type', 'child_seen', 'outcome'],
  concern: ['severity', 'categories'],
  referral: ['counterpart_agency', 'categories'],
  referral_outcome: ['outcome', 'refers_to'],
  information_shared: ['counterpart_agency', 'refers_to', 'categories', 'lawful_basis'],
  information_request: ['counterpart_agency', 'categories'],
  information_response: ['counterpart_agency', 'refers_to', 'outcome', 'reason', 'categories'],
  risk_assessment: ['risk_level', 'categories'],
  meeting: ['meeting_kind', 'invited', 'attended'],
  plan_started: ['outcome'],
  plan_ended: ['outcome'],
  serious_incident: ['outcome'],
  identity_link: ['reason'],
  identity_unlink: ['reason'],
  correction: ['refers_to', 'reason', ...CORRECTABLE_COLUMNS],
  retraction: ['refers_to', 'reason'],
};

/** Free text as the agency wrote it: kept untrimmed, and never echoed back in an error. */
export const FREE_TEXT_COLUMNS: readonly ChronologyColumn[] = ['summary', 'reason'];

const LIST_COLUMNS: readonly ChronologyColumn[] = ['subjects', 'categories', 'invited', 'attended', 'refers_to'];

/**
 * Length limits, in characters. Generous for what practitioners write, but small enough that a
 * field swollen by a missing quote or a pasted document is caught on its own line.
 */
export function maxLengthOf(column: ChronologyColumn): number {
  if (FREE_TEXT_COLUMNS.includes(column)) return 10_000;
  if (LIST_COLUMNS.includes(column)) return 2_000;
  return 200;
}

/** Stops csv-parse buffering an unclosed quote through the rest of the file. */
export const MAX_RECORD_CHARS = 100_000;
