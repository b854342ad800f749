import type { ChronologyRow } from '@casetrail/chronology';
import { writeBackground } from '../background/background';
import { CLOSING_MAX_ROWS, closeCase } from '../background/case-closing';
import { openCase } from '../background/case-opening';
import { inertContact } from '../background/routine';
import type { Day } from '../calendar';
import { PATTERNS } from '../patterns';
import { Random } from '../random';
import type { InjectedPattern, RuleId, SyntheticCase } from '../synthetic-case';
import { CaseContext, NO_LIMITS } from './case-context';
import { chooseRoster } from './roster';

export interface CaseSpec {
  readonly seed: number;
  /** The case's number in the whole generation: with the seed, all that decides its content. */
  readonly index: number;
  readonly caseId: string;
  /** The rule whose pattern the case carries; null for a control. */
  readonly rule: RuleId | null;
  readonly variant: number;
  readonly entries: number;
  /** The first and last day an entry may occur. */
  readonly firstDay: Day;
  readonly lastDay: Day;
  /** No recording later than this. */
  readonly lastRecordingDay: Day;
}

/** The days a case needs beyond its background for its opening; patterns and padding add their own. */
const OPENING_DAYS = 10;
const SHORTEST_BACKGROUND_DAYS = 60;

export function buildCase(spec: CaseSpec): SyntheticCase {
  const rng = new Random(spec.seed, spec.index);
  const pattern = spec.rule === null ? null : PATTERNS[spec.rule];
  const reservedRows = pattern ? pattern.maxRows : CLOSING_MAX_ROWS;
  // Padding writes at least one row a day, so it needs as many days as rows it may fill.
  const tailDays = (pattern ? pattern.maxDays : 2) + reservedRows + 2;
  const room = spec.lastDay - spec.firstDay - OPENING_DAYS - tailDays;
  if (room < SHORTEST_BACKGROUND_DAYS) throw new RangeError(`the date window is too short for a case; allow at least ${SHORTEST_BACKGROUND_DAYS + OPENING_DAYS + tailDays} days`);
  // Real chronologies run from about one to three days per entry; the longest cases fill the window.
  const span = Math.min(room, Math.max(SHORTEST_BACKGROUND_DAYS, Math.round(spec.entries * (1 + rng.next() * 2))));
  const start = spec.firstDay + rng.int(0, room - span);

  const context = new CaseContext(spec.caseId, rng, chooseRoster(rng), start, spec.lastRecordingDay, pattern?.limits ?? NO_LIMITS);
  openCase(context);
  writeBackground(context, spec.entries - reservedRows, start + OPENING_DAYS + span);

  let truth: InjectedPattern[] = [];
  if (pattern) truth = pattern.inject(context, spec.variant % pattern.variants);
  else if (rng.chance(0.35)) closeCase(context);
  while (context.writer.size < spec.entries) {
    const day = context.day;
    const count = Math.min(spec.entries - context.writer.size, rng.int(1, 2));
    for (let i = 0; i < count; i++) inertContact(context, day);
    context.finish(day);
  }
  if (context.day - 1 > spec.lastDay) throw new Error(`case ${spec.caseId} ran past its date window; this is a generator bug`);
  const rows = inDateOrder(context.writer.rows);
  return { caseId: spec.caseId, child: context.child, control: pattern === null, rows, truth };
}

/**
 * Merged by date as a chronology is read, keeping the written order within a day. Every answer,
 * share, correction and retraction is dated on or after what it refers to and was written after
 * it, so the order still imports cleanly.
 */
function inDateOrder(rows: readonly ChronologyRow[]): ChronologyRow[] {
  const sorted = rows.map((row, i) => ({ row, i })).sort((a, b) => (a.row.occurred.date < b.row.occurred.date ? -1 : a.row.occurred.date > b.row.occurred.date ? 1 : a.i - b.i));
  return sorted.map(({ row }, i) => ({ ...row, line: i + 2 }));
}
