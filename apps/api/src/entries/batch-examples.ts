import { formatEntryRef, streams, type EntryRef } from '@casetrail/domain';
import { eventIdFor } from '@casetrail/recording';
import type { ExamplesObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * /docs examples of POST /entries/batch: a police call-out written up as three entries, all or
 * none. Synthetic people; the event ids are the ones the API derives, so the examples are the
 * exact answers (the e2e suite posts the request and compares).
 */
const CHILD = 'subj-child-0001';
const PARTNER = 'subj-adult-0007';
const police = (entryId: string): EntryRef => ({ agency: 'police-north', entryId });

export const BATCH_REQUEST_EXAMPLES: ExamplesObject = {
  callOut: {
    summary: 'A call-out: the partner registered, a concern, a referral to social care',
    description: 'Each item is {"kind": <kind of entry>, "entry": <the body of POST /entries/<kind>>}.',
    value: {
      entries: [
        {
          kind: 'person',
          entry: { entryId: 'P-2041', subjects: [PARTNER], occurred: { date: '2024-05-01', time: '22:40' }, kind: 'adult', summary: "Mother's partner, present at the call-out" },
        },
        {
          kind: 'concern',
          entry: {
            entryId: 'P-2042',
            subjects: [CHILD, PARTNER],
            occurred: { date: '2024-05-01', time: '22:40' },
            categories: ['domestic_abuse', 'sexual_offence_history'],
            severity: 'high',
            source: 'member_of_public',
            summary: 'Neighbour reported raised voices; the partner has a previous conviction',
          },
        },
        {
          kind: 'referral',
          entry: { entryId: 'P-2043', subjects: [CHILD], occurred: { date: '2024-05-02', time: '09:15' }, to: 'csc-north', categories: ['domestic_abuse'] },
        },
      ],
    },
  },
  flat: {
    summary: 'The short form: an item is its body with "kind" added (for kinds whose body has no "kind" field)',
    value: { entries: [{ kind: 'contact', entryId: 'P-2044', subjects: [CHILD], occurred: { date: '2024-05-03' }, contactType: 'home_visit', childSeen: false, outcome: 'no_access' }] },
  },
};

const recorded = (streamId: string, type: string, key: string) => ({ streamId, alreadyApplied: false, events: [{ eventId: eventIdFor(streamId, type, key), revision: '0' }] });
const entryRecorded = (ref: EntryRef, type: string) => recorded(streams.entry(ref), type, formatEntryRef(ref));
const created = {
  entries: [
    recorded(streams.subject(PARTNER), 'PersonRegistered', PARTNER),
    entryRecorded(police('P-2042'), 'ConcernRecorded'),
    entryRecorded(police('P-2043'), 'ReferralMade'),
  ],
};

const problem = (status: number, title: string, code: string, detail: string, field: string) => ({
  type: `urn:casetrail:problem:${code.toLowerCase()}`,
  title,
  status,
  detail,
  code,
  errors: [{ field, message: detail }],
  instance: '/entries/batch',
  correlationId: '5f0c6a8e-2d47-4d8e-9a51-0b6f4c2e7d19',
});

export const BATCH_RESPONSES = {
  created: { description: 'Every entry was recorded (one result per item, in order).', example: created },
  retried: {
    description: 'Every entry was already recorded with the same content (a retried batch): nothing was written.',
    example: { entries: created.entries.map((entry) => ({ ...entry, alreadyApplied: true })) },
  },
  invalid: {
    description: 'An item is not valid; the field names its index. Nothing was written.',
    example: {
      ...problem(400, 'Bad Request', 'REQUEST.VALIDATION_FAILED', 'The request is not valid.', 'entries.1.entry.severity'),
      errors: [{ field: 'entries.1.entry.severity', message: 'Invalid option: expected one of "low"|"medium"|"high"' }],
    },
  },
  conflict: {
    description:
      'An item breaks a rule of its stream (here an entry id already used for other content). Nothing was written. ' +
      'Values the request sent are withheld from the prose; code and field say what was wrong and where.',
    example: problem(409, 'Conflict', 'ENTRY.ID_REUSED.CONFLICT', 'entries.2.entry: Entry [withheld]:[withheld] was already recorded with other content', 'entries.2.entry.entryId'),
  },
};
