import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import type { Readable } from 'node:stream';
import { CHRONOLOGY_COLUMNS, type ChronologyColumn } from './chronology-columns';
import type { ChronologyEntryRef, ChronologyRow, CorrectionChanges, DatePrecision } from './chronology-row';

type Cells = Partial<Record<ChronologyColumn, string>>;

const list = (items: readonly string[] | undefined) => (items && items.length > 0 ? items.join(';') : undefined);
const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? 'yes' : 'no');

function ref(target: ChronologyEntryRef, own: string): string {
  return target.agency === own ? target.entryId : `${target.agency}:${target.entryId}`;
}

/** Only a precision the date's own form would not imply is written, as an agency would. */
function precisionCell(date: string, precision: DatePrecision): string | undefined {
  const implied: DatePrecision = date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
  return precision === implied ? undefined : precision;
}

function changeCells(changes: CorrectionChanges): Cells {
  return {
    severity: changes.severity,
    categories: list(changes.categories),
    contact_type: changes.contactType,
    child_seen: yesNo(changes.childSeen),
    outcome: changes.outcome,
    risk_level: changes.riskLevel,
    lawful_basis: changes.lawfulBasis,
    meeting_kind: changes.meetingKind,
  };
}

function typeCells(row: ChronologyRow): Cells {
  switch (row.entryType) {
    case 'person':
      return { subject_kind: row.subjectKind };
    case 'relationship':
    case 'relationship_ended':
      return { related_subject: row.relatedSubject, relationship: row.relationship };
    case 'involvement_opened':
      return {};
    case 'involvement_closed':
    case 'identity_link':
    case 'identity_unlink':
      return { reason: row.reason };
    case 'contact':
      return { contact_type: row.contactType, child_seen: yesNo(row.childSeen), outcome: row.outcome };
    case 'concern':
      return { severity: row.severity, categories: list(row.categories) };
    case 'referral':
      return { counterpart_agency: row.counterpartAgency, categories: list(row.categories) };
    case 'referral_outcome':
      return { outcome: row.outcome, refers_to: ref(row.refersTo, row.agency) };
    case 'information_shared':
      return {
        counterpart_agency: row.counterpartAgency,
        refers_to: list(row.refersTo.map((target) => ref(target, row.agency))),
        categories: list(row.categories),
        lawful_basis: row.lawfulBasis === 'not_recorded' ? undefined : row.lawfulBasis,
      };
    case 'information_request':
      return { counterpart_agency: row.counterpartAgency, categories: list(row.categories) };
    case 'information_response':
      return {
        counterpart_agency: row.counterpartAgency,
        refers_to: ref(row.refersTo, row.agency),
        outcome: row.outcome,
        categories: list(row.categories),
        reason: row.reason,
      };
    case 'risk_assessment':
      return { risk_level: row.riskLevel, categories: list(row.categories) };
    case 'meeting':
      return { meeting_kind: row.meetingKind, invited: list(row.invited), attended: list(row.attended) };
    case 'plan_started':
    case 'plan_ended':
      return { outcome: row.plan };
    case 'serious_incident':
      return { outcome: row.outcome };
    case 'correction':
      return { refers_to: ref(row.refersTo, row.agency), reason: row.reason, ...changeCells(row.changes) };
    case 'retraction':
      return { refers_to: ref(row.refersTo, row.agency), reason: row.reason };
    default:
      return assertNever(row);
  }
}

/** One row as the format's cells, every column present (empty when unused). */
export function chronologyCells(row: ChronologyRow): Record<ChronologyColumn, string> {
  const cells: Cells = {
    entry_id: row.entryId,
    agency: row.agency,
    date: row.occurred.date,
    time: row.occurred.time,
    date_precision: precisionCell(row.occurred.date, row.occurred.precision),
    recorded_date: row.recordedDate,
    entry_type: row.entryType,
    subjects: list(row.subjects),
    source: row.source,
    variant_of: row.variantOf && ref(row.variantOf, row.agency),
    summary: row.summary,
    ...typeCells(row),
  };
  return Object.fromEntries(CHRONOLOGY_COLUMNS.map((column) => [column, cells[column] ?? ''])) as Record<ChronologyColumn, string>;
}

// quote_record_delimiter: with CRLF records, csv-stringify would otherwise leave a bare LF inside a cell unquoted.
const OPTIONS = { header: true, columns: [...CHRONOLOGY_COLUMNS], record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** Writes rows as a chronology CSV (version 1) with every column, CRLF line ends as RFC 4180 says. */
export function formatChronologyCsv(rows: Iterable<ChronologyRow>): string {
  return stringifySync(Array.from(rows, chronologyCells), { ...OPTIONS, columns: [...CHRONOLOGY_COLUMNS] });
}

/** The streaming form, for exports too large to hold as one string. */
export function chronologyCsvStream(rows: Iterable<ChronologyRow> | AsyncIterable<ChronologyRow>): Readable {
  const writer = stringify({ ...OPTIONS, columns: [...CHRONOLOGY_COLUMNS] });
  void (async () => {
    try {
      for await (const row of rows) {
        if (!writer.write(chronologyCells(row))) await new Promise((resolve) => writer.once('drain', resolve));
      }
      writer.end();
    } catch (error) {
      writer.destroy(error as Error);
    }
  })();
  return writer;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled entry type: ${JSON.stringify(value)}`);
}
