import type { DatePrecision } from './chronology-row';

/** "Today" where the chronologies are kept: dates in the format are English local dates. */
export interface ChronologyToday {
  readonly date: string;
  readonly time: string;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function todayInEngland(now: Date): ChronologyToday {
  const part = Object.fromEntries(LONDON.formatToParts(now).map((p) => [p.type, p.value]));
  return { date: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

export type DateForm = 'day' | 'month' | 'year';

export type DateCheck =
  | { readonly ok: true; readonly form: DateForm }
  | { readonly ok: false; readonly problem: 'format' | 'impossible' | 'implausible'; readonly detail?: string };

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Older than any living child's records; a smaller year is a typing slip. */
const EARLIEST_YEAR = 1900;

export function checkDate(text: string): DateCheck {
  const match = DATE.exec(text);
  if (!match) return { ok: false, problem: 'format' };
  const [, y, m, d] = match;
  const year = Number(y);
  if (year < EARLIEST_YEAR) return { ok: false, problem: 'implausible' };
  if (m === undefined) return { ok: true, form: 'year' };
  const month = Number(m);
  if (month < 1 || month > 12) return { ok: false, problem: 'impossible', detail: `there is no month ${m}` };
  if (d === undefined) return { ok: true, form: 'month' };
  const day = Number(d);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { ok: false, problem: 'impossible', detail: `${MONTHS[month - 1]} ${year} has ${days} days` };
  }
  return { ok: true, form: 'day' };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first day a date can mean at its precision; an approximate date is taken as given. */
export function periodStart(date: string, precision: DatePrecision): string {
  const [y, m = '01', d = '01'] = date.split('-');
  if (precision === 'year') return `${y}-01-01`;
  if (precision === 'month') return `${y}-${m}-01`;
  return `${y}-${m}-${d}`;
}

const COARSENESS: Record<DateForm, number> = { day: 0, month: 1, year: 2 };

/** A precision may be coarser than the date's form (a placeholder day), never finer. */
export function precisionFits(form: DateForm, precision: DatePrecision): boolean {
  return precision === 'approximate' || COARSENESS[precision] >= COARSENESS[form];
}

export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
