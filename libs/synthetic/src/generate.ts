import { type ChronologyRow, chronologyCsvStream, formatChronologyCsv } from '@casetrail/chronology';
import type { Readable } from 'node:stream';
import { SYNTHETIC_AGENCIES, type SyntheticAgency } from './agencies';
import { type Day, dayOf } from './calendar';
import { buildCase } from './case/build-case';
import { Random } from './random';
import { RULE_IDS, type RuleId, type SyntheticCase } from './synthetic-case';

export interface GenerateCasesOptions {
  readonly seed: number;
  /** Cases carrying an injected pattern; rules are taken in turn, so the default covers every rule once. */
  readonly injected?: number;
  /** Clean cases: no rule should flag anything in them. Default 12. */
  readonly controls?: number;
  /** Earliest date an entry may carry. Default 2019-01-01. */
  readonly startDate?: string;
  /** Latest date an entry may be recorded. Default 2025-12-31. */
  readonly endDate?: string;
  /** Exact entries per case (at least {@link MIN_ENTRIES_PER_CASE}); by default each case draws 80 to 240. */
  readonly entriesPerCase?: number;
  /** The rules to inject, in turn. Default: all of {@link RULE_IDS}. */
  readonly rules?: readonly RuleId[];
  /**
   * Starts every case id (`c0001`) and so every subject and entry id; give each generation its
   * own to import several into one store. Default `c`.
   */
  readonly caseIdPrefix?: string;
}

export interface CaseStreamOptions extends Omit<GenerateCasesOptions, 'controls'> {
  readonly cases: number;
  /** Cases among `cases` that carry a pattern, spread evenly through the stream. Default 0: all controls. */
  readonly injected?: number;
}

export interface GeneratedCases {
  readonly agencies: readonly SyntheticAgency[];
  readonly cases: readonly SyntheticCase[];
}

/** Every case holds its opening, its pattern (or closure) and room to pad, so smaller cases cannot be exact. */
export const MIN_ENTRIES_PER_CASE = 80;
/** One child's chronology can hold this many entries within the 2019 to 2025 window. */
export const MAX_ENTRIES_PER_CASE = 10_000;

const DEFAULT_START = '2019-01-01';
const DEFAULT_END = '2025-12-31';
/** Entries occur early enough for the latest recording (a late-recording pattern) to stay within the window. */
const RECORDING_MARGIN_DAYS = 45;

interface Plan {
  readonly index: number;
  readonly rule: RuleId | null;
  /** Which appearance of its rule this case is: picks the pattern's variant. */
  readonly round: number;
}

/** Injected cases first (rules in turn), then controls. */
export function generateCases(options: GenerateCasesOptions): GeneratedCases {
  const settings = settingsOf(options);
  const injected = options.injected ?? settings.rules.length;
  const controls = options.controls ?? 12;
  checkCount('injected', injected, 0);
  checkCount('controls', controls, 0);
  const plans: Plan[] = [];
  for (let i = 0; i < injected; i++) plans.push({ index: i, rule: settings.rules[i % settings.rules.length], round: Math.floor(i / settings.rules.length) });
  for (let i = 0; i < controls; i++) plans.push({ index: injected + i, rule: null, round: 0 });
  return { agencies: SYNTHETIC_AGENCIES, cases: [...casesFrom(settings, plans)] };
}

/**
 * Cases one at a time, built as they are asked for: a million rows never sit in memory at once.
 * With `entriesPerCase` every case holds exactly that many rows.
 */
export function generateCaseStream(options: CaseStreamOptions): Generator<SyntheticCase, void, undefined> {
  // Checked now rather than on the first `next()`, when a generator body would first run.
  const settings = settingsOf(options);
  checkCount('cases', options.cases, 0);
  const injected = Math.min(options.injected ?? 0, options.cases);
  checkCount('injected', injected, 0);
  const plans = function* (): Generator<Plan> {
    let carried = 0;
    for (let index = 0; index < options.cases; index++) {
      // Spread evenly: the k-th injected case sits at floor(k * cases / injected).
      const carries = carried < injected && Math.floor((carried * options.cases) / injected) === index;
      yield { index, rule: carries ? settings.rules[carried % settings.rules.length] : null, round: carries ? Math.floor(carried / settings.rules.length) : 0 };
      if (carries) carried += 1;
    }
  };
  return casesFrom(settings, plans());
}

