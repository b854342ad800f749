import { DomainError } from '@casetrail/domain';

/** What every statistics query may be narrowed to. */
export interface StatisticsFilter {
  /** `YYYY-MM-DD`, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** An agency id: only what involves that agency. */
  readonly agency?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AGENCY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const invalidStatisticsFilter = (message: string, field: string) => new DomainError('STATISTICS.FILTER.INVALID', message, field);

/** Checks query parameters as they arrive (strings, arrays or nothing), naming the field at fault. */
export function checkStatisticsFilter(query: Readonly<Record<string, unknown>>): StatisticsFilter {
  const from = dateParam(query.from, 'from');
  const to = dateParam(query.to, 'to');
  if (from && to && from > to) throw invalidStatisticsFilter('from is after to', 'from');
  const agency = query.agency;
  if (agency !== undefined && agency !== '' && (typeof agency !== 'string' || !AGENCY.test(agency))) {
    throw invalidStatisticsFilter('agency must be one agency id', 'agency');
  }
  return { ...(from && { from }), ...(to && { to }), ...(typeof agency === 'string' && agency !== '' && { agency }) };
}

function dateParam(value: unknown, field: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DATE.test(value) || !isCalendarDate(value)) {
    throw invalidStatisticsFilter(`${field} must be a date YYYY-MM-DD`, field);
  }
  return value;
}

/** `Date.parse` rolls 2024-02-30 over to March; a statistics period must name a real day. */
function isCalendarDate(value: string): boolean {
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
