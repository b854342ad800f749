import { assertNever, type OccurredAt } from '../events/common';
import { dayNumber, isoDate } from '../timeline/days';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An enumerated id as words: `no_further_action` -> `no further action`. */
export function idWords(id: string): string {
  return id.replace(/_/g, ' ');
}

export function listWords(items: readonly string[], none = 'none'): string {
  return items.length > 0 ? items.map(idWords).join(', ') : none;
}

/**
 * A date no more precise than the agency knew it. Dates are UTC calendar dates, as the rules and
 * the importer (which stores a bare date as UTC midnight) read them.
 */
export function occurredWords(occurred: OccurredAt): string {
  const ms = Date.parse(occurred.at);
  if (Number.isNaN(ms)) return occurred.at;
  const d = new Date(ms);
  const monthYear = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  switch (occurred.precision) {
    case 'day':
      return isoDate(dayNumber(occurred.at));
    case 'month':
      return monthYear;
    case 'year':
      return String(d.getUTCFullYear());
    case 'approximate':
      return `c. ${monthYear}`;
    default:
      return assertNever(occurred.precision);
  }
}

