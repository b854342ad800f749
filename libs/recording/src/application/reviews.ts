import { DomainError, isPracticeTheme, isReviewKind, streams, type ReviewActor, type ReviewCommand, type ReviewKind, type PracticeTheme } from '@casetrail/domain';
import type { EventMetadata, TransactionalEventStore } from '@casetrail/event-store';
import { z } from 'zod';
import { bindings } from './bindings';
import { executeCommand, type Execution } from './execute-command';
import { resolveEntryRef } from './entry-request.schemas';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be 1-100 letters, digits, _ . or -');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const agencyId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be an agency id');

export const openReviewSchema = z
  .object({
    reviewId: id,
    kind: z.string().refine(isReviewKind, 'must be rapid_review, local_practice_review or national_review'),
    title: z.string().min(1).max(120),
    children: z.array(z.string().min(1).max(100)).min(1).max(50),
    period: z.object({ from: date, to: date }).strict(),
  })
  .strict();

export const reviewerSchema = z.object({ agencyId, practitionerRef: z.string().min(1).max(100).optional() }).strict();

export const findingSchema = z
  .object({
    findingId: id,
    theme: z.string().refine(isPracticeTheme, 'must be a practice theme (daily_life, reluctant_engagement, critical_thinking, changing_risk, information_sharing, leadership_culture)'),
    text: z.string().min(1).max(10_000),
    /** `agency:entryId`, as the timeline and exports print them. */
    evidence: z.array(z.string().min(3).max(200)).min(1).max(200),
  })
  .strict();

export const concludeSchema = z.object({ summary: z.string().min(1).max(10_000).optional() }).strict();

export type OpenReviewRequest = z.infer<typeof openReviewSchema>;
export type FindingRequest = z.infer<typeof findingSchema>;

/** Who acts and when: the clock arrives here so the deciders stay pure. */
export interface ReviewContext {
  readonly actor: ReviewActor;
  readonly metadata: EventMetadata;
  readonly now: Date;
}

/**
 * The review workflow's writes, each a command on the review's own stream decided by the review
 * decider. What must exist outside the stream (the children, the evidence entries) is checked by
 * the caller, which has the read models at hand.
 */
export class ReviewService {
  constructor(private readonly store: TransactionalEventStore) {}

  open(body: unknown, context: ReviewContext): Promise<Execution<unknown>> {
    const request = openReviewSchema.parse(body);
    const now = context.now.toISOString();
    return this.run(request.reviewId, context, {
      type: 'OpenReview',
      now,
      event: {
        type: 'ReviewOpened',
        schemaVersion: 1,
        data: { ...request, kind: request.kind as ReviewKind, openedBy: context.actor, openedAt: now },
      },
    });
  }

  assign(reviewId: string, body: unknown, context: ReviewContext): Promise<Execution<unknown>> {
    const reviewer = reviewerSchema.parse(body);
    return this.run(reviewId, context, {
      type: 'AssignReviewer',
      event: { type: 'ReviewerAssigned', schemaVersion: 1, data: { reviewId, reviewer, assignedBy: context.actor, assignedAt: context.now.toISOString() } },
    });
  }

  unassign(reviewId: string, body: unknown, context: ReviewContext): Promise<Execution<unknown>> {
    const { reason, ...reviewer } = reviewerSchema.extend({ reason: z.string().min(1).max(1000).optional() }).parse(body);
    return this.run(reviewId, context, {
      type: 'UnassignReviewer',
      event: {
        type: 'ReviewerUnassigned',
        schemaVersion: 1,
        data: { reviewId, reviewer, unassignedBy: context.actor, unassignedAt: context.now.toISOString(), ...(reason && { reason }) },
      },
    });
  }

  /** `evidence` arrives resolved (event ids filled in) by the caller that checked it. */
  recordFinding(
    reviewId: string,
    request: FindingRequest,
    evidence: readonly { eventId?: string; entry: { agency: string; entryId: string } }[],
    context: ReviewContext,
  ): Promise<Execution<unknown>> {
    return this.run(reviewId, context, {
      type: 'RecordFinding',
      event: {
        type: 'FindingRecorded',
        schemaVersion: 1,
        data: {
          reviewId,
          findingId: request.findingId,
          theme: request.theme as PracticeTheme,
          text: request.text,
          evidence,
          recordedBy: { agencyId: context.actor.agencyId, ...(context.actor.practitionerRef && { practitionerRef: context.actor.practitionerRef }) },
          recordedAt: context.now.toISOString(),
        },
      },
    });
  }

  conclude(reviewId: string, body: unknown, context: ReviewContext): Promise<Execution<unknown>> {
    const { summary } = concludeSchema.parse(body ?? {});
    return this.run(reviewId, context, {
      type: 'ConcludeReview',
      event: { type: 'ReviewConcluded', schemaVersion: 1, data: { reviewId, concludedBy: context.actor, concludedAt: context.now.toISOString(), ...(summary && { summary }) } },
    });
  }

  private run(reviewId: string, context: ReviewContext, command: ReviewCommand): Promise<Execution<unknown>> {
    if (!id.safeParse(reviewId).success) throw new DomainError('REVIEW.ID.INVALID', `"${reviewId}" is not a review id`, 'reviewId');
    return executeCommand(this.store, streams.review(reviewId), bindings.review, command, { metadata: context.metadata });
  }
}

/** `agency:entryId` as a reference; a bare entry id is refused (a reviewer writes for no agency). */
export function parseEvidence(text: string, index: number): { agency: string; entryId: string } {
  if (!text.includes(':')) throw new DomainError('REVIEW.FINDING_EVIDENCE.INVALID', `evidence[${index}] must be agency:entry_id`, `evidence.${index}`);
  return resolveEntryRef(text, '');
}
