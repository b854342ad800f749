import {
  aTimeline,
  concern,
  joined,
  meeting,
  opened,
  referral,
  shared,
  type EntrySpec,
} from '../testing/timeline-builders';
import { knowledgeOf, recordedByDate, whenReached } from './knowledge';

const known = (specs: EntrySpec[], agency: string, asOf: string) =>
  knowledgeOf(aTimeline(specs), agency, asOf).map((k) => [k.entry.eventId, k.via, k.through?.eventId ?? null, k.knownFrom.slice(0, 16)]);

describe(knowledgeOf.name, () => {
  it.each<[string, EntrySpec[], string, string, (string | null)[][]]>([
    [
      'its own entries from when it recorded them',
      [concern('police-a', '2024-05-01', { id: 'c1', recorded: '2024-05-04' }), concern('police-a', '2024-05-02', { id: 'c2' })],
      'police-a',
      '2024-05-03',
      [['c2', 'recorded', null, '2024-05-02T09:00']],
    ],
    [
      'a bare date means the whole of that day',
      [concern('police-a', '2024-05-01', { id: 'c1', recorded: '2024-05-03T16:00:00.000Z' })],
      'police-a',
      '2024-05-03',
      [['c1', 'recorded', null, '2024-05-03T16:00']],
    ],
    [
      'a timestamp is the instant itself',
      [concern('police-a', '2024-05-01', { id: 'c1', recorded: '2024-05-03T16:00:00.000Z' })],
      'police-a',
      '2024-05-03T12:00:00.000Z',
      [],
    ],
    [
      'not what another agency recorded and did not share',
      [concern('police-a', '2024-05-01', { id: 'c1' })],
      'school-b',
      '2024-06-01',
      [],
    ],
    [
      'an entry shared by name, and the sharing itself',
      [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect'] }), shared('police-a', 'school-b', '2024-05-03', { id: 's1', entries: ['c1'] })],
      'school-b',
      '2024-05-03',
      [
        ['c1', 'shared', 's1', '2024-05-03T09:00'],
        ['s1', 'shared', 's1', '2024-05-03T09:00'],
      ],
    ],
    [
      'entries shared by category, only those categories, only those already held',
      [
        concern('police-a', '2024-05-01', { id: 'c1', categories: ['domestic_abuse'] }),
        concern('police-a', '2024-05-01', { id: 'c2', categories: ['neglect'] }),
        shared('police-a', 'school-b', '2024-05-03', { id: 's1', categories: ['domestic_abuse'] }),
        concern('police-a', '2024-05-04', { id: 'c3', categories: ['domestic_abuse'] }),
      ],
      'school-b',
      '2024-06-01',
      [
        ['c1', 'shared', 's1', '2024-05-03T09:00'],
        ['s1', 'shared', 's1', '2024-05-03T09:00'],
      ],
    ],
    [
      'not a sharing that comes after the date',
      [concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-05', { id: 's1', entries: ['c1'] })],
      'school-b',
      '2024-05-04',
      [],
    ],
    [
      'a referral and the concerns it carries by category',
      [
        concern('police-a', '2024-05-01', { id: 'c1', categories: ['physical_abuse'] }),
        concern('police-a', '2024-05-01', { id: 'c2', categories: ['neglect'] }),
        referral('police-a', 'csc-c', '2024-05-02', { id: 'r1', categories: ['physical_abuse'] }),
      ],
      'csc-c',
      '2024-05-02',
      [
        ['c1', 'referred', 'r1', '2024-05-02T09:00'],
        ['r1', 'referred', 'r1', '2024-05-02T09:00'],
      ],
    ],
    [
      'what other attendees knew at a meeting it attended',
      [
        concern('police-a', '2024-05-01', { id: 'c1' }),
        concern('health-d', '2024-05-02', { id: 'c2' }),
        meeting('csc-c', '2024-05-03', 'strategy_discussion', { id: 'm1', invited: ['police-a', 'health-d'], attended: ['csc-c', 'police-a'] }),
      ],
      'csc-c',
      '2024-05-03',
      [
        ['c1', 'meeting', 'm1', '2024-05-03T09:00'],
        ['m1', 'recorded', null, '2024-05-03T09:00'],
      ],
    ],
    [
      'nothing from a meeting it was invited to but missed',
      [concern('police-a', '2024-05-01', { id: 'c1' }), meeting('csc-c', '2024-05-03', 'strategy_discussion', { id: 'm1', invited: ['health-d'], attended: ['csc-c', 'police-a'] })],
      'health-d',
      '2024-06-01',
      [],
    ],
    [
      'what an attendee had itself been told (knowledge travels on)',
      [
        concern('police-a', '2024-05-01', { id: 'c1' }),
        shared('police-a', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'] }),
        meeting('health-d', '2024-05-04', 'core_group', { id: 'm1', attended: ['health-d', 'school-b'] }),
      ],
      'health-d',
      '2024-05-04',
      [
        ['c1', 'meeting', 'm1', '2024-05-04T09:00'],
        ['m1', 'recorded', null, '2024-05-04T09:00'],
      ],
    ],
    [
      'the earliest way it learnt an entry',
      [
        concern('police-a', '2024-05-01', { id: 'c1' }),
        meeting('csc-c', '2024-05-02', 'mash', { id: 'm1', attended: ['csc-c', 'police-a'] }),
        referral('police-a', 'csc-c', '2024-05-03', { id: 'r1' }),
      ],
      'csc-c',
      '2024-05-03',
      [
        ['c1', 'meeting', 'm1', '2024-05-02T09:00'],
        ['m1', 'recorded', null, '2024-05-02T09:00'],
        ['r1', 'referred', 'r1', '2024-05-03T09:00'],
      ],
    ],
    [
      'never a retracted entry',
      [concern('police-a', '2024-05-01', { id: 'c1', retracted: true }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'] })],
      'school-b',
      '2024-06-01',
      [['s1', 'shared', 's1', '2024-05-02T09:00']],
    ],
    [
      "a household adult's concern like any other",
      [joined('csc-c', '2024-04-01', 'adult-1', { id: 'j1' }), concern('probation-e', '2024-05-01', { id: 'c1', about: 'adult-1', categories: ['violent_offence_history'] }), shared('probation-e', 'csc-c', '2024-05-02', { id: 's1', categories: ['violent_offence_history'] })],
      'csc-c',
      '2024-05-02',
      [
        ['j1', 'recorded', null, '2024-04-01T09:00'],
        ['c1', 'shared', 's1', '2024-05-02T09:00'],
        ['s1', 'shared', 's1', '2024-05-02T09:00'],
      ],
    ],
  ])('knowledge: %s', (_label, specs, agency, asOf, expected) => {
    expect(known(specs, agency, asOf)).toEqual(expected);
  });

  it('refuses an asOf that is not a date', () => {
    expect(() => knowledgeOf(aTimeline([]), 'police-a', 'yesterday')).toThrow(expect.objectContaining({ code: 'TIMELINE.AS_OF.INVALID', field: 'asOf' }));
  });
});

describe(recordedByDate.name, () => {
  it('holds every live entry any agency had recorded by then', () => {
    const timeline = aTimeline([
      concern('police-a', '2024-05-01', { id: 'c1' }),
      concern('health-d', '2024-05-01', { id: 'c2', recorded: '2024-05-10' }),
      opened('school-b', '2024-05-02', { id: 'o1' }),
      concern('police-a', '2024-05-02', { id: 'c3', retracted: true }),
    ]);
    expect(recordedByDate(timeline, '2024-05-05').map((e) => e.eventId)).toEqual(['c1', 'o1']);
  });
});

describe(whenReached.name, () => {
  const reach = (specs: EntrySpec[], info: string, to: string, holder?: string) => {
    const timeline = aTimeline(specs);
    const entry = timeline.entries.find((e) => e.eventId === info)!;
    const r = whenReached(timeline.entries, entry, to, holder ? { holder } : {});
    return r && [r.via, r.through.eventId, r.at.slice(0, 10)];
  };

  it.each<[string, EntrySpec[], string, (string | undefined)[] | undefined]>([
    ['a sharing naming it', [concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'] })], 'school-b', ['shared', 's1', '2024-05-02']],
    ['a sharing by another agency naming it', [concern('police-a', '2024-05-01', { id: 'c1' }), shared('health-d', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'] })], 'school-b', ['shared', 's1', '2024-05-02']],
    ['a sharing of all its categories', [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect', 'drug_misuse'] }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', categories: ['drug_misuse', 'neglect', 'gangs'] })], 'school-b', ['shared', 's1', '2024-05-02']],
    ['not a sharing of only some of its categories', [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect', 'sexual_offence_history'] }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', categories: ['neglect'] })], 'school-b', undefined],
    ['its categories over two communications, reaching when the last did', [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect', 'sexual_offence_history'] }), referral('police-a', 'school-b', '2024-05-02', { id: 'r1', categories: ['neglect'] }), shared('police-a', 'school-b', '2024-05-06', { id: 's1', categories: ['sexual_offence_history'] })], 'school-b', ['shared', 's1', '2024-05-06']],
    ['not a sharing of other categories', [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect'] }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', categories: ['drug_misuse'] })], 'school-b', undefined],
    ['not another agency sharing its own categories', [concern('police-a', '2024-05-01', { id: 'c1' }), shared('health-d', 'school-b', '2024-05-02', { id: 's1', categories: ['domestic_abuse'] })], 'school-b', undefined],
    ['not a sharing to someone else', [concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'health-d', '2024-05-02', { id: 's1', entries: ['c1'] })], 'school-b', undefined],
    ['not a sharing before the information existed', [shared('police-a', 'school-b', '2024-04-20', { id: 's1', categories: ['domestic_abuse'] }), concern('police-a', '2024-05-01', { id: 'c1' })], 'school-b', undefined],
    ['a sharing later the same day', [concern('police-a', '2024-05-01T15:00:00.000Z', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-01T16:00:00.000Z', { id: 's1', categories: ['domestic_abuse'] })], 'school-b', ['shared', 's1', '2024-05-01']],
    ['a referral of its category', [concern('police-a', '2024-05-01', { id: 'c1' }), referral('police-a', 'csc-c', '2024-05-03', { id: 'r1' })], 'csc-c', ['referred', 'r1', '2024-05-03']],
    ['a meeting both attended', [concern('police-a', '2024-05-01', { id: 'c1' }), meeting('csc-c', '2024-05-04', 'core_group', { id: 'm1', attended: ['police-a', 'school-b'] })], 'school-b', ['meeting', 'm1', '2024-05-04']],
    ['not a meeting only one attended', [concern('police-a', '2024-05-01', { id: 'c1' }), meeting('csc-c', '2024-05-04', 'core_group', { id: 'm1', invited: ['school-b'], attended: ['police-a'] })], 'school-b', undefined],
    ['the first of several', [concern('police-a', '2024-05-01', { id: 'c1' }), meeting('csc-c', '2024-05-04', 'mash', { id: 'm1', attended: ['police-a'] }), referral('police-a', 'csc-c', '2024-05-03', { id: 'r1' })], 'csc-c', ['referred', 'r1', '2024-05-03']],
    ['its own account of the same event', [concern('police-a', '2024-05-01', { id: 'c1' }), concern('school-b', '2024-05-02', { id: 'c2', variantOf: 'c1' })], 'school-b', ['recorded', 'c2', '2024-05-02']],
    ['not through a retracted sharing', [concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'], retracted: true })], 'school-b', undefined],
  ])('reach: %s', (_label, specs, to, expected) => {
    expect(reach(specs, 'c1', to)).toEqual(expected);
  });

  // Among equally early reaches the first in the list searched wins, and a reach pieced together
  // from categories only when strictly earlier: an index over the entries must keep both.
  it.each<[string, EntrySpec[], string, (string | undefined)[] | undefined]>([
    [
      'the first listed of two at the same instant',
      [concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-02T10:00:00.000Z', { id: 's1', entries: ['c1'] }), meeting('csc-c', '2024-05-02T10:00:00.000Z', 'core_group', { id: 'm1', attended: ['police-a', 'school-b'] })],
      'school-b',
      ['shared', 's1', '2024-05-02'],
    ],
    [
      'the first listed of two at the same instant, the other way round',
      [concern('police-a', '2024-05-01', { id: 'c1' }), meeting('csc-c', '2024-05-02T10:00:00.000Z', 'core_group', { id: 'm1', attended: ['police-a', 'school-b'] }), shared('police-a', 'school-b', '2024-05-02T10:00:00.000Z', { id: 's1', entries: ['c1'] })],
      'school-b',
      ['meeting', 'm1', '2024-05-02'],
    ],
    [
      'the whole information over its categories arriving at the same instant',
      [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect'] }), referral('police-a', 'school-b', '2024-05-02T10:00:00.000Z', { id: 'r1', categories: ['neglect'] }), meeting('csc-c', '2024-05-02T10:00:00.000Z', 'core_group', { id: 'm1', attended: ['police-a', 'school-b'] })],
      'school-b',
      ['meeting', 'm1', '2024-05-02'],
    ],
    [
      'its categories when they arrived first',
      [concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect', 'gangs'] }), referral('police-a', 'school-b', '2024-05-02', { id: 'r1', categories: ['neglect'] }), shared('police-a', 'school-b', '2024-05-03', { id: 's1', categories: ['gangs'] }), meeting('csc-c', '2024-05-04', 'core_group', { id: 'm1', attended: ['police-a', 'school-b'] })],
      'school-b',
      ['shared', 's1', '2024-05-03'],
    ],
    [
      'a sharing listed before its own account of the same instant',
      [concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-02T10:00:00.000Z', { id: 's1', entries: ['c1'] }), concern('school-b', '2024-05-02T10:00:00.000Z', { id: 'c2', variantOf: 'c1' })],
      'school-b',
      ['shared', 's1', '2024-05-02'],
    ],
    [
      'its own account, from when the information arose, not as a meeting earlier that day',
      [concern('police-a', '2024-05-01T14:00:00.000Z', { id: 'c1' }), meeting('school-b', '2024-05-01T08:00:00.000Z', 'core_group', { id: 'm1', attended: ['police-a'], variantOf: 'c1' })],
      'school-b',
      ['recorded', 'm1', '2024-05-01'],
    ],
  ])('reach: %s', (_label, specs, to, expected) => {
    expect(reach(specs, 'c1', to)).toEqual(expected);
  });

  it('counts only communications from the day it is given, and an own account from that instant', () => {
    const timeline = aTimeline([
      concern('police-a', '2024-05-01', { id: 'c1' }),
      shared('police-a', 'school-b', '2024-05-02', { id: 's1', entries: ['c1'] }),
      shared('police-a', 'school-b', '2024-05-05', { id: 's2', entries: ['c1'] }),
      concern('health-d', '2024-05-02', { id: 'c2', variantOf: 'c1' }),
    ]);
    const c1 = timeline.entries.find((e) => e.eventId === 'c1')!;
    const since = '2024-05-04T12:00:00.000Z';
    expect(whenReached(timeline.entries, c1, 'school-b', { since })).toMatchObject({ via: 'shared', through: { eventId: 's2' }, at: '2024-05-05T09:00:00.000Z' });
    expect(whenReached(timeline.entries, c1, 'health-d', { since })).toMatchObject({ via: 'recorded', through: { eventId: 'c2' }, at: since });
  });

  it('answers for the entries it is given, asked again once more were added', () => {
    const timeline = aTimeline([concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'school-b', '2024-05-03', { id: 's1', entries: ['c1'] })]);
    const [c1, s1] = timeline.entries;
    const entries = [c1!];
    expect(whenReached(entries, c1!, 'school-b')).toBeUndefined();
    entries.push(s1!);
    expect(whenReached(entries, c1!, 'school-b')).toMatchObject({ through: { eventId: 's1' } });
    expect(whenReached([s1!, c1!], c1!, 'school-b')).toMatchObject({ through: { eventId: 's1' } });
  });

  it('asks about the holder it is given', () => {
    const specs = [concern('police-a', '2024-05-01', { id: 'c1' }), meeting('csc-c', '2024-05-04', 'core_group', { id: 'm1', attended: ['health-d', 'school-b'] })];
    expect(reach(specs, 'c1', 'school-b', 'health-d')).toEqual(['meeting', 'm1', '2024-05-04']);
  });
});
