import { streams } from './streams';

describe('stream names', () => {
  it('keep agency and entry apart, so ids with dashes never collide', () => {
    expect(streams.entry({ agency: 'police', entryId: 'north-P-1' })).not.toBe(streams.entry({ agency: 'police-north', entryId: 'P-1' }));
    expect(streams.involvement('police', 'north-child')).not.toBe(streams.involvement('police-north', 'child'));
  });

  it('name a pair of subjects the same whichever comes first', () => {
    expect(streams.identity('subj-b', 'subj-a')).toBe(streams.identity('subj-a', 'subj-b'));
  });

  it('give each review its own stream', () => {
    expect(streams.review('R-2024-01')).toBe('review-R-2024-01');
  });
});
