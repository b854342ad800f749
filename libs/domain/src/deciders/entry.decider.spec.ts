import type { EntryStreamEvent } from '../events/entry.events';
import { upcast } from '../events/upcasting';
import {
  aConcernRecorded,
  aContactRecorded,
  aReferralMade,
  aReferralOutcomeRecorded,
  anEntryCorrected,
  anEntryLocated,
  anEntryRetracted,
  anInformationShared,
  anInformationNotShared,
  anInformationRequestAnswered,
  anInformationRequested,
  facts,
  NOW,
} from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { entryDecider } from './entry.decider';

const sut = spec(entryDecider);

describe('entryDecider: recording an entry', () => {
  it('records a new entry', () => {
    sut.given([]).when({ type: 'RecordEntry', event: aContactRecorded(), now: NOW }).then([aContactRecorded()]);
  });

  it('a retry with the same content appends nothing', () => {
    sut.given([aContactRecorded()]).when({ type: 'RecordEntry', event: aContactRecorded(), now: NOW }).then([]);
  });

  it('the same entry id with other content is a conflict', () => {
    sut
      .given([aContactRecorded()])
      .when({ type: 'RecordEntry', event: aContactRecorded({ outcome: 'completed' }), now: NOW })
      .thenRejects('ENTRY.ID_REUSED.CONFLICT', 'entryId');
  });

  it.each([
    ['occurred after now', facts({ occurred: { at: '2024-06-02T00:00:00.000Z', precision: 'day' } }), 'ENTRY.OCCURRED_IN_FUTURE.INVALID'],
    ['recorded the day before it occurred', facts({ recordedAt: '2024-04-30T23:00:00.000Z' }), 'ENTRY.RECORDED_BEFORE_OCCURRED.INVALID'],
  ])('rejects an entry %s', (_label, overrides, code) => {
    sut.given([]).when({ type: 'RecordEntry', event: aConcernRecorded(overrides), now: NOW }).thenRejects(code);
  });

  it('a month-precise date recorded inside its month is fine', () => {
    const event = aConcernRecorded(facts({ occurred: { at: '2024-05-01T00:00:00.000Z', precision: 'month' }, recordedAt: '2024-04-30T12:00:00.000Z' }));
    sut.given([]).when({ type: 'RecordEntry', event, now: NOW }).then([event]);
  });
});

