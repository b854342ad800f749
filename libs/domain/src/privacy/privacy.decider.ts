import { assertNever } from '../events/common';
import type { Decider } from '../deciders/decider';
import { DomainError } from '../deciders/domain-error';
import type { LegalHoldLifted, LegalHoldPlaced, PrivacyActor, PrivacyEvent, SubjectErased } from './privacy.events';

export const privacyStream = (subjectId: string) => `privacy-${subjectId}`;

export type PrivacyCommand =
  | { readonly type: 'PlaceLegalHold'; readonly subjectId: string; readonly reason: string; readonly by: PrivacyActor; readonly now: string }
  | { readonly type: 'LiftLegalHold'; readonly subjectId: string; readonly reason: string; readonly by: PrivacyActor; readonly now: string }
  | { readonly type: 'EraseSubject'; readonly subjectId: string; readonly reason: string; readonly by: PrivacyActor; readonly now: string };

export interface PrivacyState {
  readonly held: boolean;
  readonly erased: boolean;
}

/** Codes follow DomainError's suffixes (ALREADY_ / CONFLICT -> 409, INVALID -> 400). Messages name ids only. */
export const privacyErrors = {
  reason: () => new DomainError('SUBJECT.REASON.INVALID', 'A legal hold or an erasure needs its reason', 'reason'),
  legalHold: (subjectId: string) =>
    new DomainError('SUBJECT.LEGAL_HOLD.CONFLICT', `Subject ${subjectId} is under a legal hold: it cannot be erased until the hold is lifted`),
  noLegalHold: (subjectId: string) => new DomainError('SUBJECT.NO_LEGAL_HOLD.CONFLICT', `Subject ${subjectId} is not under a legal hold`),
  erased: (subjectId: string) => new DomainError('SUBJECT.ALREADY_ERASED', `Subject ${subjectId} was erased; there is nothing left to hold`),
};

export const REASON_MAX = 500;

/**
 * One decision per command, pure. A hold blocks erasure; erasure is final (a hold cannot follow
 * it, since there is nothing left to hold). Repeating what is already so (a second hold, a second
 * erasure) decides nothing, so a retried request is harmless.
 */
export const privacyDecider: Decider<PrivacyCommand, PrivacyEvent, PrivacyState> = {
  initialState: { held: false, erased: false },

  decide(command, state) {
    const reason = command.reason.trim();
    if (reason.length === 0 || reason.length > REASON_MAX) throw privacyErrors.reason();
    const { subjectId, by, now } = command;
    switch (command.type) {
      case 'PlaceLegalHold': {
        if (state.erased) throw privacyErrors.erased(subjectId);
        if (state.held) return [];
        const event: LegalHoldPlaced = { type: 'LegalHoldPlaced', schemaVersion: 1, data: { subjectId, reason, placedBy: by, placedAt: now } };
        return [event];
      }
      case 'LiftLegalHold': {
        if (!state.held) throw privacyErrors.noLegalHold(subjectId);
        const event: LegalHoldLifted = { type: 'LegalHoldLifted', schemaVersion: 1, data: { subjectId, reason, liftedBy: by, liftedAt: now } };
        return [event];
      }
      case 'EraseSubject': {
        if (state.held) throw privacyErrors.legalHold(subjectId);
        if (state.erased) return [];
        const event: SubjectErased = { type: 'SubjectErased', schemaVersion: 1, data: { subjectId, reason, erasedBy: by, erasedAt: now } };
        return [event];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LegalHoldPlaced':
        return { ...state, held: true };
      case 'LegalHoldLifted':
        return { ...state, held: false };
      case 'SubjectErased':
        return { ...state, erased: true };
      default:
        return assertNever(event);
    }
  },
};
