import { DEFAULT_DETECTION_SETTINGS } from '../detection/detection-settings';
import { detectFlags } from '../detection/detect';
import type { Flag } from '../detection/flag';
import type { OccurredAt } from '../events/common';
import {
  answered,
  assessment,
  aTimeline,
  closed,
  concern,
  contact,
  joined,
  meeting,
  opened,
  referral,
  requested,
  shared,
  type EntrySpec,
} from '../testing/timeline-builders';
import type { ChronologyFinding, IntegratedChronologyInput } from './chronology-row';
import { integratedChronologyRows } from './integrated-chronology';
import { occurredWords } from './words';

const rows = (specs: EntrySpec[], input: Partial<IntegratedChronologyInput> = {}) =>
  integratedChronologyRows({ timelines: [aTimeline(specs)], flags: [], ...input });
const only = (specs: EntrySpec[], id: string, input: Partial<IntegratedChronologyInput> = {}) => {
  const row = rows(specs, input).find((r) => r.eventId === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
};

describe(integratedChronologyRows.name, () => {
  it('gives one row per live entry, in timeline order, leaving retracted entries out', () => {
    const result = rows([
      concern('police-a', '2024-05-03', { id: 'c1', summary: 'Call-out to the home.' }),
      opened('csc-b', '2024-05-01', { id: 'o1' }),
      contact('csc-b', '2024-05-02', { id: 'x1', retracted: true }),
    ]);
    expect(result.map((r) => [r.eventId, r.date, r.agency, r.agencyKind, r.entryId, r.entryType])).toEqual([
      ['o1', '2024-05-01', 'csc-b', 'childrens_social_care', 'o1', 'Involvement opened'],
      ['c1', '2024-05-03', 'police-a', 'police', 'c1', 'Concern'],
    ]);
    expect(result[1]).toMatchObject({ child: 'child-1', known: 'Concern: domestic abuse (medium)', summary: 'Call-out to the home.' });
    expect(result[0]).not.toHaveProperty('summary');
  });

  it.each<[string, EntrySpec, string]>([
    ['a concern', concern('police-a', '2024-05-03', { categories: ['domestic_abuse', 'sexual_offence_history'], severity: 'high' }), 'Concern: domestic abuse, sexual offence history (high)'],
    ['a contact', contact('hv-a', '2024-05-03', { seen: false, outcome: 'no_access' }), 'Home visit: child not seen, no access'],
    ['a contact with seeing unrecorded', contact('gp-a', '2024-05-03', { type: 'appointment', seen: null, outcome: 'was_not_brought' }), 'Appointment: whether the child was seen not recorded, was not brought'],
    ['a referral from a person', referral(null, 'csc-a', '2024-05-03', { source: 'family' }), 'Referral to csc-a: domestic abuse; source: family'],
    ['a referral between agencies', referral('school-a', 'csc-a', '2024-05-03', { categories: ['neglect'] }), 'Referral from school-a to csc-a: neglect'],
    ['a sharing', shared('police-a', 'csc-a', '2024-05-03', { categories: ['sexual_offence_history'], lawfulBasis: 'not_recorded' }), 'Shared with csc-a: sexual offence history; lawful basis: not recorded'],
    ['a sharing overriding a refusal', shared('police-a', 'csc-a', '2024-05-03', { lawfulBasis: 'safeguarding_condition', consent: 'overridden' }), 'Shared with csc-a; lawful basis: safeguarding condition (DPA 2018 Sch. 1 para 18); consent refused and overridden'],
    ['a request', requested('csc-a', 'probation-a', '2024-05-03', { categories: ['violent_offence_history'] }), 'Information requested from probation-a: violent offence history'],
    ['an assessment', assessment('csc-a', '2024-05-03', { level: 'low', considered: [] }), 'Risk assessed as low; considered none'],
    ['a meeting', meeting('csc-a', '2024-05-03', 'strategy_discussion', { invited: ['police-a', 'csc-a'], attended: ['csc-a'] }), 'Strategy discussion; invited: police-a, csc-a; attended: csc-a'],
    ['a closure', closed('csc-a', '2024-05-03'), 'Involvement closed'],
  ])('describes %s from its data', (_label, spec, known) => {
    expect(rows([spec])[0]!.known).toBe(known);
  });

  it('describes an answer and names the request it answers', () => {
    const specs = [requested('csc-a', 'probation-a', '2024-05-01', { id: 'q1' }), answered('probation-a', '2024-05-02', 'q1', 'declined', { id: 'a1', reason: 'data_protection' })];
    expect(only(specs, 'a1')).toMatchObject({ known: 'Request csc-a:q1 declined (data protection)', sharedWith: ['Answered to csc-a'] });
  });

  it.each<[OccurredAt['precision'], string, string]>([
    ['day', '2024-05-03T09:00:00.000Z', '2024-05-03'],
    ['day', '2024-05-03T23:30:00.000Z', '2024-05-03'],
    ['month', '2024-05-01T00:00:00.000Z', 'May 2024'],
    ['year', '2024-01-01T00:00:00.000Z', '2024'],
    ['approximate', '2024-05-15T00:00:00.000Z', 'c. May 2024'],
  ])('shows a %s-precise date %s as %s', (precision, at, expected) => {
    expect(occurredWords({ at, precision })).toBe(expected);
  });

  it('shows a date as precisely as the agency knew it', () => {
    expect(rows([concern('police-a', '2024-05-01', { precision: 'month' })])[0]!.date).toBe('May 2024');
  });

  describe('shared with', () => {
    it('names where a communication went', () => {
      const specs = [
        shared('police-a', 'csc-b', '2024-05-03', { id: 's1' }),
        referral('school-c', 'csc-b', '2024-05-04', { id: 'r1' }),
        requested('csc-b', 'probation-d', '2024-05-05', { id: 'q1' }),
        meeting('csc-b', '2024-05-06', 'strategy_discussion', { id: 'm1', attended: ['police-a', 'csc-b'] }),
      ];
      expect(rows(specs).map((r) => r.sharedWith)).toEqual([['To csc-b'], ['Referred to csc-b'], ['Asked probation-d'], ['Attended by csc-b, police-a']]);
    });

    it('lists the agencies a concern reached, first to last, and how', () => {
      const specs = [
        opened('school-c', '2024-04-01'),
        concern('police-a', '2024-05-01', { id: 'c1', categories: ['neglect'] }),
        meeting('csc-b', '2024-05-09', 'core_group', { id: 'm1', attended: ['police-a', 'school-c'] }),
        shared('police-a', 'csc-b', '2024-05-03', { id: 's1', entries: ['c1'] }),
      ];
      expect(only(specs, 'c1').sharedWith).toEqual([
        'csc-b, by a sharing on 2024-05-03 (police-a:s1)',
        'school-c, at a meeting both attended on 2024-05-09 (csc-b:m1)',
      ]);
    });

    it('counts a concern shared only by a retracted sharing as not shared', () => {
      const specs = [opened('csc-b', '2024-04-01'), concern('police-a', '2024-05-01', { id: 'c1' }), shared('police-a', 'csc-b', '2024-05-03', { id: 's1', entries: ['c1'], retracted: true })];
      expect(only(specs, 'c1').sharedWith).toEqual([]);
    });

    it('counts another entry as passed on only when a sharing names it, not because of a meeting', () => {
      const specs = [
        contact('hv-a', '2024-05-01', { id: 'v1', seen: false }),
        meeting('csc-b', '2024-05-02', 'core_group', { id: 'm1', attended: ['hv-a', 'csc-b'] }),
        shared('hv-a', 'gp-c', '2024-05-04', { id: 's1', entries: ['v1'] }),
      ];
      expect(only(specs, 'v1').sharedWith).toEqual(['gp-c, by a sharing on 2024-05-04 (hv-a:s1)']);
    });
  });

  it('shows the flags whose evidence includes the entry, for this child only', () => {
    const specs = [opened('csc-b', '2024-04-01', { id: 'o1' }), concern('police-a', '2024-05-01', { id: 'c1', severity: 'high' }), contact('police-a', '2024-05-02', { id: 'x1' })];
    const timeline = aTimeline(specs);
    const flags = detectFlags(timeline, DEFAULT_DETECTION_SETTINGS, '2024-06-01').filter((f) => f.rule === 'unshared-risk');
    const elsewhere: Flag = { ...flags[0]!, id: 'other', child: 'child-2' };
    const result = integratedChronologyRows({ timelines: [timeline], flags: [...flags, elsewhere] });
    const c1 = result.find((r) => r.eventId === 'c1')!;
    expect(c1.flags).toEqual([{ id: flags[0]!.id, rule: 'unshared-risk', severity: 'high', explanation: flags[0]!.explanation }]);
    expect(c1.flags[0]!.explanation).toContain('csc-b');
    expect(result.find((r) => r.eventId === 'x1')!.flags).toEqual([]);
  });

  it('shows review findings beside the entries they rest on, by event id or by entry', () => {
    const findings: ChronologyFinding[] = [
      { findingId: 'F-1', theme: 'information_sharing', text: 'Not passed on.', evidence: [{ eventId: 'c1', entry: { agency: 'police-a', entryId: 'c1' } }] },
      { findingId: 'F-2', theme: 'changing_risk', text: 'Not reassessed.', evidence: [{ entry: { agency: 'csc-b', entryId: 'r1' } }, { entry: { agency: 'police-a', entryId: 'c1' } }] },
    ];
    const result = rows([concern('police-a', '2024-05-01', { id: 'c1' }), assessment('csc-b', '2024-05-02', { id: 'r1' }), contact('hv-c', '2024-05-03', { id: 'v1' })], { findings });
    expect(result.map((r) => r.findings.map((f) => f.findingId))).toEqual([['F-1', 'F-2'], ['F-2'], []]);
    expect(result[0]!.findings[0]).toEqual({ findingId: 'F-1', theme: 'information_sharing', text: 'Not passed on.' });
  });

  it('notes each correction with its date, the values changed and the reason', () => {
    const row = rows([concern('police-a', '2024-05-01', { severity: 'medium', categories: ['neglect'], correctedFrom: { severity: 'high', categories: ['neglect', 'physical_abuse'] }, recorded: '2024-05-05' })])[0]!;
    expect(row.corrections).toEqual(['Corrected on 2024-05-05: severity high → medium; categories neglect, physical abuse → neglect (reason: mis-keyed)']);
  });

  it('marks an entry about a household adult', () => {
    const specs = [joined('csc-b', '2024-04-01', 'adult-1', { id: 'j1' }), concern('police-a', '2024-05-01', { id: 'c1', about: 'adult-1', categories: ['sexual_offence_history'] })];
    expect(only(specs, 'c1').household).toBe('About household adult adult-1 (partner of parent)');
    expect(only(specs, 'j1')).not.toHaveProperty('household');
  });

  it('merges several children by date, each row naming its child', () => {
    const first = aTimeline([concern('police-a', '2024-05-01', { id: 'a1' }), concern('police-a', '2024-05-05', { id: 'a2' })], { child: 'child-1' });
    const second = aTimeline([contact('school-b', '2024-05-03', { id: 'b1' }), contact('school-b', '2024-05-05', { id: 'b2' })], { child: 'child-2' });
    const result = integratedChronologyRows({ timelines: [first, second], flags: [] });
    expect(result.map((r) => [r.child, r.eventId])).toEqual([
      ['child-1', 'a1'],
      ['child-2', 'b1'],
      ['child-1', 'a2'],
      ['child-2', 'b2'],
    ]);
  });

  describe('filter', () => {
    const specs = [
      opened('csc-b', '2024-03-31', { id: 'o1' }),
      concern('police-a', '2024-04-01', { id: 'c1', precision: 'month' }),
      concern('police-a', '2024-04-20', { id: 'c2' }),
      shared('police-a', 'csc-b', '2024-04-21', { id: 's1', entries: ['c2'] }),
      contact('csc-b', '2024-05-02', { id: 'v1' }),
    ];
    const ids = (filter: IntegratedChronologyInput['filter']) => rows(specs, { filter }).map((r) => r.eventId);

    it.each<[string, IntegratedChronologyInput['filter'], string[]]>([
      ['nothing when no filter is given', undefined, ['o1', 'c1', 'c2', 's1', 'v1']],
      ['by recording agency', { agencies: ['csc-b'] }, ['o1', 'v1']],
      ['by period, both ends included', { from: '2024-04-20', to: '2024-04-21' }, ['c1', 'c2', 's1']],
      ['keeping a month-precise entry whose month overlaps the period', { from: '2024-04-15' }, ['c1', 'c2', 's1', 'v1']],
      ['before a date', { to: '2024-03-31' }, ['o1']],
      ['by agency and period together', { agencies: ['police-a'], from: '2024-04-21' }, ['c1', 's1']],
      ['to nothing', { agencies: [] }, []],
    ])('narrows %s', (_label, filter, expected) => {
      expect(ids(filter)).toEqual(expected);
    });

    it('chooses rows only: a kept entry still shows a sharing filtered out', () => {
      expect(rows(specs, { filter: { from: '2024-04-20', to: '2024-04-20' } })).toMatchObject([
        { eventId: 'c1' },
        { eventId: 'c2', sharedWith: ['csc-b, by a sharing on 2024-04-21 (police-a:s1)'] },
      ]);
    });

    it.each([
      [{ from: '2024-4-1' }, 'filter.from'],
      [{ to: '2024-02-30' }, 'filter.to'],
      [{ from: '2024-05-02', to: '2024-05-01' }, 'filter.from'],
    ])('refuses %p', (filter, field) => {
      expect(() => ids(filter)).toThrow(expect.objectContaining({ code: 'CHRONOLOGY.FILTER.INVALID', field }));
    });
  });
});
