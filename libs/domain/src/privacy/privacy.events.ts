/**
 * Stream `privacy-{subjectId}`: legal holds on a subject's records and the subject's erasure.
 * These events carry ids, the acting administrator and the reason only: the reason says why
 * (a court order, a data subject's request reference) and must not quote the person's details,
 * because these events are kept, unencrypted, for as long as the log.
 */
export interface PrivacyActor {
  readonly agencyId: string;
  readonly role: string;
  readonly practitionerRef?: string;
}

export interface LegalHoldPlaced {
  readonly type: 'LegalHoldPlaced';
  readonly schemaVersion: 1;
  readonly data: { readonly subjectId: string; readonly reason: string; readonly placedBy: PrivacyActor; readonly placedAt: string };
}

export interface LegalHoldLifted {
  readonly type: 'LegalHoldLifted';
  readonly schemaVersion: 1;
  readonly data: { readonly subjectId: string; readonly reason: string; readonly liftedBy: PrivacyActor; readonly liftedAt: string };
}

/**
 * The subject's key was destroyed: every personal field protected by it reads as erased from now
 * on, in the log and (once projected) in every read model. The log itself is not rewritten.
 */
export interface SubjectErased {
  readonly type: 'SubjectErased';
  readonly schemaVersion: 1;
  readonly data: { readonly subjectId: string; readonly reason: string; readonly erasedBy: PrivacyActor; readonly erasedAt: string };
}

export type PrivacyEvent = LegalHoldPlaced | LegalHoldLifted | SubjectErased;
