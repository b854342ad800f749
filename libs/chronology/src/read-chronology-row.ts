import {
  CONTACT_OUTCOMES,
  CONTACT_TYPES,
  DATE_PRECISIONS,
  INCIDENT_KINDS,
  LAWFUL_BASES,
  MEETING_KINDS,
  PLAN_KINDS,
  parseRiskCategory,
  REFERRAL_OUTCOMES,
  RELATIONS,
  RISK_CATEGORIES,
  type RiskCategory,
  SEVERITIES,
  SOURCES,
  SUBJECT_KINDS,
} from '@casetrail/domain';
import {
  type ChronologyColumn,
  COMMON_COLUMNS,
  ENTRY_TYPES,
  type EntryType,
  FREE_TEXT_COLUMNS,
  maxLengthOf,
  TYPE_COLUMNS,
} from './chronology-columns';
import { checkDate, type ChronologyToday, periodStart, precisionFits, TIME } from './chronology-dates';
import { type ChronologyErrorCode, ChronologyFormatError } from './chronology-format-error';
import {
  type AnyOutcome,
  type ChronologyEntryRef,
  type ChronologyRow,
  type CorrectionChanges,
  type OccurredDate,
  RESPONSE_OUTCOMES,
} from './chronology-row';

/** The header, read once: which position each known column sits at (0-based). */
export interface ChronologyHeader {
  readonly names: readonly string[];
  readonly positions: ReadonlyMap<ChronologyColumn, number>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/;
const AGENCY_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const ID_RULE = 'ids are 1-100 letters, digits, _ . / or -';
const AGENCY_RULE = 'agency ids are lower-case letters, digits, _ and -';
const ALL_OUTCOMES: readonly AnyOutcome[] = [...CONTACT_OUTCOMES, ...REFERRAL_OUTCOMES, ...RESPONSE_OUTCOMES, ...INCIDENT_KINDS, ...PLAN_KINDS];
const PERSON_SOURCES = SOURCES.filter((s) => s !== 'professional');

/** "a, b or c", the way a reason lists what to write instead. */
export function alternatives(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** Reads one record's cells, and throws at the first cell that is not a valid value. */
class RowReader {
  constructor(
    private readonly file: string,
    private readonly header: ChronologyHeader,
    private readonly fields: readonly string[],
    readonly line: number,
  ) {}

  fail(column: ChronologyColumn, code: ChronologyErrorCode, reason: string, value?: string): never {
    const position = this.header.positions.get(column);
    const echo = FREE_TEXT_COLUMNS.includes(column) ? undefined : value;
    throw new ChronologyFormatError(code, this.file, this.line, { index: position === undefined ? null : position + 1, name: column }, reason, echo);
  }

  /** The cell, trimmed unless free text; undefined when empty or when the file lacks the column. */
  value(column: ChronologyColumn): string | undefined {
    const position = this.header.positions.get(column);
    if (position === undefined) return undefined;
    const raw = this.fields[position];
    const trimmed = raw.trim();
    if (trimmed === '') return undefined;
    return FREE_TEXT_COLUMNS.includes(column) ? raw : trimmed;
  }

  required(column: ChronologyColumn, need: string): string {
    const value = this.value(column);
    if (value !== undefined) return value;
    const where = this.header.positions.has(column) ? 'this cell is empty' : `the file has no ${column} column`;
    return this.fail(column, 'CHRONOLOGY.MISSING_VALUE.INVALID', `${need}; ${where}`);
  }

  oneOf<T extends string>(column: ChronologyColumn, values: readonly T[], noun: string): T | undefined {
    const value = this.value(column);
    if (value === undefined || (values as readonly string[]).includes(value)) return value as T | undefined;
    return this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${value}" is not ${noun}; use ${alternatives(values)}`, value);
  }

  requiredOneOf<T extends string>(column: ChronologyColumn, values: readonly T[], noun: string, need: string): T {
    this.required(column, `${need} (${alternatives(values)})`);
    return this.oneOf(column, values, noun)!;
  }

  id(column: ChronologyColumn, need: string): string {
    return this.checkId(column, this.required(column, need));
  }

  optionalId(column: ChronologyColumn): string | undefined {
    const value = this.value(column);
    return value === undefined ? undefined : this.checkId(column, value);
  }

  agencyId(column: ChronologyColumn, need: string): string {
    return this.checkAgency(column, this.required(column, need));
  }

  optionalAgencyId(column: ChronologyColumn): string | undefined {
    const value = this.value(column);
    return value === undefined ? undefined : this.checkAgency(column, value);
  }

  /** `;`-separated items; an empty item is an error rather than skipped, as it hides a lost value. */
  list(column: ChronologyColumn): string[] {
    const value = this.value(column);
    if (value === undefined) return [];
    const items = value.split(';').map((item) => item.trim());
    if (items.includes('')) {
      this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${value}" has an empty item; separate the items with a single ;`, value);
    }
    const seen = new Set<string>();
    for (const item of items) {
      if (seen.has(item)) this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${item}" is listed twice`, item);
      seen.add(item);
    }
    return items;
  }

  idList(column: ChronologyColumn): string[] {
    return this.list(column).map((item) => this.checkId(column, item));
  }

  agencyList(column: ChronologyColumn): string[] {
    return this.list(column).map((item) => this.checkAgency(column, item));
  }

  categories(column: ChronologyColumn): RiskCategory[] {
    const categories = new Set<RiskCategory>();
    for (const item of this.list(column)) {
      const category = parseRiskCategory(item);
      if (category === null) {
        this.fail(
          column,
          'CHRONOLOGY.VALUE.INVALID',
          `"${item}" is not a risk category; use an id or a census code such as 4 or 4B (${Object.keys(RISK_CATEGORIES).join(', ')})`,
          item,
        );
      }
      // 4A and 4B name one category about different people; the category is what is kept.
      categories.add(category);
    }
    return [...categories];
  }

  refs(column: ChronologyColumn, own: ChronologyEntryRef): ChronologyEntryRef[] {
    return this.list(column).map((item) => {
      const parts = item.split(':');
      const ref =
        parts.length === 1 ? { agency: own.agency, entryId: parts[0] } : parts.length === 2 ? { agency: parts[0], entryId: parts[1] } : undefined;
      if (ref === undefined || !AGENCY_ID.test(ref.agency) || !ID.test(ref.entryId)) {
        this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${item}" is not an entry reference; write the entry_id, or agency:entry_id for another agency's entry`, item);
      }
      if (ref.agency === own.agency && ref.entryId === own.entryId) {
        this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${item}" is this row's own entry; name another entry`, item);
      }
      return ref;
    });
  }

  ref(column: ChronologyColumn, own: ChronologyEntryRef, need: string): ChronologyEntryRef {
    this.required(column, need);
    const refs = this.refs(column, own);
    if (refs.length !== 1) {
      this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `${need}, exactly one; this names ${refs.length}`, this.value(column));
    }
    return refs[0];
  }

  optionalRef(column: ChronologyColumn, own: ChronologyEntryRef): ChronologyEntryRef | undefined {
    if (this.value(column) === undefined) return undefined;
    return this.ref(column, own, `${column} names one entry`);
  }

  yesNo(column: ChronologyColumn): boolean | undefined {
    const value = this.oneOf(column, ['yes', 'no'] as const, 'yes or no');
    return value === undefined ? undefined : value === 'yes';
  }

  /** A value in a column this entry type does not use would otherwise be dropped without a word. */
  rejectUnused(entryType: EntryType): void {
    for (const [column, position] of unusedColumns(this.header, entryType)) {
      if (this.value(column) !== undefined) {
        const uses = TYPE_COLUMNS[entryType];
        this.fail(
          column,
          'CHRONOLOGY.UNUSED_COLUMN.INVALID',
          `a ${entryType} entry does not use ${column}; leave it empty (${uses.length ? `a ${entryType} uses ${alternatives(uses).replace(/ or /, ' and ')}` : `a ${entryType} uses only the common columns`}, or check the row has not slid into the next column)`,
          this.fields[position],
        );
      }
    }
  }

  private checkId(column: ChronologyColumn, value: string): string {
    if (!ID.test(value)) this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${value}" is not a valid id; ${ID_RULE}`, value);
    return value;
  }

  private checkAgency(column: ChronologyColumn, value: string): string {
    if (!AGENCY_ID.test(value)) this.fail(column, 'CHRONOLOGY.VALUE.INVALID', `"${value}" is not an agency id; ${AGENCY_RULE}`, value);
    return value;
  }
}

/** Checks each cell's length, and that it decoded cleanly, before any cell is read for meaning. */
function checkCells(file: string, header: ChronologyHeader, fields: readonly string[], line: number): void {
  const reader = new RowReader(file, header, fields, line);
  for (const [column, position] of header.positions) {
    const cell = fields[position];
    if (cell.includes('\uFFFD')) {
      reader.fail(
        column,
        'CHRONOLOGY.ENCODING.INVALID',
        'this cell holds characters that are not UTF-8 (or the replacement character � left by an earlier conversion); save the file as "CSV UTF-8" and check the text',
      );
    }
    const limit = maxLengthOf(column);
    if (cell.length > limit) {
      reader.fail(column, 'CHRONOLOGY.TOO_LONG.INVALID', `this cell has ${cell.length} characters; ${column} takes at most ${limit}`, cell);
    }
  }
}

/** Per header and entry type, the header's columns that type does not use, in header order (computed once: imports read millions of rows). */
const unusedByHeader = new WeakMap<ChronologyHeader, Map<EntryType, [ChronologyColumn, number][]>>();
function unusedColumns(header: ChronologyHeader, entryType: EntryType): [ChronologyColumn, number][] {
  let byType = unusedByHeader.get(header);
  if (!byType) unusedByHeader.set(header, (byType = new Map()));
  let unused = byType.get(entryType);
  if (!unused) {
    const used = new Set<ChronologyColumn>([...COMMON_COLUMNS, ...TYPE_COLUMNS[entryType]]);
    unused = [...header.positions].filter(([column]) => !used.has(column)).sort((a, b) => a[1] - b[1]);
    byType.set(entryType, unused);
  }
  return unused;
}

function readOccurred(r: RowReader, today: ChronologyToday): OccurredDate {
  const date = r.required('date', 'every entry needs the date it occurred (YYYY-MM-DD, YYYY-MM or YYYY)');
  const check = checkDate(date);
  if (!check.ok) {
    const reason =
      check.problem === 'format'
        ? `"${date}" is not a date; write YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known`
        : check.problem === 'implausible'
          ? `"${date}" is not a plausible date; check the year`
          : `"${date}" is not a real date: ${check.detail}`;
    r.fail('date', 'CHRONOLOGY.DATE.INVALID', reason, date);
  }
  const given = r.oneOf('date_precision', DATE_PRECISIONS, 'a date precision');
  const precision = given ?? check.form;
  if (!precisionFits(check.form, precision)) {
    r.fail('date_precision', 'CHRONOLOGY.DATE.INVALID', `"${precision}" is finer than the date ${date}, which gives only a ${check.form}; use ${check.form === 'month' ? 'month, year' : 'year'} or approximate`, precision);
  }
  const time = r.value('time');
  if (time !== undefined) {
    if (!TIME.test(time)) r.fail('time', 'CHRONOLOGY.DATE.INVALID', `"${time}" is not a time; write HH:MM on the 24-hour clock`, time);
    if (check.form !== 'day') r.fail('time', 'CHRONOLOGY.DATE.INVALID', `a time needs a full date (YYYY-MM-DD), and ${date} gives only a ${check.form}`, time);
  }
  const start = periodStart(date, precision);
  if (start > today.date || (start === today.date && time !== undefined && time > today.time)) {
    r.fail('date', 'CHRONOLOGY.DATE.INVALID', `${date}${time ? ` ${time}` : ''} lies in the future (it is now ${today.date} ${today.time}); dates may not lie in the future`, date);
  }
  return { date, precision, ...(time !== undefined && { time }) };
}

function readRecorded(r: RowReader, occurred: OccurredDate, today: ChronologyToday): string | undefined {
  const recorded = r.value('recorded_date');
  if (recorded === undefined) return undefined;
  const check = checkDate(recorded);
  if (!check.ok || check.form !== 'day') {
    const detail = check.ok ? '' : check.problem === 'impossible' ? ` (${check.detail})` : '';
    r.fail('recorded_date', 'CHRONOLOGY.DATE.INVALID', `"${recorded}" is not a full date${detail}; write the day it was recorded as YYYY-MM-DD`, recorded);
  }
  if (recorded > today.date) {
    r.fail('recorded_date', 'CHRONOLOGY.DATE.INVALID', `${recorded} lies in the future (it is now ${today.date}); dates may not lie in the future`, recorded);
  }
  // An approximate date may be a guess after the fact; only a known date can be contradicted.
  if (occurred.precision !== 'approximate' && recorded < periodStart(occurred.date, occurred.precision)) {
    r.fail('recorded_date', 'CHRONOLOGY.DATE.INVALID', `${recorded} is before the date it occurred (${occurred.date}); an entry cannot be recorded before it happened`, recorded);
  }
  return recorded;
}

/** Reads and validates one data record; `line` is where it starts. */
export function readChronologyRow(file: string, header: ChronologyHeader, fields: readonly string[], line: number, today: ChronologyToday): ChronologyRow {
  checkCells(file, header, fields, line);
  const r = new RowReader(file, header, fields, line);
  const entryId = r.id('entry_id', "every entry needs the agency's own reference in entry_id");
  const agency = r.agencyId('agency', 'every entry needs the id of the agency that recorded it');
  const entryType = r.requiredOneOf('entry_type', ENTRY_TYPES, 'an entry type', 'every entry needs an entry_type');
  const occurred = readOccurred(r, today);
  const recordedDate = readRecorded(r, occurred, today);
  r.required('subjects', 'every entry names its subjects (;-separated subject ids, a child first)');
  const subjects = r.idList('subjects');
  const own = { agency, entryId };
  const source = r.oneOf('source', SOURCES, 'a source');
  const variantOf = r.optionalRef('variant_of', own);
  const summary = r.value('summary');
  r.rejectUnused(entryType);

  const facts = {
    line,
    entryId,
    agency,
    occurred,
    ...(recordedDate !== undefined && { recordedDate }),
    subjects,
    ...(source !== undefined && { source }),
    ...(variantOf !== undefined && { variantOf }),
    ...(summary !== undefined && { summary }),
  };
  const exactlySubjects = (count: number, what: string) => {
    if (subjects.length !== count) {
      r.fail('subjects', 'CHRONOLOGY.VALUE.INVALID', `a ${entryType} row names ${what}; this names ${subjects.length}`, r.value('subjects'));
    }
  };
  const counterpart = (need: string) => {
    const to = r.agencyId('counterpart_agency', need);
    if (to === agency) r.fail('counterpart_agency', 'CHRONOLOGY.VALUE.INVALID', `"${to}" is the recording agency itself; name the agency on the other side`, to);
    return to;
  };
  const reason = () => r.value('reason');

  switch (entryType) {
    case 'person': {
      exactlySubjects(1, 'exactly one subject, the person');
      const subjectKind = r.requiredOneOf('subject_kind', SUBJECT_KINDS, 'a subject kind', 'a person row needs subject_kind');
      return { entryType, ...facts, subjectKind };
    }
    case 'relationship':
    case 'relationship_ended': {
      exactlySubjects(1, 'exactly one subject (the other goes in related_subject)');
      const relatedSubject = r.id('related_subject', `a ${entryType} row needs the other subject in related_subject`);
      if (relatedSubject === subjects[0]) {
        r.fail('related_subject', 'CHRONOLOGY.VALUE.INVALID', `"${relatedSubject}" is the row's own subject; name the other person`, relatedSubject);
      }
      const relationship = r.requiredOneOf('relationship', RELATIONS, 'a relationship', `a ${entryType} row needs the relationship`);
      return { entryType, ...facts, relatedSubject, relationship };
    }
    case 'involvement_opened':
      return { entryType, ...facts };
    case 'involvement_closed': {
      const why = reason();
      return { entryType, ...facts, ...(why !== undefined && { reason: why }) };
    }
    case 'contact': {
      const contactType = r.requiredOneOf('contact_type', CONTACT_TYPES, 'a contact type', 'a contact needs contact_type');
      r.required('child_seen', 'a contact says whether the child was seen (yes or no)');
      const childSeen = r.yesNo('child_seen')!;
      const outcome = r.requiredOneOf('outcome', CONTACT_OUTCOMES, 'a contact outcome', 'a contact needs its outcome');
      return { entryType, ...facts, contactType, childSeen, outcome };
    }
    case 'concern': {
      const severity = r.requiredOneOf('severity', SEVERITIES, 'a severity', 'a concern needs a severity');
      r.required('categories', 'a concern needs its risk categories (ids or census codes, ;-separated)');
      return { entryType, ...facts, severity, categories: r.categories('categories') };
    }
    case 'referral': {
      const counterpartAgency = r.optionalAgencyId('counterpart_agency');
      if (counterpartAgency === undefined) {
        if (source === undefined) {
          r.fail(
            'counterpart_agency',
            'CHRONOLOGY.MISSING_VALUE.INVALID',
            `a referral names the referring agency in counterpart_agency or, when a person referred, says who in source (${alternatives(PERSON_SOURCES)}); both cells are empty`,
          );
        }
        if (source === 'professional') {
          r.fail('source', 'CHRONOLOGY.MISSING_VALUE.INVALID', "a professional's referral names their agency in counterpart_agency", source);
        }
      } else if (counterpartAgency === agency) {
        r.fail('counterpart_agency', 'CHRONOLOGY.VALUE.INVALID', `"${counterpartAgency}" is the recording agency itself; name the agency on the other side`, counterpartAgency);
      }
      return { entryType, ...facts, ...(counterpartAgency !== undefined && { counterpartAgency }), categories: r.categories('categories') };
    }
    case 'referral_outcome': {
      const outcome = r.requiredOneOf('outcome', REFERRAL_OUTCOMES, 'a referral outcome', 'a referral_outcome needs its outcome');
      const refersTo = r.ref('refers_to', own, 'a referral_outcome names the referral it answers in refers_to');
      return { entryType, ...facts, outcome, refersTo };
    }
    case 'information_shared': {
      const counterpartAgency = counterpart('information_shared names the agency it was shared with in counterpart_agency');
      const refersTo = r.refs('refers_to', own);
      const categories = r.categories('categories');
      if (refersTo.length === 0 && categories.length === 0) {
        r.fail('refers_to', 'CHRONOLOGY.MISSING_VALUE.INVALID', 'information_shared says what was shared: the entries in refers_to, the risk categories in categories, or both; both cells are empty');
      }
      const lawfulBasis = r.oneOf('lawful_basis', LAWFUL_BASES, 'a lawful basis') ?? 'not_recorded';
      return { entryType, ...facts, counterpartAgency, refersTo, categories, lawfulBasis };
    }
    case 'information_request': {
      const counterpartAgency = counterpart('an information_request names the agency asked in counterpart_agency');
      return { entryType, ...facts, counterpartAgency, categories: r.categories('categories') };
    }
    case 'information_response': {
      const counterpartAgency = counterpart('an information_response names the agency that asked in counterpart_agency');
      const refersTo = r.ref('refers_to', own, 'an information_response names the request it answers in refers_to');
      const outcome = r.requiredOneOf('outcome', RESPONSE_OUTCOMES, 'a response', 'an information_response needs its outcome');
      const why = outcome === 'declined' ? r.required('reason', 'a declined request needs its reason (free text, data_protection or consent_refused)') : reason();
      return { entryType, ...facts, counterpartAgency, refersTo, outcome, categories: r.categories('categories'), ...(why !== undefined && { reason: why }) };
    }
    case 'risk_assessment': {
      const riskLevel = r.requiredOneOf('risk_level', SEVERITIES, 'a risk level', 'a risk_assessment needs its risk_level');
      r.required('categories', 'a risk_assessment needs the risk categories it considered');
      return { entryType, ...facts, riskLevel, categories: r.categories('categories') };
    }
    case 'meeting': {
      const meetingKind = r.requiredOneOf('meeting_kind', MEETING_KINDS, 'a meeting kind', 'a meeting needs its meeting_kind');
      const invited = r.agencyList('invited');
      r.required('attended', 'a meeting names the agencies that attended (;-separated agency ids)');
      return { entryType, ...facts, meetingKind, invited, attended: r.agencyList('attended') };
    }
    case 'plan_started':
    case 'plan_ended': {
      const plan = r.requiredOneOf('outcome', PLAN_KINDS, 'a plan', `a ${entryType} row gives the plan in outcome`);
      return { entryType, ...facts, plan };
    }
    case 'serious_incident': {
      const outcome = r.requiredOneOf('outcome', INCIDENT_KINDS, 'a serious incident outcome', 'a serious_incident gives its outcome');
      return { entryType, ...facts, outcome };
    }
    case 'identity_link':
    case 'identity_unlink': {
      exactlySubjects(2, 'exactly two subject ids, the two records of one person');
      const why = reason();
      return { entryType, ...facts, subjects: [subjects[0], subjects[1]] as const, ...(why !== undefined && { reason: why }) };
    }
    case 'correction': {
      const refersTo = r.ref('refers_to', own, 'a correction names the entry it corrects in refers_to');
      const why = r.required('reason', 'a correction needs its reason');
      const changes = readChanges(r);
      if (Object.keys(changes).length === 0) {
        r.fail('refers_to', 'CHRONOLOGY.MISSING_VALUE.INVALID', 'a correction gives the corrected values in their own columns (severity, categories, contact_type, child_seen, outcome, risk_level, lawful_basis or meeting_kind); all are empty');
      }
      return { entryType, ...facts, refersTo, reason: why, changes };
    }
    case 'retraction': {
      const refersTo = r.ref('refers_to', own, 'a retraction names the entry it retracts in refers_to');
      return { entryType, ...facts, refersTo, reason: r.required('reason', 'a retraction needs its reason') };
    }
    default:
      return assertNever(entryType);
  }
}

function readChanges(r: RowReader): CorrectionChanges {
  const severity = r.oneOf('severity', SEVERITIES, 'a severity');
  const categories = r.categories('categories');
  const contactType = r.oneOf('contact_type', CONTACT_TYPES, 'a contact type');
  const childSeen = r.yesNo('child_seen');
  const outcome = r.oneOf('outcome', ALL_OUTCOMES, 'an outcome');
  const riskLevel = r.oneOf('risk_level', SEVERITIES, 'a risk level');
  const lawfulBasis = r.oneOf('lawful_basis', LAWFUL_BASES, 'a lawful basis');
  const meetingKind = r.oneOf('meeting_kind', MEETING_KINDS, 'a meeting kind');
  return {
    ...(severity !== undefined && { severity }),
    ...(categories.length > 0 && { categories }),
    ...(contactType !== undefined && { contactType }),
    ...(childSeen !== undefined && { childSeen }),
    ...(outcome !== undefined && { outcome }),
    ...(riskLevel !== undefined && { riskLevel }),
    ...(lawfulBasis !== undefined && { lawfulBasis }),
    ...(meetingKind !== undefined && { meetingKind }),
  };
}

function assertNever(value: never): never {
  throw new Error(`Unhandled entry type: ${JSON.stringify(value)}`);
}
