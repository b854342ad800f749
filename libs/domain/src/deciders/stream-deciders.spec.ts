import type { AgencyRegistered } from '../events/agency.events';
import type { LocalIdentifierRecorded } from '../events/subject.events';
import {
  aPersonRegistered,
  anInvolvementClosed,
  anInvolvementOpened,
  facts,
  NOW,
  subjectsLinked,
  subjectsUnlinked,
} from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { agencyDecider } from './agency.decider';
import { identityDecider } from './identity.decider';
import { involvementDecider } from './involvement.decider';
import { subjectDecider } from './subject.decider';

describe('involvementDecider', () => {
  const sut = spec(involvementDecider);
  const reopened = anInvolvementOpened(facts({ entry: { agency: 'csc-north', entryId: 'C-3' }, occurred: { at: '2024-05-25T09:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-25T09:00:00.000Z' }));

  it('opens, closes and reopens', () => {
    sut.given([]).when({ type: 'OpenInvolvement', event: anInvolvementOpened(), now: NOW }).then([anInvolvementOpened()]);
    sut.given([anInvolvementOpened()]).when({ type: 'CloseInvolvement', event: anInvolvementClosed(), now: NOW }).then([anInvolvementClosed()]);
    sut.given([anInvolvementOpened(), anInvolvementClosed()]).when({ type: 'OpenInvolvement', event: reopened, now: NOW }).then([reopened]);
  });

  it('closes only an open involvement', () => {
    sut.given([]).when({ type: 'CloseInvolvement', event: anInvolvementClosed(), now: NOW }).thenRejects('INVOLVEMENT.NOT_OPEN.CONFLICT');
  });

  it('does not open twice', () => {
    sut.given([anInvolvementOpened()]).when({ type: 'OpenInvolvement', event: reopened, now: NOW }).thenRejects('INVOLVEMENT.ALREADY_OPEN');
  });

  it('a retried close appends nothing', () => {
    sut.given([anInvolvementOpened(), anInvolvementClosed()]).when({ type: 'CloseInvolvement', event: anInvolvementClosed(), now: NOW }).then([]);
  });
});

describe('subjectDecider', () => {
  const sut = spec(subjectDecider);
  const identifier: LocalIdentifierRecorded = {
    type: 'LocalIdentifierRecorded',
    schemaVersion: 1,
    data: { subjectId: 'subj-child-0001', agency: 'health-east', scheme: 'nhs_number', value: '999 000 0001', recordedAt: NOW },
  };

  it('registers a person once; a retry appends nothing; another registration is refused', () => {
    sut.given([]).when({ type: 'RegisterPerson', event: aPersonRegistered(), now: NOW }).then([aPersonRegistered()]);
    sut.given([aPersonRegistered()]).when({ type: 'RegisterPerson', event: aPersonRegistered(), now: NOW }).then([]);
    sut.given([aPersonRegistered()]).when({ type: 'RegisterPerson', event: aPersonRegistered({ kind: 'adult' }), now: NOW }).thenRejects('SUBJECT.ALREADY_REGISTERED');
  });

  it('records agencies’ own identifiers only for a registered subject, each once', () => {
    sut.given([]).when({ type: 'RecordLocalIdentifier', event: identifier }).thenRejects('SUBJECT.NOT_FOUND');
    sut.given([aPersonRegistered()]).when({ type: 'RecordLocalIdentifier', event: identifier }).then([identifier]);
    sut.given([aPersonRegistered(), identifier]).when({ type: 'RecordLocalIdentifier', event: identifier }).then([]);
  });
});

describe('agencyDecider', () => {
  const sut = spec(agencyDecider);
  const registered = (name = 'Northshire Police', at = NOW): AgencyRegistered => ({
    type: 'AgencyRegistered',
    schemaVersion: 1,
    data: { agencyId: 'police-north', name, kind: 'police', registeredAt: at },
  });

  it('registers an agency; re-registering it unchanged later appends nothing; changed is refused', () => {
    sut.given([]).when({ type: 'RegisterAgency', event: registered() }).then([registered()]);
    sut.given([registered()]).when({ type: 'RegisterAgency', event: registered(undefined, '2024-07-01T00:00:00.000Z') }).then([]);
    sut.given([registered()]).when({ type: 'RegisterAgency', event: registered('Other') }).thenRejects('AGENCY.ALREADY_REGISTERED');
  });
});

describe('identityDecider', () => {
  const sut = spec(identityDecider);

  it('links, unlinks, and refuses what does not follow', () => {
    sut.given([]).when({ type: 'LinkSubjects', event: subjectsLinked(), now: NOW }).then([subjectsLinked()]);
    sut.given([subjectsLinked()]).when({ type: 'UnlinkSubjects', event: subjectsUnlinked(), now: NOW }).then([subjectsUnlinked()]);
    sut.given([]).when({ type: 'UnlinkSubjects', event: subjectsUnlinked(), now: NOW }).thenRejects('IDENTITY.NOT_LINKED.CONFLICT');
    const second = subjectsLinked(facts({ entry: { agency: 'health-east', entryId: 'H-L' }, subjects: ['subj-child-0001', 'subj-child-0002'] }));
    sut.given([subjectsLinked()]).when({ type: 'LinkSubjects', event: second, now: NOW }).thenRejects('IDENTITY.ALREADY_LINKED');
  });

  it('a subject is not linked to itself', () => {
    const self = subjectsLinked({ pair: ['subj-child-0001', 'subj-child-0001'] });
    sut.given([]).when({ type: 'LinkSubjects', event: self, now: NOW }).thenRejects('IDENTITY.SAME_SUBJECT.INVALID');
  });
});
