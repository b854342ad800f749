import { endOfDay, plural } from '../timeline/days';

/** Whether an expected action came in time, late, not yet (still allowed) or not at all. */
export type Timeliness =
  | { readonly kind: 'in-time'; readonly dueDay: number }
  | { readonly kind: 'pending'; readonly dueDay: number }
  | { readonly kind: 'late'; readonly dueDay: number; readonly takenDays: number; readonly delayDays: number }
  | { readonly kind: 'missing'; readonly dueDay: number };

export interface Deadline {
  /** Day the clock starts. */
  readonly startDay: number;
  /** "Within N days": the action may happen up to and including startDay + N. */
  readonly allowedDays: number;
  /** An earlier day by which it had to happen anyway (an involvement closed); already past. */
  readonly cutOffDay?: number;
}

/**
 * semantics.md: "within N days" means days(start, action) <= N; a missing action is flagged once
 * asOf is more than N days after the start, or once the cut-off (a closure) has happened.
 */
export function timeliness(deadline: Deadline, actionDay: number | undefined, asOfDay: number): Timeliness {
  const { startDay, allowedDays, cutOffDay } = deadline;
  const cutOff = cutOffDay !== undefined && cutOffDay <= startDay + allowedDays ? Math.max(cutOffDay, startDay) : undefined;
  const dueDay = cutOff ?? startDay + allowedDays;
  if (actionDay !== undefined && actionDay <= dueDay) return { kind: 'in-time', dueDay };
  if (actionDay !== undefined) return { kind: 'late', dueDay, takenDays: actionDay - startDay, delayDays: actionDay - dueDay };
  if (asOfDay > dueDay || (cutOff !== undefined && asOfDay >= cutOff)) return { kind: 'missing', dueDay };
  return { kind: 'pending', dueDay };
}

export const dueInstant = (t: Timeliness) => endOfDay(t.dueDay);

export function lateWords(t: Extract<Timeliness, { kind: 'late' }>): string {
  return `${plural(t.takenDays, 'day')} after, ${plural(t.delayDays, 'day')} late`;
}
