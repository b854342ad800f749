import type { RecordedEvent } from '@casetrail/event-store';
import { evolveReviewStatistics, type ReviewStatisticsRow } from './review-statistics.projection';

let position = 0n;
function anEvent(type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1n;
  return {
    eventId: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {},
    occurredAt: null,
    recordedAt: null,
    streamId: `review-${String(data.reviewId)}`,
    revision: 0n,
    position: { commit: position, prepare: position },
    appendedAt: new Date('2025-03-01T10:00:00Z'),
  };
}

const opened = anEvent('ReviewOpened', {
  reviewId: 'RR-1',
  kind: 'rapid_review',
  title: 'Rapid review RR-1',
  children: ['subj-child'],
  period: { from: '2024-01-01', to: '2024-12-31' },
  openedBy: { agencyId: 'council-north', role: 'administrator' },
  openedAt: '2025-01-10T09:00:00.000Z',
});
const concluded = (at: string) => anEvent('ReviewConcluded', { reviewId: 'RR-1', concludedBy: { agencyId: 'council-north', role: 'reviewer' }, concludedAt: at, summary: 'Free text' });

describe(evolveReviewStatistics.name, () => {
  it('keeps only the kind, the opening agency and the dates of a review', () => {
    expect(evolveReviewStatistics(null, opened)).toEqual({ reviewId: 'RR-1', kind: 'rapid_review', openedBy: 'council-north', openedOn: '2025-01-10', concludedOn: null });
  });

  it('concludes once: a later conclusion does not move the date', () => {
    const open = evolveReviewStatistics(null, opened);
    const done = evolveReviewStatistics(open, concluded('2025-02-01T12:00:00.000Z'));
    expect(done).toMatchObject({ concludedOn: '2025-02-01' });
    expect(evolveReviewStatistics(done, concluded('2025-03-01T12:00:00.000Z'))).toEqual(done);
  });

  it('ignores a conclusion of a review it never saw opened, and a re-opening', () => {
    expect(evolveReviewStatistics(null, concluded('2025-02-01T12:00:00.000Z'))).toBeNull();
    const row: ReviewStatisticsRow = { reviewId: 'RR-1', kind: 'rapid_review', openedBy: 'x', openedOn: '2024-01-01', concludedOn: null };
    expect(evolveReviewStatistics(row, opened)).toBe(row);
  });
});
