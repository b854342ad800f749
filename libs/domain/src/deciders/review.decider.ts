import { assertNever } from '../events/common';
import type {
  FindingRecorded,
  ReviewConcluded,
  ReviewerAssigned,
  ReviewerRef,
  ReviewerUnassigned,
  ReviewEvent,
  ReviewOpened,
} from '../events/review.events';
import type { Decider } from './decider';
import { reviewErrors } from './review-errors';
import { checkFinding, checkOpening, checkReviewer, covers, reviewerKey, sameContentBut } from './review-rules';

/**
 * Stream `review-{reviewId}`: a practice review, its reviewers, its findings and its conclusion.
 * A retry (same content, a later clock) appends nothing and is recognised as one even after the
 * review moved on, so a client that lost the first answer can always repeat its request.
 */
export type ReviewCommand =
  | { readonly type: 'OpenReview'; readonly event: ReviewOpened; readonly now: string }
  | { readonly type: 'AssignReviewer'; readonly event: ReviewerAssigned }
  | { readonly type: 'UnassignReviewer'; readonly event: ReviewerUnassigned }
  | { readonly type: 'RecordFinding'; readonly event: FindingRecorded }
  | { readonly type: 'ConcludeReview'; readonly event: ReviewConcluded };

export interface ReviewState {
  readonly opened: ReviewOpened | null;
  /** Currently assigned, in order of assignment. */
  readonly reviewers: readonly ReviewerRef[];
  /** Keys of reviewers ever unassigned: a repeated unassignment is then a retry, not a mistake. */
  readonly unassigned: readonly string[];
  readonly findings: readonly FindingRecorded[];
  readonly concluded: ReviewConcluded | null;
}

const initialState: ReviewState = { opened: null, reviewers: [], unassigned: [], findings: [], concluded: null };

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState> = {
  initialState,

  decide(command, state) {
    switch (command.type) {
      case 'OpenReview':
        return open(command.event, state, command.now);
      case 'AssignReviewer':
        return assign(command.event, state);
      case 'UnassignReviewer':
        return unassign(command.event, state);
      case 'RecordFinding':
        return recordFinding(command.event, state);
      case 'ConcludeReview':
        return conclude(command.event, state);
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ReviewOpened':
        return { ...state, opened: event };
      case 'ReviewerAssigned':
        return { ...state, reviewers: [...state.reviewers, event.data.reviewer] };
      case 'ReviewerUnassigned': {
        const key = reviewerKey(event.data.reviewer);
        return {
          ...state,
          reviewers: state.reviewers.filter((r) => reviewerKey(r) !== key),
          unassigned: [...state.unassigned, key],
        };
      }
      case 'FindingRecorded':
        return { ...state, findings: [...state.findings, event] };
      case 'ReviewConcluded':
        return { ...state, concluded: event };
      default:
        return assertNever(event);
    }
  },
};

function open(event: ReviewOpened, state: ReviewState, now: string): ReviewEvent[] {
  checkOpening(event.data, now);
  if (!state.opened) return [event];
  if (sameContentBut(state.opened.data, event.data, 'openedAt')) return [];
  throw reviewErrors.alreadyOpened(event.data.reviewId);
}

/** The review as it stands, or NOT_FOUND: every command but opening needs one. */
function opened(state: ReviewState, reviewId: string): ReviewOpened {
  if (!state.opened) throw reviewErrors.notFound(reviewId);
  return state.opened;
}

function assign(event: ReviewerAssigned, state: ReviewState): ReviewEvent[] {
  const { reviewId, reviewer } = event.data;
  checkReviewer(reviewer);
  opened(state, reviewId);
  if (state.reviewers.some((r) => reviewerKey(r) === reviewerKey(reviewer))) return [];
  if (state.concluded) throw reviewErrors.alreadyConcluded(reviewId);
  return [event];
}

function unassign(event: ReviewerUnassigned, state: ReviewState): ReviewEvent[] {
  const { reviewId, reviewer } = event.data;
  opened(state, reviewId);
  const key = reviewerKey(reviewer);
  if (!state.reviewers.some((r) => reviewerKey(r) === key)) {
    if (state.unassigned.includes(key)) return [];
    throw reviewErrors.reviewerNotAssigned(reviewId, key);
  }
  // Who reviewed is part of a concluded review's record.
  if (state.concluded) throw reviewErrors.alreadyConcluded(reviewId);
  return [event];
}

function recordFinding(event: FindingRecorded, state: ReviewState): ReviewEvent[] {
  const { reviewId, findingId, recordedBy } = event.data;
  checkFinding(event.data);
  opened(state, reviewId);
  const earlier = state.findings.find((f) => f.data.findingId === findingId);
  if (earlier) {
    if (sameContentBut(earlier.data, event.data, 'recordedAt')) return [];
    throw reviewErrors.findingIdReused(reviewId, findingId);
  }
  if (state.concluded) throw reviewErrors.alreadyConcluded(reviewId);
  if (!state.reviewers.some((r) => covers(r, recordedBy))) throw reviewErrors.notReviewer(reviewId, reviewerKey(recordedBy));
  return [event];
}

function conclude(event: ReviewConcluded, state: ReviewState): ReviewEvent[] {
  const { reviewId, summary } = event.data;
  const review = opened(state, reviewId);
  if (state.concluded) {
    if (sameContentBut(state.concluded.data, event.data, 'concludedAt')) return [];
    throw reviewErrors.alreadyConcluded(reviewId);
  }
  // A rapid review may rightly find no learning and recommend no local review; that decision,
  // written in the summary, is its outcome. Every other review exists to produce findings.
  const reasoned = review.data.kind === 'rapid_review' && (summary ?? '').trim().length > 0;
  if (state.findings.length === 0 && !reasoned) throw reviewErrors.noFindings(reviewId);
  return [event];
}
