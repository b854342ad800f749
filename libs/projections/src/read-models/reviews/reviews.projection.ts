import { upcast, type ReviewEvent } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../../application/projection';

/** Reviews are few and their events rare: applied one by one, in log order. */
export class ReviewsProjection implements Projection {
  readonly name = 'reviews';
  readonly tables = ['rm_reviews', 'rm_review_reviewers', 'rm_review_findings'];
  readonly handles: ReadonlySet<string> = new Set(['ReviewOpened', 'ReviewerAssigned', 'ReviewerUnassigned', 'FindingRecorded', 'ReviewConcluded']);

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    for (const recorded of events) {
      const event = upcast(recorded) as ReviewEvent;
      switch (event.type) {
        case 'ReviewOpened': {
          const d = event.data;
          await tx.query(
            `insert into rm_reviews (review_id, kind, title, children, period_from, period_to, status, opened_at, opened_by)
             values ($1, $2, $3, $4::text[], $5, $6, 'open', $7, $8::text::jsonb) on conflict (review_id) do nothing`,
            [d.reviewId, d.kind, d.title, d.children, d.period.from, d.period.to, d.openedAt, JSON.stringify(d.openedBy)],
          );
          break;
        }
        case 'ReviewerAssigned':
          await tx.query(
            `insert into rm_review_reviewers (review_id, agency_id, practitioner_ref, assigned_at) values ($1, $2, $3, $4)
             on conflict do nothing`,
            [event.data.reviewId, event.data.reviewer.agencyId, event.data.reviewer.practitionerRef ?? '', event.data.assignedAt],
          );
          break;
        case 'ReviewerUnassigned':
          await tx.query('delete from rm_review_reviewers where review_id = $1 and agency_id = $2 and practitioner_ref = $3', [
            event.data.reviewId,
            event.data.reviewer.agencyId,
            event.data.reviewer.practitionerRef ?? '',
          ]);
          break;
        case 'FindingRecorded': {
          const d = event.data;
          await tx.query(
            `insert into rm_review_findings (review_id, finding_id, theme, text, evidence, recorded_by, recorded_at, position)
             values ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7, $8) on conflict do nothing`,
            [d.reviewId, d.findingId, d.theme, d.text, JSON.stringify(d.evidence), JSON.stringify(d.recordedBy), d.recordedAt, recorded.position.prepare.toString()],
          );
          break;
        }
        case 'ReviewConcluded':
          await tx.query(`update rm_reviews set status = 'concluded', concluded_at = $2, summary = $3 where review_id = $1`, [
            event.data.reviewId,
            event.data.concludedAt,
            event.data.summary ?? null,
          ]);
          break;
      }
    }
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('truncate rm_reviews, rm_review_reviewers, rm_review_findings');
  }
}
