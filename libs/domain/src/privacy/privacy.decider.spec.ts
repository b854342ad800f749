import { spec } from '../testing/given-when-then';
import { privacyDecider, type PrivacyCommand } from './privacy.decider';
import type { LegalHoldLifted, LegalHoldPlaced, SubjectErased } from './privacy.events';

const by = { agencyId: 'council-west', role: 'administrator' };
const now = '2025-01-02T03:04:05.000Z';
const subjectId = 'subj-synthetic-1';
const command = (type: PrivacyCommand['type'], reason = 'Court order 123'): PrivacyCommand => ({ type, subjectId, reason, by, now });
const placed: LegalHoldPlaced = { type: 'LegalHoldPlaced', schemaVersion: 1, data: { subjectId, reason: 'Court order 123', placedBy: by, placedAt: now } };
const lifted: LegalHoldLifted = { type: 'LegalHoldLifted', schemaVersion: 1, data: { subjectId, reason: 'Court order 123', liftedBy: by, liftedAt: now } };
const erased: SubjectErased = { type: 'SubjectErased', schemaVersion: 1, data: { subjectId, reason: 'Court order 123', erasedBy: by, erasedAt: now } };

describe('privacyDecider', () => {
  const sut = spec(privacyDecider);

  it('erases a subject without a hold', () => sut.given([]).when(command('EraseSubject')).then([erased]));
  it('refuses to erase under a legal hold', () => sut.given([placed]).when(command('EraseSubject')).thenRejects('SUBJECT.LEGAL_HOLD.CONFLICT'));
  it('erases once the hold is lifted', () => sut.given([placed, lifted]).when(command('EraseSubject')).then([erased]));
  it('decides nothing on a second erasure', () => sut.given([erased]).when(command('EraseSubject')).then([]));
  it('needs a reason', () => sut.given([]).when(command('EraseSubject', '  ')).thenRejects('SUBJECT.REASON.INVALID', 'reason'));
  it('places a hold once', () => {
    sut.given([]).when(command('PlaceLegalHold')).then([placed]);
    sut.given([placed]).when(command('PlaceLegalHold')).then([]);
  });
  it('cannot hold what was erased', () => sut.given([erased]).when(command('PlaceLegalHold')).thenRejects('SUBJECT.ALREADY_ERASED'));
  it('cannot lift a hold that is not there', () => sut.given([]).when(command('LiftLegalHold')).thenRejects('SUBJECT.NO_LEGAL_HOLD.CONFLICT'));
});
