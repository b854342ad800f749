import { aTimeline, closed, opened } from '../testing/timeline-builders';
import { leadAgenciesOf } from './lead-agency';

describe(leadAgenciesOf.name, () => {
  it.each([
    ['no involvement', [], []],
    ['an open involvement not marked lead', [opened('police-n', '2024-01-01')], []],
    ['an open lead involvement', [opened('csc-n', '2024-01-01', { lead: true }), opened('police-n', '2024-01-02')], ['csc-n']],
    ['a lead involvement since closed', [opened('csc-n', '2024-01-01', { lead: true }), closed('csc-n', '2024-02-01')], []],
    [
      'a lead handed over from one agency to another',
      [opened('csc-n', '2024-01-01', { lead: true }), closed('csc-n', '2024-02-01'), opened('health-n', '2024-02-01', { lead: true })],
      ['health-n'],
    ],
  ])('%s', (_label, specs, expected) => {
    expect(leadAgenciesOf(aTimeline(specs))).toEqual(expected);
  });
});
