import type {
  FindingRecorded,
  ReviewActor,
  ReviewConcluded,
  ReviewerAssigned,
  ReviewerUnassigned,
  ReviewOpened,
} from '../events/review.events';
import { CHILD, NOW } from './builders';

/** One synthetic review: R-1 of CHILD over spring 2024, chaired by the partnership's social care lead. */
export const REVIEW_ID = 'R-1';
export const CHAIR: ReviewActor = { agencyId: 'csc-north', role: 'reviewer', practitionerRef: 'chair-1' };
export const REVIEWER = { agencyId: 'health-east', practitionerRef: 'rev-7' } as const;

type Data<E extends { data: unknown }> = Partial<E['data']>;

export const aReviewOpened = (d: Data<ReviewOpened> = {}): ReviewOpened => ({
  type: 'ReviewOpened',
  schemaVersion: 1,
  data: {
    reviewId: REVIEW_ID,
    kind: 'local_practice_review',
    title: 'Northshire LCSPR 2024/01',
    children: [CHILD],
    period: { from: '2024-01-01', to: '2024-05-31' },
    openedBy: CHAIR,
    openedAt: NOW,
    ...d,
  },
});

export const aReviewerAssigned = (d: Data<ReviewerAssigned> = {}): ReviewerAssigned => ({
  type: 'ReviewerAssigned',
  schemaVersion: 1,
  data: { reviewId: REVIEW_ID, reviewer: REVIEWER, assignedBy: CHAIR, assignedAt: NOW, ...d },
});

export const aReviewerUnassigned = (d: Data<ReviewerUnassigned> = {}): ReviewerUnassigned => ({
  type: 'ReviewerUnassigned',
  schemaVersion: 1,
  data: { reviewId: REVIEW_ID, reviewer: REVIEWER, unassignedBy: CHAIR, unassignedAt: NOW, ...d },
});

export const aFindingRecorded = (d: Data<FindingRecorded> = {}): FindingRecorded => ({
  type: 'FindingRecorded',
  schemaVersion: 1,
  data: {
    reviewId: REVIEW_ID,
    findingId: 'F-1',
    theme: 'information_sharing',
    text: 'Police held the offence history and did not pass it to social care.',
    evidence: [{ eventId: 'evt-1', entry: { agency: 'police-north', entryId: 'P-100' } }],
    recordedBy: REVIEWER,
    recordedAt: NOW,
    ...d,
  },
});

export const aReviewConcluded = (d: Data<ReviewConcluded> = {}): ReviewConcluded => ({
  type: 'ReviewConcluded',
  schemaVersion: 1,
  data: { reviewId: REVIEW_ID, concludedBy: CHAIR, concludedAt: NOW, ...d },
});
