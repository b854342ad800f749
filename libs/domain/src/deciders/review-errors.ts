import { DomainError } from './domain-error';

/** Codes follow DomainError's suffixes; messages name ids only, never a child's details or a finding's text. */
export const reviewErrors = {
  notFound: (reviewId: string) => new DomainError('REVIEW.NOT_FOUND', `No review ${reviewId}`, 'reviewId'),
  alreadyOpened: (reviewId: string) =>
    new DomainError('REVIEW.ALREADY_OPENED', `Review ${reviewId} was already opened with other content`, 'reviewId'),
  alreadyConcluded: (reviewId: string) => new DomainError('REVIEW.ALREADY_CONCLUDED', `Review ${reviewId} has concluded`, 'reviewId'),
  kind: (kind: string) => new DomainError('REVIEW.KIND.INVALID', `"${kind}" is not a review kind`, 'kind'),
  title: (max: number) => new DomainError('REVIEW.TITLE.INVALID', `A review title is required and at most ${max} characters`, 'title'),
  children: (detail: string) => new DomainError('REVIEW.CHILDREN.INVALID', `A review names ${detail}`, 'children'),
  period: (detail: string) => new DomainError('REVIEW.PERIOD.INVALID', `The review period ${detail}`, 'period'),
  periodInFuture: (to: string, today: string) =>
    new DomainError('REVIEW.PERIOD_IN_FUTURE.INVALID', `The review period ends on ${to}, after today (${today})`, 'period.to'),
  reviewer: () => new DomainError('REVIEW.REVIEWER.INVALID', 'A reviewer needs an agency id', 'reviewer.agencyId'),
  reviewerNotAssigned: (reviewId: string, reviewer: string) =>
    new DomainError('REVIEW.REVIEWER_NOT_ASSIGNED.CONFLICT', `Reviewer ${reviewer} is not assigned to review ${reviewId}`, 'reviewer'),
  notReviewer: (reviewId: string, reviewer: string) =>
    new DomainError('REVIEW.NOT_REVIEWER.FORBIDDEN', `${reviewer} is not a reviewer of review ${reviewId}`, 'recordedBy'),
  findingIdReused: (reviewId: string, findingId: string) =>
    new DomainError('REVIEW.FINDING_ID_REUSED.CONFLICT', `Finding ${findingId} of review ${reviewId} was already recorded with other content`, 'findingId'),
  findingTheme: (theme: string) => new DomainError('REVIEW.FINDING_THEME.INVALID', `"${theme}" is not a practice theme`, 'theme'),
  findingText: () => new DomainError('REVIEW.FINDING_TEXT.INVALID', 'A finding needs its text', 'text'),
  findingEvidence: (detail: string) => new DomainError('REVIEW.FINDING_EVIDENCE.INVALID', `A finding rests on ${detail}`, 'evidence'),
  noFindings: (reviewId: string) =>
    new DomainError(
      'REVIEW.NO_FINDINGS.CONFLICT',
      `Review ${reviewId} has no findings; only a rapid review may conclude without one, and then its summary must say why`,
      'summary',
    ),
};
