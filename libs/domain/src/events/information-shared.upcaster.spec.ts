import { upcast } from './upcasting';

/** Exactly as version 1 was written to the log (the `data` column), before consent was recorded. */
const STORED_V1 = `{
  "type": "InformationShared",
  "schemaVersion": 1,
  "data": {
    "entry": { "agency": "police-north", "entryId": "P-2019-0042" },
    "subjects": ["subj-child-0001", "subj-adult-0001"],
    "occurred": { "at": "2019-03-04T00:00:00.000Z", "precision": "day" },
    "recordedAt": "2019-03-05T00:00:00.000Z",
    "summary": "Conviction shared with social care",
    "to": "csc-north",
    "about": [{ "agency": "police-north", "entryId": "P-2019-0041" }],
    "categories": ["sexual_offence_history"],
    "lawfulBasis": "safeguarding_condition"
  }
}`;

describe('InformationShared version 1 to 2', () => {
  it('reads a stored version 1 sharing as version 2 whose consent was not recorded, every other field as it was', () => {
    const stored = JSON.parse(STORED_V1);

    const sut = upcast(stored);

    expect(sut).toEqual({ type: 'InformationShared', schemaVersion: 2, data: { ...stored.data, consent: 'not_recorded' } });
  });

  it('leaves the stored event as it was: the log is never rewritten', () => {
    const stored = JSON.parse(STORED_V1);

    upcast(stored);

    expect(stored).toEqual(JSON.parse(STORED_V1));
  });

  it('reads version 2 as it is, consent included', () => {
    const v2 = { type: 'InformationShared', schemaVersion: 2, data: { ...JSON.parse(STORED_V1).data, consent: 'overridden' } };

    expect(upcast(v2)).toBe(v2);
  });
});
