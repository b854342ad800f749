import type { IDENTIFIER_SCHEMES, SUBJECT_KINDS } from '../vocabulary/entry-values';
import type { EntryFacts } from './common';

export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export type IdentifierScheme = (typeof IDENTIFIER_SCHEMES)[number];

export interface PersonRegistered {
  readonly type: 'PersonRegistered';
  readonly schemaVersion: 1;
  readonly data: EntryFacts & { readonly subjectId: string; readonly kind: SubjectKind };
}

/** An agency's own identifier for a subject (NHS number, UPN, police id, local-authority id). */
export interface LocalIdentifierRecorded {
  readonly type: 'LocalIdentifierRecorded';
  readonly schemaVersion: 1;
  readonly data: {
    readonly subjectId: string;
    readonly agency: string;
    readonly scheme: IdentifierScheme;
    readonly value: string;
    readonly recordedAt: string;
  };
}

export type SubjectEvent = PersonRegistered | LocalIdentifierRecorded;

/** Two subject records found to be the same person, and the undoing of that finding. */
export interface SubjectsLinked {
  readonly type: 'SubjectsLinked';
  readonly schemaVersion: 1;
  readonly data: EntryFacts & { readonly pair: readonly [string, string] };
}

export interface SubjectsUnlinked {
  readonly type: 'SubjectsUnlinked';
  readonly schemaVersion: 1;
  readonly data: EntryFacts & { readonly pair: readonly [string, string]; readonly reason?: string };
}

export type IdentityEvent = SubjectsLinked | SubjectsUnlinked;
