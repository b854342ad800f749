import { assertNever, type OccurredAt } from '../events/common';
import { DomainError } from '../deciders/domain-error';
import { dayNumber } from '../timeline/days';
import type { ChronologyFilter } from './chronology-row';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const invalidFilter = (field: 'from' | 'to', detail: string) =>
  new DomainError('CHRONOLOGY.FILTER.INVALID', `filter.${field} ${detail}`, `filter.${field}`);

/** The filter as a test on an entry's agency and the days its date may stand for. */
export function filterTest(filter: ChronologyFilter = {}): (agency: string, occurred: OccurredAt) => boolean {
  const from = filter.from === undefined ? -Infinity : day(filter.from, 'from');
  const to = filter.to === undefined ? Infinity : day(filter.to, 'to');
  if (from > to) throw invalidFilter('from', `(${filter.from}) lies after filter.to (${filter.to})`);
  const agencies = filter.agencies === undefined ? undefined : new Set(filter.agencies);
  return (agency, occurred) => {
    if (agencies && !agencies.has(agency)) return false;
    const [first, last] = span(occurred);
    return first <= to && last >= from;
  };
}

function day(text: string, field: 'from' | 'to'): number {
  const ms = Date.parse(text);
  if (!DATE.test(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw invalidFilter(field, `"${text}" is not a date (YYYY-MM-DD)`);
  }
  return dayNumber(text);
}

/**
 * The days a date may stand for. "May 2024" overlaps a period starting on 15 May, so a coarse
 * entry is kept rather than silently lost at the edge of a review period; an approximate date
 * is read as its month, as it is shown.
 */
function span(occurred: OccurredAt): [number, number] {
  const ms = Date.parse(occurred.at);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dayOfMs = (t: number) => Math.floor(t / DAY_MS);
  switch (occurred.precision) {
    case 'day':
      return [dayOfMs(ms), dayOfMs(ms)];
    case 'month':
    case 'approximate':
      return [dayOfMs(Date.UTC(y, m, 1)), dayOfMs(Date.UTC(y, m + 1, 1)) - 1];
    case 'year':
      return [dayOfMs(Date.UTC(y, 0, 1)), dayOfMs(Date.UTC(y + 1, 0, 1)) - 1];
    default:
      return assertNever(occurred.precision);
  }
}
