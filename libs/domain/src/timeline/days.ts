import { assertNever, type OccurredAt } from '../events/common';
import { DomainError } from '../deciders/domain-error';

/**
 * Calendar-day arithmetic on UTC dates. Every rule counts whole days between the dates of two
 * instants (semantics.md), so the time of day never makes a one-day allowance into a 23-hour one.
 */

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC calendar day of an ISO timestamp, as a day number (days since 1970-01-01). */
export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(iso) / DAY_MS);
}

/** The UTC calendar day of an epoch-milliseconds instant. */
export function dayOfInstant(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Whole calendar days from the date of `from` to the date of `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a day: an action "due by" that day may happen at any time of it. */
export function endOfDay(day: number): string {
  return new Date((day + 1) * DAY_MS - 1).toISOString();
}

/** Canonical ISO form (`...000Z`), so instants written differently still sort as strings. */
export function normaliseInstant(iso: string): string {
  return new Date(Date.parse(iso)).toISOString();
}

export const invalidAsOf = (asOf: string) =>
  new DomainError('TIMELINE.AS_OF.INVALID', `asOf "${asOf}" is neither a date (YYYY-MM-DD) nor an ISO timestamp`, 'asOf');

/**
 * The instant a view or a detection run stands at. A bare date means the whole of that day:
 * "as known on 3 May" includes what was recorded at 4 pm on 3 May.
 */
export function asOfInstant(asOf: string): number {
  const ms = Date.parse(asOf);
  if (Number.isNaN(ms)) throw invalidAsOf(asOf);
  return DATE_ONLY.test(asOf) ? ms + DAY_MS - 1 : ms;
}

/**
 * The last day an occurred date can stand for: the day itself, the month's or the year's last day.
 * An approximate date has no last day anyone could be held to, hence null.
 */
export function lastDayOfPeriod(occurred: OccurredAt): number | null {
  const ms = Date.parse(occurred.at);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  switch (occurred.precision) {
    case 'day':
      return dayOfInstant(ms);
    case 'month':
      return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS) - 1;
    case 'year':
      return Math.floor(Date.UTC(d.getUTCFullYear() + 1, 0, 1) / DAY_MS) - 1;
    case 'approximate':
      return null;
    default:
      return assertNever(occurred.precision);
  }
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