describe('entryDecider: answers', () => {
  it.each<[string, EntryStreamEvent[], string]>([
    ['a referral that is not in the stream', [], 'ENTRY.NOT_FOUND'],
    ['an entry that is not a referral', [aConcernRecorded()], 'ENTRY.WRONG_TYPE.INVALID'],
    ['a referral already answered', [aReferralMade(), aReferralOutcomeRecorded()], 'ENTRY.ALREADY_ANSWERED'],
    ['a retracted referral', [aReferralMade(), anEntryRetracted()], 'ENTRY.ALREADY_RETRACTED'],
  ])('an outcome cannot answer %s', (_label, history, code) => {
    const second = aReferralOutcomeRecorded(facts({ entry: { agency: 'csc-north', entryId: 'C-8' }, recordedAt: '2024-05-02T10:00:00.000Z', occurred: { at: '2024-05-02T10:00:00.000Z', precision: 'day' } }));
    sut.given(history).when({ type: 'AnswerReferral', event: history.length === 2 ? second : aReferralOutcomeRecorded(), now: NOW }).thenRejects(code);
  });

  it('the agency the referral went to records its outcome once', () => {
    sut.given([aReferralMade()]).when({ type: 'AnswerReferral', event: aReferralOutcomeRecorded(), now: NOW }).then([aReferralOutcomeRecorded()]);
  });

  it('a retried outcome appends nothing', () => {
    sut.given([aReferralMade(), aReferralOutcomeRecorded()]).when({ type: 'AnswerReferral', event: aReferralOutcomeRecorded(), now: NOW }).then([]);
  });

  it('another agency cannot answer a referral not addressed to it', () => {
    const event = aReferralOutcomeRecorded(facts({ entry: { agency: 'health-east', entryId: 'H-1' }, occurred: { at: '2024-05-02T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-02T10:00:00.000Z' }));
    sut.given([aReferralMade()]).when({ type: 'AnswerReferral', event, now: NOW }).thenRejects('ENTRY.NOT_ADDRESSEE.FORBIDDEN', 'agency');
  });

  it('a declined information request is answered by the agency asked', () => {
    sut
      .given([anInformationRequested()])
      .when({ type: 'AnswerRequest', event: anInformationRequestAnswered(), now: NOW })
      .then([anInformationRequestAnswered()]);
  });
});

describe('entryDecider: corrections and retractions', () => {
  it('the recording agency corrects a field of its entry', () => {
    sut.given([aConcernRecorded()]).when({ type: 'CorrectEntry', event: anEntryCorrected(), now: NOW }).then([anEntryCorrected()]);
  });

  it.each<[string, EntryStreamEvent[], Parameters<typeof anEntryCorrected>[0], string]>([
    ['an entry that does not exist', [], {}, 'ENTRY.NOT_FOUND'],
    ['a field the entry does not have', [aConcernRecorded()], { changes: { outcome: 'completed' } }, 'ENTRY.CORRECTION_FIELD.INVALID'],
    ['its entry reference', [aConcernRecorded()], { changes: { entry: { agency: 'x', entryId: 'y' } } }, 'ENTRY.CORRECTION_FIELD.INVALID'],
    ['another agency’s entry', [aConcernRecorded()], facts({ entry: { agency: 'health-east', entryId: 'H-9' }, recordedAt: '2024-05-05T10:00:00.000Z', occurred: { at: '2024-05-05T10:00:00.000Z', precision: 'day' } }), 'ENTRY.NOT_OWN_ENTRY.FORBIDDEN'],
    ['a retracted entry', [aConcernRecorded(), anEntryRetracted()], {}, 'ENTRY.ALREADY_RETRACTED'],
  ])('a correction of %s is refused', (_label, history, overrides, code) => {
    sut.given(history).when({ type: 'CorrectEntry', event: anEntryCorrected(overrides), now: NOW }).thenRejects(code);
  });

  it('an agency corrects its own answer inside the answered entry’s stream', () => {
    const correction = anEntryCorrected({
      ...facts({ entry: { agency: 'csc-north', entryId: 'C-99' }, occurred: { at: '2024-05-05T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-05T10:00:00.000Z' }),
      amends: { agency: 'csc-north', entryId: 'C-7' },
      changes: { outcome: 'assessment' },
    });
    sut.given([aReferralMade(), aReferralOutcomeRecorded()]).when({ type: 'CorrectEntry', event: correction, now: NOW }).then([correction]);
  });

  it('an entry is retracted at most once', () => {
    sut.given([aConcernRecorded()]).when({ type: 'RetractEntry', event: anEntryRetracted(), now: NOW }).then([anEntryRetracted()]);
    const again = anEntryRetracted(facts({ entry: { agency: 'police-north', entryId: 'P-103' }, occurred: { at: '2024-05-06T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-06T10:00:00.000Z' }));
    sut.given([aConcernRecorded(), anEntryRetracted()]).when({ type: 'RetractEntry', event: again, now: NOW }).thenRejects('ENTRY.ALREADY_RETRACTED');
  });
});

describe('entryDecider: retries', () => {
  it('a retry recorded at another time (the server clock) is still a retry', () => {
    const later = aContactRecorded(facts({ recordedAt: '2024-05-02T08:00:00.000Z' }));
    sut.given([aContactRecorded()]).when({ type: 'RecordEntry', event: later, now: NOW }).then([]);
  });
});

describe('entryDecider: a decision not to share', () => {
  it('is recorded as an entry with its reason', () => {
    sut.given([]).when({ type: 'RecordEntry', event: anInformationNotShared(), now: NOW }).then([anInformationNotShared()]);
  });

  it('a retry appends nothing; the same id with another reason is a conflict', () => {
    sut.given([anInformationNotShared()]).when({ type: 'RecordEntry', event: anInformationNotShared(), now: NOW }).then([]);
    sut
      .given([anInformationNotShared()])
      .when({ type: 'RecordEntry', event: anInformationNotShared({ reason: 'not_necessary' }), now: NOW })
      .thenRejects('ENTRY.ID_REUSED.CONFLICT', 'entryId');
  });

  it.each([
    ['names its own agency', { to: 'police-north' }, 'ENTRY.NOT_SHARED_WITH_SELF.INVALID', 'to'],
    ['gives no reason', { reason: '  ' }, 'ENTRY.NOT_SHARED_REASON.INVALID', 'reason'],
    ['says a refusal was overridden (that is a sharing)', { consent: 'overridden' as const }, 'ENTRY.NOT_SHARED_CONSENT.INVALID', 'consent'],
  ])('is refused when it %s', (_label, overrides, code, field) => {
    sut.given([]).when({ type: 'RecordEntry', event: anInformationNotShared(overrides), now: NOW }).thenRejects(code, field);
  });

  it('can be corrected, but not into an overridden refusal', () => {
    const later = facts({ entry: { agency: 'police-north', entryId: 'P-106' }, occurred: { at: '2024-05-05T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-05T10:00:00.000Z' });
    const amends = { agency: 'police-north', entryId: 'P-105' };
    const fine = anEntryCorrected({ ...later, amends, changes: { reason: 'not_proportionate' } });
    sut.given([anInformationNotShared()]).when({ type: 'CorrectEntry', event: fine, now: NOW }).then([fine]);
    const overridden = anEntryCorrected({ ...later, amends, changes: { consent: 'overridden' } });
    sut.given([anInformationNotShared()]).when({ type: 'CorrectEntry', event: overridden, now: NOW }).thenRejects('ENTRY.NOT_SHARED_CONSENT.INVALID', 'consent');
  });
});

describe('entryDecider: a sharing stored as version 1 (folded upcast, as every reader folds it)', () => {
  /** As the log holds it: written before consent was recorded. */
  const storedV1 = upcast(
    JSON.parse(`{
      "type": "InformationShared",
      "schemaVersion": 1,
      "data": {
        "entry": { "agency": "police-north", "entryId": "P-104" },
        "subjects": ["subj-child-0001"],
        "occurred": { "at": "2024-05-01T09:00:00.000Z", "precision": "day" },
        "recordedAt": "2024-05-01T17:00:00.000Z",
        "to": "csc-north",
        "about": [{ "agency": "police-north", "entryId": "P-100" }],
        "categories": ["domestic_abuse"],
        "lawfulBasis": "safeguarding_condition"
      }
    }`),
  ) as EntryStreamEvent;

  it('a retry of the old write (which could not say anything about consent) appends nothing', () => {
    sut.given([storedV1]).when({ type: 'RecordEntry', event: anInformationShared(), now: NOW }).then([]);
  });

  it('the same entry id claiming consent was given is other content, not a retry', () => {
    sut
      .given([storedV1])
      .when({ type: 'RecordEntry', event: anInformationShared({ consent: 'given' }), now: NOW })
      .thenRejects('ENTRY.ID_REUSED.CONFLICT', 'entryId');
  });

  it('its consent can be corrected, as a field the entry has', () => {
    const correction = anEntryCorrected({
      ...facts({ entry: { agency: 'police-north', entryId: 'P-105' }, occurred: { at: '2024-05-05T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-05T10:00:00.000Z' }),
      amends: { agency: 'police-north', entryId: 'P-104' },
      changes: { consent: 'not_sought' },
    });
    sut.given([storedV1]).when({ type: 'CorrectEntry', event: correction, now: NOW }).then([correction]);
  });
});

describe('entryDecider: the entry locator (the stream of an answer’s or amendment’s own id)', () => {
  it('reserves the id of an entry kept in another entry’s stream', () => {
    sut.given([]).when({ type: 'LocateEntry', event: anEntryLocated() }).then([anEntryLocated()]);
  });

  it('the same pointer again is a retry', () => {
    sut.given([anEntryLocated()]).when({ type: 'LocateEntry', event: anEntryLocated() }).then([]);
  });

  it.each<[string, EntryStreamEvent[]]>([
    ['an entry recorded under that id', [aContactRecorded(facts({ entry: { agency: 'csc-north', entryId: 'C-7' } }))]],
    ['a pointer to another entry’s stream', [anEntryLocated({ within: { agency: 'police-north', entryId: 'P-555' } })]],
  ])('refuses an id already taken by %s', (_label, history) => {
    sut.given(history).when({ type: 'LocateEntry', event: anEntryLocated() }).thenRejects('ENTRY.ID_REUSED.CONFLICT', 'entryId');
  });

  it('refuses to record an entry under an id an answer already holds', () => {
    const contact = aContactRecorded(facts({ entry: { agency: 'csc-north', entryId: 'C-7' } }));
    sut.given([anEntryLocated()]).when({ type: 'RecordEntry', event: contact, now: NOW }).thenRejects('ENTRY.ID_REUSED.CONFLICT', 'entryId');
  });

  it('an amendment is decided where the entry lives, never on its pointer', () => {
    const correction = anEntryCorrected({
      ...facts({ entry: { agency: 'csc-north', entryId: 'C-99' }, occurred: { at: '2024-05-05T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-05T10:00:00.000Z' }),
      amends: { agency: 'csc-north', entryId: 'C-7' },
      changes: { outcome: 'assessment' },
    });
    sut.given([anEntryLocated()]).when({ type: 'CorrectEntry', event: correction, now: NOW }).thenRejects('ENTRY.NOT_FOUND');
  });

  it('a retraction of an answer by its own id is decided in the answered entry’s stream; nothing is amended after it', () => {
    const retraction = anEntryRetracted({
      ...facts({ entry: { agency: 'csc-north', entryId: 'C-98' }, occurred: { at: '2024-05-06T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-06T10:00:00.000Z' }),
      amends: { agency: 'csc-north', entryId: 'C-7' },
    });
    const correction = anEntryCorrected({
      ...facts({ entry: { agency: 'csc-north', entryId: 'C-99' }, occurred: { at: '2024-05-07T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-07T10:00:00.000Z' }),
      amends: { agency: 'csc-north', entryId: 'C-7' },
      changes: { outcome: 'assessment' },
    });
    sut.given([aReferralMade(), aReferralOutcomeRecorded()]).when({ type: 'RetractEntry', event: retraction, now: NOW }).then([retraction]);
    sut.given([aReferralMade(), aReferralOutcomeRecorded(), retraction]).when({ type: 'CorrectEntry', event: correction, now: NOW }).thenRejects('ENTRY.ALREADY_RETRACTED');
  });

  it('only the agency that recorded the answer amends it', () => {
    const byPolice = anEntryCorrected({ amends: { agency: 'csc-north', entryId: 'C-7' }, changes: { outcome: 'assessment' } });
    sut.given([aReferralMade(), aReferralOutcomeRecorded()]).when({ type: 'CorrectEntry', event: byPolice, now: NOW }).thenRejects('ENTRY.NOT_OWN_ENTRY.FORBIDDEN');
  });

  it('an answer naming another answer (not a referral) says what it named', () => {
    const second = aReferralOutcomeRecorded({
      ...facts({ entry: { agency: 'csc-north', entryId: 'C-8' }, occurred: { at: '2024-05-03T10:00:00.000Z', precision: 'day' }, recordedAt: '2024-05-03T10:00:00.000Z' }),
      answers: { agency: 'csc-north', entryId: 'C-7' },
    });
    sut.given([aReferralMade(), aReferralOutcomeRecorded()]).when({ type: 'AnswerReferral', event: second, now: NOW }).thenRejects('ENTRY.WRONG_TYPE.INVALID');
  });
});
