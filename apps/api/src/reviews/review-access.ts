import type { Principal } from '@casetrail/access';
import { DomainError } from '@casetrail/domain';
import { ReviewsReader, type ReviewDetail } from '@casetrail/projections';
import type { EntityManager } from 'typeorm';

export class ReviewNotFound extends DomainError {
  constructor(reviewId: string) {
    super('REVIEW.NOT_FOUND', `No review ${reviewId}`, 'reviewId');
  }
}

/**
 * What scopes a reviewer: the reviews it is assigned to (as a named practitioner, or through its
 * agency's review function). Administrators manage reviews but read no personal detail here.
 */
export class ReviewAccess {
  private readonly reviews: ReviewsReader;

  constructor(db: Pick<EntityManager, 'query'>) {
    this.reviews = new ReviewsReader(db);
  }

  async reviewFor(reviewId: string, principal: Principal): Promise<ReviewDetail> {
    const review = await this.reviews.get(reviewId);
    if (!review) throw new ReviewNotFound(reviewId);
    if (principal.role === 'administrator') return review;
    if (principal.role === 'reviewer' && (await this.reviews.isAssigned(reviewId, principal))) return review;
    throw new DomainError('ACCESS.NOT_ASSIGNED.FORBIDDEN', `${principal.agencyId} is not assigned to review ${reviewId}`, 'reviewId');
  }

  /** A reviewer reads a child only through a review of that child it is assigned to. */
  async requireChildInScope(childAliases: readonly string[], principal: Principal): Promise<void> {
    if (principal.role !== 'reviewer') return;
    const reviews = await this.reviews.assignedReviewsOf(childAliases, principal);
    if (reviews.length === 0) {
      throw new DomainError('ACCESS.NOT_IN_REVIEW.FORBIDDEN', `No review assigned to ${principal.agencyId} covers this child`, 'child');
    }
  }
}
