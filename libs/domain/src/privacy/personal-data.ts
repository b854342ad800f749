/**
 * Which parts of each event are personal data, and whose erasure destroys them: pure data that
 * the encrypting store (libs/event-store) and the read models' redaction both follow.
 *
 * Why only these fields: the platform is pseudonymous by design. Subject ids, agency ids, dates,
 * categories, outcomes and entry references are what timelines, knowledge views and detection
 * are computed from; they stay readable so that the chronology (and every flag) survives an
 * erasure. What identifies or describes a person in words is encrypted: free text (`summary`,
 * free-text `reason`s, the text inside a correction) and agency identifiers (NHS number, UPN,
 * police id: `LocalIdentifierRecorded.value`). The event model has no name or date-of-birth
 * field; a name given to the platform travels in a summary and is protected with it.
 *
 * Whose key: every subject the event names (`subjects`, `child`, `subject`, `related`,
 * `subjectId`, both ids of a link pair) protects every personal field of that event, and the
 * field can be read only while ALL their keys exist. An entry about a child and a household adult
 * describes both, and its text cannot be split between them, so erasing either person makes the
 * text unreadable. Erasing an adult therefore also erases the free text of the child's entries
 * that named that adult; the entries themselves (type, dates, agencies, categories) remain.
 * `LocalIdentifierRecorded` names only its own subject, so an identifier follows that person alone.
 *
 * Not covered, on purpose: review texts (`FindingRecorded.text`, `ReviewConcluded.summary`) are
 * the reviewers' professional findings about agencies' practice and name no subject; reviewer and
 * practitioner references are staff, not subjects. The privacy stream's own events carry only ids
 * and the administrator's reason, which must not quote a person's details.
 */

/** What a reader sees in place of a personal field whose subject was erased. */
export const ERASED = '[erased]';

export function isErased(value: unknown): boolean {
  return value === ERASED;
}

/** A personal field: its path inside the event's data, and vocabulary values that stay readable. */
export interface PersonalField {
  readonly path: readonly string[];
  /**
   * Values that are ids from the vocabulary, not a person's words (a decline `reason` of
   * `data_protection` drives the `request-declined` rule): they are stored as they are.
   */
  readonly keep?: readonly string[];
}

const REASON_IDS = ['data_protection', 'consent_refused', 'not_necessary', 'not_proportionate', 'risk_to_child'] as const;

const summary: PersonalField = { path: ['summary'] };
const reason: PersonalField = { path: ['reason'], keep: REASON_IDS };
/** Every agency entry carries `EntryFacts`, whose only free text is `summary`. */
const entry: readonly PersonalField[] = [summary];

/**
 * Every event type the platform writes, with its personal fields ([] when it has none). The
 * domain spec checks that every type of `SCHEMA_VERSIONS` is listed, so a new event type cannot
 * be added without deciding what in it is personal.
 */
export const PERSONAL_FIELDS: Readonly<Record<string, readonly PersonalField[]>> = {
  AgencyRegistered: [],
  PersonRegistered: entry,
  LocalIdentifierRecorded: [{ path: ['value'] }],
  SubjectsLinked: entry,
  SubjectsUnlinked: [summary, reason],
  InvolvementOpened: entry,
  InvolvementClosed: [summary, reason],
  ContactRecorded: entry,
  ConcernRecorded: entry,
  ReferralMade: entry,
  InformationShared: entry,
  InformationNotShared: [summary, reason],
  InformationRequested: entry,
  RiskAssessmentCompleted: entry,
  MeetingHeld: entry,
  RelationshipRecorded: entry,
  RelationshipEnded: entry,
  PlanStarted: entry,
  PlanEnded: entry,
  SeriousIncidentNotified: entry,
  ReferralOutcomeRecorded: entry,
  InformationRequestAnswered: [summary, reason],
  // A correction may replace the summary or a free-text reason: the new text is as personal as the old.
  EntryCorrected: [summary, { path: ['reason'] }, { path: ['changes', 'summary'] }, { path: ['changes', 'reason'], keep: REASON_IDS }],
  EntryRetracted: [summary, { path: ['reason'] }],
  EntryLocated: [],
  ReviewOpened: [],
  ReviewerAssigned: [],
  ReviewerUnassigned: [],
  FindingRecorded: [],
  ReviewConcluded: [],
  LegalHoldPlaced: [],
  LegalHoldLifted: [],
  SubjectErased: [],
  // The audit of reads: ids and vocabulary only, kept whole through any erasure (who looked stays on record).
  PersonalDataRead: [],
  // A break-glass reason is free text about the child: protected by the child's key like a summary.
  BreakGlassGranted: [{ path: ['reason'] }],
};

/**
 * Types not listed (an event type added elsewhere, before this table follows) are treated like an
 * agency entry: their `summary`, if any, is personal. Failing safe beats storing plaintext.
 */
export function personalFieldsOf(type: string): readonly PersonalField[] {
  return PERSONAL_FIELDS[type] ?? entry;
}

interface SubjectBearing {
  readonly subjects?: unknown;
  readonly child?: unknown;
  readonly subject?: unknown;
  readonly related?: unknown;
  readonly subjectId?: unknown;
  readonly pair?: unknown;
  readonly children?: unknown;
}

/** Every subject an event's data names (`children` too: a review's, an audited read's), sorted: the keys that protect its personal fields. */
export function protectingSubjects(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const d = data as SubjectBearing;
  const ids = new Set<string>();
  for (const list of [d.subjects, d.pair, d.children]) if (Array.isArray(list)) for (const id of list) if (typeof id === 'string') ids.add(id);
  for (const id of [d.child, d.subject, d.related, d.subjectId]) if (typeof id === 'string') ids.add(id);
  return [...ids].sort();
}

/** The value at a path, or undefined. */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  let at: unknown = data;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A copy of `data` with the value at `path` replaced (the path must exist). Never mutates. */
export function withValueAt(data: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const object = data as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}

/** Whether a field's current value is personal (present, and not a vocabulary id it keeps). */
export function isPersonalValue(field: PersonalField, value: unknown): boolean {
  if (value === undefined || value === null || isErased(value)) return false;
  return !(typeof value === 'string' && field.keep?.includes(value));
}

/**
 * The data as a reader sees it once `subjectId` is erased: every personal field of an event that
 * names that subject becomes `ERASED`. What read models apply to rows they already hold.
 */
export function redactPersonalData(type: string, data: unknown, subjectId: string): unknown {
  if (!protectingSubjects(data).includes(subjectId)) return data;
  let redacted = data;
  for (const field of personalFieldsOf(type)) {
    if (isPersonalValue(field, valueAt(redacted, field.path))) redacted = withValueAt(redacted, field.path, ERASED);
  }
  return redacted;
}
