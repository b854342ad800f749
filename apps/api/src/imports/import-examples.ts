import type { ExamplesObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * /docs examples of POST /imports: the rows of test/fixtures/chronology-small.csv (the e2e suite
 * checks they are exactly its rows). An agency uploads only its own rows, and each file's rows
 * must find what they name, so the fixture goes in as three uploads: social care registers the
 * people, the police record their call-out and referral, social care records the outcome.
 */
const HEADER =
  'entry_id,agency,date,time,recorded_date,entry_type,subjects,subject_kind,related_subject,relationship,counterpart_agency,categories,severity,contact_type,child_seen,outcome,refers_to,reason,source,summary';

const csv = (...rows: string[]) => [HEADER, ...rows, ''].join('\n');

export interface ImportExample {
  /** The `file` query parameter, quoted back in the summary. */
  readonly file: string;
  readonly agency: string;
  readonly csv: string;
  readonly summary: { file: string; rows: number; appended: number; alreadyPresent: number; byType: Record<string, number> };
}

const step = (file: string, agency: string, rows: string[], byType: Record<string, number>): ImportExample => ({
  file,
  agency,
  csv: csv(...rows),
  summary: { file, rows: rows.length, appended: rows.length, alreadyPresent: 0, byType },
});

export const IMPORT_EXAMPLES: readonly ImportExample[] = [
  step(
    'csc-north-people.csv',
    'csc-north',
    [
      'C-001,csc-north,2023-09-01,,,person,subj-demo-child-01,child,,,,,,,,,,,,Synthetic child record',
      'C-002,csc-north,2023-09,,,person,subj-demo-adult-01,adult,,,,,,,,,,,,Synthetic adult record',
      "C-003,csc-north,2023-10-02,,2023-10-03,relationship,subj-demo-child-01,,subj-demo-adult-01,partner_of_parent,,,,,,,,,family,Mother's new partner moved in",
    ],
    { person: 2, relationship: 1 },
  ),
  step(
    'police-north.csv',
    'police-north',
    [
      'P-001,police-north,2023-10-05,22:40,,contact,subj-demo-child-01,,,,,,,police_callout,yes,completed,,,member_of_public,"Call-out after a neighbour reported ""raised voices"""',
      'P-002,police-north,2023-10-05,,,concern,subj-demo-child-01;subj-demo-adult-01,,,,,3B;sexual_offence_history,high,,,,,,,Partner has a previous conviction',
      "P-003,police-north,2023-10-06,,,referral,subj-demo-child-01,,,,csc-north,domestic_abuse,,,,,,,,Referral to children's social care",
    ],
    { contact: 1, concern: 1, referral: 1 },
  ),
  step('csc-north-outcome.csv', 'csc-north', ['C-004,csc-north,2023-10-09,,,referral_outcome,subj-demo-child-01,,,,,,,,,no_further_action,police-north:P-003,,,NFA'], {
    referral_outcome: 1,
  }),
];

export const IMPORT_REQUEST_EXAMPLES: ExamplesObject = Object.fromEntries(
  IMPORT_EXAMPLES.map((example, i) => [
    example.file,
    { summary: `${i + 1}. ${example.agency} uploads ${example.file} (?file=${example.file})`, value: example.csv },
  ]),
);

const [first] = IMPORT_EXAMPLES;

export const IMPORT_RESPONSES = {
  imported: {
    description: 'The file was imported whole; rows already present (same entry id, same content) were skipped.',
    examples: {
      ...Object.fromEntries(IMPORT_EXAMPLES.map((example) => [example.file, { summary: `After uploading ${example.file}`, value: example.summary }])),
      again: {
        summary: `${first.file} uploaded a second time: nothing appended`,
        value: { ...first.summary, appended: 0, alreadyPresent: first.summary.rows },
      },
    },
  },
  badRow: {
    description: 'A row is not valid (or breaks an entry rule): the file, line and column are named and nothing from the file was written.',
    example: {
      type: 'urn:casetrail:problem:chronology.value.invalid',
      title: 'Bad Request',
      status: 400,
      detail: 'police-north.csv line 3, column 13 (severity): "extreme" is not a severity; use low, medium or high',
      code: 'CHRONOLOGY.VALUE.INVALID',
      errors: [{ field: 'severity', message: 'police-north.csv line 3, column 13 (severity): "extreme" is not a severity; use low, medium or high' }],
      instance: '/imports',
      correlationId: '0b8f2d1c-5a6e-4f3b-9c7d-2e1a4b6c8d90',
    },
  },
};
