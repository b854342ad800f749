import { assembleTimeline, DEFAULT_DETECTION_SETTINGS, type ChildTimeline, type TimelineRecord } from '@casetrail/domain';
import { evaluateChild } from './child-evaluation';

const CHILD = 'subj-child';
const AS_OF = '2025-06-30';

/** Sequential ids and positions: the same records always make the same timeline. */
function records(...rows: (readonly [type: string, agency: string, entryId: string, date: string, extra?: Record<string, unknown>])[]): TimelineRecord[] {
  return rows.map(([type, agency, entryId, date, extra = {}], index) => ({
    eventId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    position: String(index + 1),
    event: {
      type,
      schemaVersion: 1,
      data: { entry: { agency, entryId }, subjects: [CHILD], occurred: { at: `${date}T10:00:00.000Z`, precision: 'day' }, recordedAt: `${date}T12:00:00.000Z`, ...extra },
    },
  }));
}

function timeline(...rows: TimelineRecord[]): ChildTimeline {
  return assembleTimeline({
    childAliases: [CHILD],
    canonical: new Map(),
    records: rows,
    agencies: { 'police-n': 'police', 'csc-n': 'childrens_social_care', 'health-n': 'health' },
  });
}

const opened = (agency: string, entryId: string, date: string) => ['InvolvementOpened', agency, entryId, date, { child: CHILD, lead: false }] as const;
const concern = (agency: string, entryId: string, date: string, severity: string) =>
  ['ConcernRecorded', agency, entryId, date, { categories: ['domestic_abuse'], severity }] as const;
const referral = (entryId: string, date: string, extra: Record<string, unknown> = {}) =>
  ['ReferralMade', 'police-n', entryId, date, { from: 'police-n', to: 'csc-n', categories: ['neglect'], ...extra }] as const;

describe(evaluateChild.name, () => {
  it('measures each medium or high concern to each other agency working with the child that day', () => {
    const sut = evaluateChild(
      timeline(
        ...records(
          opened('csc-n', 'C-1', '2024-01-01'),
          opened('health-n', 'H-1', '2024-01-01'),
          concern('police-n', 'P-1', '2024-03-10', 'high'),
          ['InformationShared', 'police-n', 'P-2', '2024-03-12', { to: 'csc-n', about: [{ agency: 'police-n', entryId: 'P-1' }], categories: [], lawfulBasis: 'public_task' }],
          concern('police-n', 'P-3', '2024-04-01', 'low'),
          opened('police-n', 'P-4', '2024-05-01'),
        ),
      ),
      DEFAULT_DETECTION_SETTINGS,
      AS_OF,
    );

    expect(sut.shares).toEqual([
      expect.objectContaining({ from: 'police-n', to: 'csc-n', severity: 'high', concernOn: '2024-03-10', reachedOn: '2024-03-12', via: 'shared', days: 2 }),
      expect.objectContaining({ from: 'police-n', to: 'health-n', concernOn: '2024-03-10', reachedOn: null, via: null, days: null }),
    ]);
    // The same late and missing sharing are what unshared-risk flags.
    expect(sut.flags.filter((f) => f.rule === 'unshared-risk').map((f) => f.agencies)).toEqual([
      ['csc-n', 'police-n'],
      ['health-n', 'police-n'],
    ]);
  });

  it.each([
    ['a second referral within twelve months is a repeat', [referral('R-1', '2023-01-01'), referral('R-2', '2023-12-31')], [false, true]],
    ['a referral more than twelve months after the last is not', [referral('R-1', '2023-01-01'), referral('R-2', '2024-01-02')], [false, false]],
    ['a same-day second referral is a repeat', [referral('R-1', '2023-01-01'), referral('R-2', '2023-01-01', { from: null, source: 'family' })], [false, true]],
    [
      "two agencies' accounts of one referral count once",
      [referral('R-1', '2023-01-01'), ['ReferralMade', 'csc-n', 'C-9', '2023-01-01', { from: 'police-n', to: 'csc-n', categories: ['neglect'], variantOf: { agency: 'police-n', entryId: 'R-1' } }] as const],
      [false],
    ],
  ])('%s', (_name, rows, repeats) => {
    const sut = evaluateChild(timeline(...records(...rows)), DEFAULT_DETECTION_SETTINGS, AS_OF);
    expect(sut.referrals.map((r) => r.repeat)).toEqual(repeats);
  });

  it('counts a serious incident once, however many agencies notified it, and not at all once retracted', () => {
    const rows = records(
      ['SeriousIncidentNotified', 'csc-n', 'C-1', '2024-02-01', { child: CHILD, kind: 'serious_harm' }],
      ['SeriousIncidentNotified', 'police-n', 'P-1', '2024-02-01', { child: CHILD, kind: 'serious_harm', variantOf: { agency: 'csc-n', entryId: 'C-1' } }],
      ['SeriousIncidentNotified', 'csc-n', 'C-2', '2024-09-01', { child: CHILD, kind: 'death' }],
      ['EntryRetracted', 'csc-n', 'C-3', '2024-09-02', { amends: { agency: 'csc-n', entryId: 'C-2' }, reason: 'wrong child' }],
    );
    const sut = evaluateChild(timeline(...rows), DEFAULT_DETECTION_SETTINGS, AS_OF);
    expect(sut.incidents).toEqual([{ eventId: rows[0].eventId, occurredOn: '2024-02-01', kind: 'serious_harm', agency: 'csc-n' }]);
  });

  it('counts only what was recorded by the evaluation date', () => {
    const sut = evaluateChild(timeline(...records(referral('R-1', '2023-01-01'), referral('R-2', '2025-07-01'))), DEFAULT_DETECTION_SETTINGS, AS_OF);
    expect(sut).toMatchObject({ child: CHILD, aliases: [CHILD], evaluatedOn: AS_OF });
    expect(sut.referrals.map((r) => r.referredOn)).toEqual(['2023-01-01']);
  });
});
