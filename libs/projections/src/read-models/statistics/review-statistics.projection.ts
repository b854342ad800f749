import { upcast } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../../application/projection';

export interface ReviewStatisticsRow {
  readonly reviewId: string;
  readonly kind: string;
  readonly openedBy: string;
  /** `YYYY-MM-DD`. */
  readonly openedOn: string;
  readonly concludedOn: string | null;
}

interface ReviewEventData {
  reviewId: string;
  kind?: string;
  openedBy?: { agencyId: string };
  openedAt?: string;
  concludedAt?: string;
}

/** Pure: a review's statistics row after one of its events. A conclusion without an opening is ignored. */
export function evolveReviewStatistics(row: ReviewStatisticsRow | null, event: RecordedEvent): ReviewStatisticsRow | null {
  const data = upcast(event).data as ReviewEventData;
  switch (event.type) {
    case 'ReviewOpened':
      return row ?? { reviewId: data.reviewId, kind: data.kind ?? 'unknown', openedBy: data.openedBy?.agencyId ?? '', openedOn: dayOf(data.openedAt, event), concludedOn: null };
    case 'ReviewConcluded':
      return row && { ...row, concludedOn: row.concludedOn ?? dayOf(data.concludedAt, event) };
    default:
      return row;
  }
}

/** The date the data gives, else when it was appended: a row always has a date to count by. */
const dayOf = (iso: string | undefined, event: RecordedEvent) => (iso ?? event.appendedAt.toISOString()).slice(0, 10);

/**
 * Counts of reviews by kind and status for leadership statistics. Its own small table rather than
 * the reviews read model, so the statistics hold nothing about a review but its kind and dates.
 */
export class ReviewStatisticsProjection implements Projection {
  readonly name = 'review-statistics';
  readonly tables = ['rm_stats_reviews'];
  readonly handles: ReadonlySet<string> = new Set(['ReviewOpened', 'ReviewConcluded']);

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const ids = [...new Set(events.map((e) => (e.data as ReviewEventData).reviewId))];
    const existing: { review_id: string; kind: string; opened_by: string; opened_on: string; concluded_on: string | null }[] = await tx.query(
      `select review_id, kind, opened_by, to_char(opened_on, 'YYYY-MM-DD') as opened_on, to_char(concluded_on, 'YYYY-MM-DD') as concluded_on
         from rm_stats_reviews where review_id = any($1::text[])`,
      [ids],
    );
    const rows = new Map<string, ReviewStatisticsRow | null>(
      existing.map((r) => [r.review_id, { reviewId: r.review_id, kind: r.kind, openedBy: r.opened_by, openedOn: r.opened_on, concludedOn: r.concluded_on }]),
    );
    for (const event of events) {
      const id = (event.data as ReviewEventData).reviewId;
      rows.set(id, evolveReviewStatistics(rows.get(id) ?? null, event));
    }
    const upserts = [...rows.values()].filter((r): r is ReviewStatisticsRow => r !== null);
    if (upserts.length === 0) return;
    await tx.query(
      `insert into rm_stats_reviews (review_id, kind, opened_by, opened_on, concluded_on)
       select r->>'reviewId', r->>'kind', r->>'openedBy', (r->>'openedOn')::date, (r->>'concludedOn')::date
         from jsonb_array_elements($1::text::jsonb) as r
       on conflict (review_id) do update set concluded_on = excluded.concluded_on`,
      [JSON.stringify(upserts)],
    );
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('truncate rm_stats_reviews');
  }
}
