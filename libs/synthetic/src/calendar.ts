/** Whole days since 1970-01-01 (UTC): the generator plans in days, as the detection rules count them. */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayOf(isoDate: string): Day {
  const match = ISO_DAY.exec(isoDate);
  if (!match) throw new RangeError(`"${isoDate}" is not a date (YYYY-MM-DD)`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(ms).toISOString().slice(0, 10) !== isoDate) throw new RangeError(`"${isoDate}" is not a date in the calendar`);
  return ms / MS_PER_DAY;
}

export function isoDate(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
