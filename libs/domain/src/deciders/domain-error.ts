/**
 * A rule the command broke, with a stable code the API maps to a status (the suffix decides:
 * *.NOT_FOUND -> 404, *.CONFLICT / *.ALREADY_* -> 409, *.INVALID -> 400, *.FORBIDDEN -> 403).
 * Messages name ids and codes, never a person's details.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The input field at fault, when there is one (for problem+json `errors`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const errors = {
  occurredInFuture: (at: string, now: string) =>
    new DomainError('ENTRY.OCCURRED_IN_FUTURE.INVALID', `occurredAt ${at} lies after now (${now})`, 'occurred.at'),
  recordedBeforeOccurred: (recordedAt: string, at: string) =>
    new DomainError('ENTRY.RECORDED_BEFORE_OCCURRED.INVALID', `recordedAt ${recordedAt} lies before occurredAt ${at}`, 'recordedAt'),
  // The request's field (and the chronology's entry_id column), not the event's `entry.entryId`.
  entryIdReused: (ref: string) => new DomainError('ENTRY.ID_REUSED.CONFLICT', `Entry ${ref} was already recorded with other content`, 'entryId'),
  entryNotFound: (ref: string) => new DomainError('ENTRY.NOT_FOUND', `No entry ${ref}`, 'refersTo'),
  wrongEntryType: (ref: string, expected: string, actual: string) =>
    new DomainError('ENTRY.WRONG_TYPE.INVALID', `Entry ${ref} is a ${actual}, not a ${expected}`, 'refersTo'),
  alreadyAnswered: (ref: string) => new DomainError('ENTRY.ALREADY_ANSWERED', `Entry ${ref} already has its answer`, 'refersTo'),
  notAddressee: (ref: string, agency: string) =>
    new DomainError('ENTRY.NOT_ADDRESSEE.FORBIDDEN', `Agency ${agency} cannot answer ${ref}: it was not addressed to it`, 'agency'),
  notOwnEntry: (ref: string, agency: string) =>
    new DomainError('ENTRY.NOT_OWN_ENTRY.FORBIDDEN', `Agency ${agency} can only amend its own entries, not ${ref}`, 'refersTo'),
  retracted: (ref: string) => new DomainError('ENTRY.ALREADY_RETRACTED', `Entry ${ref} was retracted`, 'refersTo'),
  unknownField: (ref: string, field: string) =>
    new DomainError('ENTRY.CORRECTION_FIELD.INVALID', `A correction of ${ref} cannot change "${field}"`, `changes.${field}`),
  notSharedWithSelf: (ref: string) =>
    new DomainError('ENTRY.NOT_SHARED_WITH_SELF.INVALID', `Decision ${ref} names its own agency as the one not shared with`, 'to'),
  notSharedWithoutReason: (ref: string) =>
    new DomainError('ENTRY.NOT_SHARED_REASON.INVALID', `Decision ${ref} not to share must give its reason`, 'reason'),
  notSharedConsentOverridden: (ref: string) =>
    new DomainError(
      'ENTRY.NOT_SHARED_CONSENT.INVALID',
      `Decision ${ref} not to share cannot record consent as overridden: an overridden refusal is a sharing`,
      'consent',
    ),
  involvementAlreadyOpen: (agency: string, child: string) =>
    new DomainError('INVOLVEMENT.ALREADY_OPEN', `Agency ${agency} already has an open involvement with subject ${child}`),
  involvementNotOpen: (agency: string, child: string) =>
    new DomainError('INVOLVEMENT.NOT_OPEN.CONFLICT', `Agency ${agency} has no open involvement with subject ${child}`),
  subjectAlreadyRegistered: (subjectId: string) =>
    new DomainError('SUBJECT.ALREADY_REGISTERED', `Subject ${subjectId} is already registered differently`, 'subjectId'),
  subjectNotFound: (subjectId: string) => new DomainError('SUBJECT.NOT_FOUND', `No subject ${subjectId}`, 'subjects'),
  agencyAlreadyRegistered: (agencyId: string) =>
    new DomainError('AGENCY.ALREADY_REGISTERED', `Agency ${agencyId} is already registered differently`, 'agencyId'),
  identityAlreadyLinked: (pair: string) => new DomainError('IDENTITY.ALREADY_LINKED', `Subjects ${pair} are already linked`),
  identityNotLinked: (pair: string) => new DomainError('IDENTITY.NOT_LINKED.CONFLICT', `Subjects ${pair} are not linked`),
  identitySelfLink: (subject: string) =>
    new DomainError('IDENTITY.SAME_SUBJECT.INVALID', `A subject cannot be linked to itself (${subject})`, 'subjects'),
};
