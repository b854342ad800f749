/** The reviews DOMAIN.md names, with the words a report heading uses; ids are stable. */
export const REVIEW_KINDS = {
  rapid_review: 'Rapid review',
  local_practice_review: 'Local child safeguarding practice review',
  national_review: 'National review',
} as const;

export type ReviewKind = keyof typeof REVIEW_KINDS;

export function isReviewKind(value: string): value is ReviewKind {
  return Object.hasOwn(REVIEW_KINDS, value);
}
