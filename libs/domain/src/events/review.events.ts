import type { PracticeTheme } from '../vocabulary/practice-themes';
import type { ReviewKind } from '../vocabulary/review-kinds';
import type { EntryRef } from './common';

/**
 * A practice review of one or more children over a period: stream `review-{reviewId}`.
 * Reviews are opened by the safeguarding partners, not recorded by agencies about a child, so
 * their events carry the acting principal rather than `EntryFacts`.
 */

/** Who acted. `role` is the access layer's role name, kept for the audit trail; rules here do not decide on it. */
export interface ReviewActor {
  readonly agencyId: string;
  readonly role: string;
  readonly practitionerRef?: string;
}

/**
 * A reviewer: a named practitioner of an agency or, without `practitionerRef`, the agency's
 * review function as a whole (any of its reviewers may then record findings).
 */
export interface ReviewerRef {
  readonly agencyId: string;
  readonly practitionerRef?: string;
}

/** Calendar dates, `YYYY-MM-DD`, both ends included. */
export interface ReviewPeriod {
  readonly from: string;
  readonly to: string;
}

/** An entry a finding rests on; `eventId` pins the exact event when the reviewer had it to hand. */
export interface FindingEvidence {
  readonly eventId?: string;
  readonly entry: EntryRef;
}

export interface ReviewOpened {
  readonly type: 'ReviewOpened';
  readonly schemaVersion: 1;
  readonly data: {
    readonly reviewId: string;
    readonly kind: ReviewKind;
    /** Short, and not expected to carry personal data: it appears in lists and logs. */
    readonly title: string;
    /** Subject ids of the children reviewed. */
    readonly children: readonly string[];
    readonly period: ReviewPeriod;
    readonly openedBy: ReviewActor;
    readonly openedAt: string;
  };
}

export interface ReviewerAssigned {
  readonly type: 'ReviewerAssigned';
  readonly schemaVersion: 1;
  readonly data: {
    readonly reviewId: string;
    readonly reviewer: ReviewerRef;
    readonly assignedBy: ReviewActor;
    readonly assignedAt: string;
  };
}

export interface ReviewerUnassigned {
  readonly type: 'ReviewerUnassigned';
  readonly schemaVersion: 1;
  readonly data: {
    readonly reviewId: string;
    readonly reviewer: ReviewerRef;
    readonly unassignedBy: ReviewActor;
    readonly unassignedAt: string;
    readonly reason?: string;
  };
}

export interface FindingRecorded {
  readonly type: 'FindingRecorded';
  readonly schemaVersion: 1;
  readonly data: {
    readonly reviewId: string;
    /** Chosen by the reviewer's client, so a retried request names the same finding. */
    readonly findingId: string;
    readonly theme: PracticeTheme;
    readonly text: string;
    /** At least one entry. */
    readonly evidence: readonly FindingEvidence[];
    readonly recordedBy: ReviewerRef;
    readonly recordedAt: string;
  };
}

export interface ReviewConcluded {
  readonly type: 'ReviewConcluded';
  readonly schemaVersion: 1;
  readonly data: {
    readonly reviewId: string;
    readonly concludedBy: ReviewActor;
    readonly concludedAt: string;
    readonly summary?: string;
  };
}

export type ReviewEvent = ReviewOpened | ReviewerAssigned | ReviewerUnassigned | FindingRecorded | ReviewConcluded;
