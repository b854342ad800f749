import type { FindingRecorded, ReviewerRef, ReviewOpened, ReviewPeriod } from '../events/review.events';
import { dayNumber, isoDate } from '../timeline/days';
import { isPracticeTheme } from '../vocabulary/practice-themes';
import { isReviewKind } from '../vocabulary/review-kinds';
import { sameContent } from './entry-rules';
import { reviewErrors } from './review-errors';

/** Titles show in lists, logs and report headings; a long one invites a child's story into them. */
export const REVIEW_TITLE_MAX = 120;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkOpening(data: ReviewOpened['data'], now: string): void {
  if (!isReviewKind(data.kind)) throw reviewErrors.kind(data.kind);
  const title = data.title.trim();
  if (title.length === 0 || title.length > REVIEW_TITLE_MAX) throw reviewErrors.title(REVIEW_TITLE_MAX);
  if (data.children.length === 0) throw reviewErrors.children('at least one child');
  if (data.children.some((c) => c.trim().length === 0)) throw reviewErrors.children('children by their subject ids');
  if (new Set(data.children).size !== data.children.length) throw reviewErrors.children('each child once');
  checkPeriod(data.period, now);
}

function checkPeriod(period: ReviewPeriod, now: string): void {
  if (!isCalendarDate(period.from) || !isCalendarDate(period.to)) throw reviewErrors.period('needs real dates as YYYY-MM-DD');
  // Same-length ISO dates compare as strings.
  if (period.from > period.to) throw reviewErrors.period(`starts (${period.from}) after it ends (${period.to})`);
  const today = isoDate(dayNumber(now));
  if (period.to > today) throw reviewErrors.periodInFuture(period.to, today);
}

function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function checkReviewer(reviewer: ReviewerRef): void {
  if (reviewer.agencyId.trim().length === 0) throw reviewErrors.reviewer();
}

export function checkFinding(data: FindingRecorded['data']): void {
  if (!isPracticeTheme(data.theme)) throw reviewErrors.findingTheme(data.theme);
  if (data.text.trim().length === 0) throw reviewErrors.findingText();
  if (data.evidence.length === 0) throw reviewErrors.findingEvidence('at least one entry');
  if (data.evidence.some((e) => e.entry.agency.length === 0 || e.entry.entryId.length === 0)) {
    throw reviewErrors.findingEvidence('entries named by agency and entry id');
  }
}

/** How reviewers are told apart: an agency's review function and its named practitioners differ. */
export function reviewerKey(reviewer: ReviewerRef): string {
  return reviewer.practitionerRef === undefined ? reviewer.agencyId : `${reviewer.agencyId}/${reviewer.practitionerRef}`;
}

/** An agency assigned as a whole covers each of its reviewers; a named practitioner covers only themself. */
export function covers(assigned: ReviewerRef, actor: ReviewerRef): boolean {
  return assigned.agencyId === actor.agencyId && (assigned.practitionerRef === undefined || assigned.practitionerRef === actor.practitionerRef);
}

/** Retries carry the server's clock, so the event's own time is left out of "same content". */
export function sameContentBut<T extends object>(a: T, b: T, timeKey: keyof T): boolean {
  const { [timeKey]: _a, ...restA } = a;
  const { [timeKey]: _b, ...restB } = b;
  return sameContent(restA, restB);
}
