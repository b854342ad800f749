import { SCHEMA_VERSIONS } from '../events/upcasting';
import { ERASED, PERSONAL_FIELDS, personalFieldsOf, protectingSubjects, redactPersonalData } from './personal-data';

describe('personal fields', () => {
  it('decides for every event type the platform writes', () => {
    const undecided = Object.keys(SCHEMA_VERSIONS).filter((type) => !(type in PERSONAL_FIELDS));
    expect(undecided).toEqual([]);
  });

  it('treats an unlisted type like an agency entry: its summary is personal', () => {
    expect(personalFieldsOf('SomethingNew').map((f) => f.path)).toEqual([['summary']]);
  });

  it('names every subject an event mentions, sorted, as its protecting keys', () => {
    expect(protectingSubjects({ subjects: ['c', 'a'], related: 'b', pair: ['d', 'a'], child: 'c', subjectId: 'e' })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(protectingSubjects({ agencyId: 'x' })).toEqual([]);
  });

  it('redacts the personal fields of an event naming the erased subject, and only those', () => {
    const data = {
      subjects: ['child-1', 'adult-1'],
      summary: 'Synthetic Name told the officer',
      reason: 'data_protection',
      changes: { summary: 'Other words', severity: 'high' },
      severity: 'high',
    };
    expect(redactPersonalData('EntryCorrected', data, 'adult-1')).toEqual({
      subjects: ['child-1', 'adult-1'],
      summary: ERASED,
      reason: ERASED, // a correction's reason is always the agency's words
      changes: { summary: ERASED, severity: 'high' },
      severity: 'high',
    });
    expect(redactPersonalData('InformationRequestAnswered', data, 'child-1')).toMatchObject({ summary: ERASED, reason: 'data_protection' });
    expect(redactPersonalData('ContactRecorded', data, 'someone-else')).toBe(data);
  });

  it('redacts an agency identifier of its own subject', () => {
    expect(redactPersonalData('LocalIdentifierRecorded', { subjectId: 's', scheme: 'nhs_number', value: '999 000 0000' }, 's')).toMatchObject({ value: ERASED });
  });
});

describe('personal fields of the audit of reads', () => {
  it('keeps a read whole (its purpose is an id, never free text) and erases a break-glass reason with the child', () => {
    const read = { children: ['child-9'], purpose: 'review:RR-2024-007', reader: { agencyId: 'a', role: 'reviewer' } };
    expect(redactPersonalData('PersonalDataRead', read, 'child-9')).toBe(read);
    expect(redactPersonalData('BreakGlassGranted', { child: 'child-9', reason: 'Synthetic Name in ED' }, 'child-9')).toMatchObject({ reason: ERASED });
  });
});
