import type { EntryFacts } from '../events/common';
import type {
  ConcernRecorded,
  ContactRecorded,
  EntryCorrected,
  EntryLocated,
  EntryRetracted,
  InformationShared,
  InformationNotShared,
  InformationRequestAnswered,
  InformationRequested,
  ReferralMade,
  ReferralOutcomeRecorded,
} from '../events/entry.events';
import type { InvolvementClosed, InvolvementOpened } from '../events/involvement.events';
import type { PersonRegistered, SubjectsLinked, SubjectsUnlinked } from '../events/subject.events';

/** Fixed clock and synthetic people: every test reads the same story. */
export const NOW = '2024-06-01T12:00:00.000Z';
export const CHILD = 'subj-child-0001';
export const ADULT = 'subj-adult-0001';

export function facts(overrides: Partial<EntryFacts> = {}): EntryFacts {
  return {
    entry: { agency: 'police-north', entryId: 'P-100' },
    subjects: [CHILD],
    occurred: { at: '2024-05-01T09:00:00.000Z', precision: 'day' },
    recordedAt: '2024-05-01T17:00:00.000Z',
    ...overrides,
  };
}

type Data<E extends { data: unknown }> = Partial<E['data']>;

export const aContactRecorded = (d: Data<ContactRecorded> = {}): ContactRecorded => ({
  type: 'ContactRecorded',
  schemaVersion: 1,
  data: { ...facts(), contactType: 'home_visit', childSeen: false, outcome: 'no_access', ...d },
});
export const aConcernRecorded = (d: Data<ConcernRecorded> = {}): ConcernRecorded => ({
  type: 'ConcernRecorded',
  schemaVersion: 1,
  data: { ...facts(), categories: ['domestic_abuse'], severity: 'high', ...d },
});
export const aReferralMade = (d: Data<ReferralMade> = {}): ReferralMade => ({
  type: 'ReferralMade',
  schemaVersion: 1,
  data: { ...facts(), from: 'police-north', to: 'csc-north', categories: ['domestic_abuse'], ...d },
});
export const aReferralOutcomeRecorded = (d: Data<ReferralOutcomeRecorded> = {}): ReferralOutcomeRecorded => ({
  type: 'ReferralOutcomeRecorded',
  schemaVersion: 1,
  data: {
    ...facts({ entry: { agency: 'csc-north', entryId: 'C-7' }, occurred: { at: '2024-05-02T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-02T10:00:00.000Z' }),
    answers: { agency: 'police-north', entryId: 'P-100' },
    outcome: 'no_further_action',
    ...d,
  },
});
export const anInformationRequested = (d: Data<InformationRequested> = {}): InformationRequested => ({
  type: 'InformationRequested',
  schemaVersion: 1,
  data: { ...facts({ entry: { agency: 'csc-north', entryId: 'C-9' } }), to: 'probation-north', categories: ['sexual_offence_history'], ...d },
});
export const anInformationRequestAnswered = (d: Data<InformationRequestAnswered> = {}): InformationRequestAnswered => ({
  type: 'InformationRequestAnswered',
  schemaVersion: 1,
  data: {
    ...facts({ entry: { agency: 'probation-north', entryId: 'PR-3' }, occurred: { at: '2024-05-03T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-03T10:00:00.000Z' }),
    answers: { agency: 'csc-north', entryId: 'C-9' },
    response: 'declined',
    reason: 'data_protection',
    ...d,
  },
});
export const anEntryCorrected = (d: Data<EntryCorrected> = {}): EntryCorrected => ({
  type: 'EntryCorrected',
  schemaVersion: 1,
  data: {
    ...facts({ entry: { agency: 'police-north', entryId: 'P-101' }, occurred: { at: '2024-05-05T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-05T10:00:00.000Z' }),
    amends: { agency: 'police-north', entryId: 'P-100' },
    changes: { severity: 'medium' },
    reason: 'severity mis-keyed',
    ...d,
  },
});
export const anEntryRetracted = (d: Data<EntryRetracted> = {}): EntryRetracted => ({
  type: 'EntryRetracted',
  schemaVersion: 1,
  data: {
    ...facts({ entry: { agency: 'police-north', entryId: 'P-102' }, occurred: { at: '2024-05-06T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-06T10:00:00.000Z' }),
    amends: { agency: 'police-north', entryId: 'P-100' },
    reason: 'recorded against the wrong child',
    ...d,
  },
});
export const anInformationShared = (d: Data<InformationShared> = {}): InformationShared => ({
  type: 'InformationShared',
  schemaVersion: 2,
  data: {
    ...facts({ entry: { agency: 'police-north', entryId: 'P-104' } }),
    to: 'csc-north',
    about: [{ agency: 'police-north', entryId: 'P-100' }],
    categories: ['domestic_abuse'],
    lawfulBasis: 'safeguarding_condition',
    consent: 'not_recorded',
    ...d,
  },
});
export const anInformationNotShared = (d: Data<InformationNotShared> = {}): InformationNotShared => ({
  type: 'InformationNotShared',
  schemaVersion: 1,
  data: {
    ...facts({ entry: { agency: 'police-north', entryId: 'P-105' } }),
    to: 'health-east',
    about: [{ agency: 'police-north', entryId: 'P-100' }],
    categories: ['domestic_abuse'],
    reason: 'consent_refused',
    consent: 'refused',
    ...d,
  },
});
/** The pointer that reserves csc-north:C-7, the outcome kept with police-north:P-100. */
export const anEntryLocated = (d: Data<EntryLocated> = {}): EntryLocated => ({
  type: 'EntryLocated',
  schemaVersion: 1,
  data: { entry: { agency: 'csc-north', entryId: 'C-7' }, within: { agency: 'police-north', entryId: 'P-100' }, ...d },
});
export const anInvolvementOpened = (d: Data<InvolvementOpened> = {}): InvolvementOpened => ({
  type: 'InvolvementOpened',
  schemaVersion: 1,
  data: { ...facts({ entry: { agency: 'csc-north', entryId: 'C-1' } }), child: CHILD, lead: true, ...d },
});
export const anInvolvementClosed = (d: Data<InvolvementClosed> = {}): InvolvementClosed => ({
  type: 'InvolvementClosed',
  schemaVersion: 1,
  data: { ...facts({ entry: { agency: 'csc-north', entryId: 'C-2' }, occurred: { at: '2024-05-20T09:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-20T09:00:00.000Z' }), child: CHILD, ...d },
});
export const aPersonRegistered = (d: Data<PersonRegistered> = {}): PersonRegistered => ({
  type: 'PersonRegistered',
  schemaVersion: 1,
  data: { ...facts({ entry: { agency: 'csc-north', entryId: 'C-0' } }), subjectId: CHILD, kind: 'child', ...d },
});
export const subjectsLinked = (d: Data<SubjectsLinked> = {}): SubjectsLinked => ({
  type: 'SubjectsLinked',
  schemaVersion: 1,
  data: { ...facts({ entry: { agency: 'csc-north', entryId: 'C-L1' }, subjects: [CHILD, 'subj-child-0002'] }), pair: [CHILD, 'subj-child-0002'], ...d },
});
export const subjectsUnlinked = (d: Data<SubjectsUnlinked> = {}): SubjectsUnlinked => ({
  type: 'SubjectsUnlinked',
  schemaVersion: 1,
  data: { ...facts({ entry: { agency: 'csc-north', entryId: 'C-L2' }, subjects: [CHILD, 'subj-child-0002'] }), pair: [CHILD, 'subj-child-0002'], ...d },
});