interface Settings {
  readonly seed: number;
  readonly rules: readonly RuleId[];
  readonly entriesPerCase?: number;
  readonly firstDay: Day;
  readonly lastDay: Day;
  readonly lastRecordingDay: Day;
  readonly caseIdPrefix: string;
}

function settingsOf(options: Omit<GenerateCasesOptions, 'controls'>): Settings {
  checkCount('seed', options.seed, Number.MIN_SAFE_INTEGER);
  const rules = options.rules ?? RULE_IDS;
  const unknown = rules.filter((rule) => !RULE_IDS.includes(rule));
  if (rules.length === 0 || unknown.length > 0) throw new RangeError(`rules must name at least one rule of ${RULE_IDS.join(', ')}`);
  const firstDay = dayOf(options.startDate ?? DEFAULT_START);
  const lastRecordingDay = dayOf(options.endDate ?? DEFAULT_END);
  // The importer refuses dates after today, so generated chronologies stay in the past.
  if (lastRecordingDay > Math.floor(Date.now() / 86_400_000)) throw new RangeError('endDate lies in the future; synthetic chronologies are of the past');
  const lastDay = lastRecordingDay - RECORDING_MARGIN_DAYS;
  if (lastDay <= firstDay) throw new RangeError('endDate must come well after startDate');
  if (options.entriesPerCase !== undefined) {
    checkCount('entriesPerCase', options.entriesPerCase, MIN_ENTRIES_PER_CASE);
    if (options.entriesPerCase > MAX_ENTRIES_PER_CASE) throw new RangeError(`entriesPerCase may be at most ${MAX_ENTRIES_PER_CASE}`);
  }
  const caseIdPrefix = options.caseIdPrefix ?? 'c';
  if (!/^[a-z][a-z0-9]{0,15}$/.test(caseIdPrefix)) throw new RangeError('caseIdPrefix must be a lower-case letter then up to 15 letters or digits');
  return { seed: options.seed, rules, entriesPerCase: options.entriesPerCase, firstDay, lastDay, lastRecordingDay, caseIdPrefix };
}

function* casesFrom(settings: Settings, plans: Iterable<Plan>): Generator<SyntheticCase, void, undefined> {
  const sizes = new Random(settings.seed, -1);
  for (const plan of plans) {
    yield buildCase({
      seed: settings.seed,
      index: plan.index,
      caseId: `${settings.caseIdPrefix}${String(plan.index + 1).padStart(4, '0')}`,
      rule: plan.rule,
      variant: plan.round,
      entries: settings.entriesPerCase ?? sizes.int(MIN_ENTRIES_PER_CASE, 240),
      firstDay: settings.firstDay,
      lastDay: settings.lastDay,
      lastRecordingDay: settings.lastRecordingDay,
    });
  }
}

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer of at least ${min}`);
}

/** The rows of several cases as one chronology: case after case, lines numbered through. */
export function* caseRows(cases: Iterable<SyntheticCase>): Generator<ChronologyRow, void, undefined> {
  let line = 2;
  for (const syntheticCase of cases) {
    for (const row of syntheticCase.rows) yield { ...row, line: line++ };
  }
}

export function allRows(cases: Iterable<SyntheticCase>): ChronologyRow[] {
  return [...caseRows(cases)];
}

/** One chronology CSV (format version 1) of all the cases. */
export function casesCsv(cases: Iterable<SyntheticCase>): string {
  return formatChronologyCsv(caseRows(cases));
}

/** The CSV as a stream, for volumes that should not be held as one string. */
export function casesCsvStream(cases: Iterable<SyntheticCase>): Readable {
  return chronologyCsvStream(caseRows(cases));
}
