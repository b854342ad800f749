import type { EntityManager } from 'typeorm';

export interface ReviewSummary {
  readonly reviewId: string;
  readonly kind: string;
  readonly title: string;
  readonly children: readonly string[];
  readonly period: { readonly from: string; readonly to: string };
  readonly status: 'open' | 'concluded';
  readonly openedAt: string;
  readonly concludedAt?: string;
}

export interface ReviewDetail extends ReviewSummary {
  readonly summary?: string;
  readonly reviewers: readonly { readonly agencyId: string; readonly practitionerRef?: string; readonly assignedAt: string }[];
  readonly findings: readonly ReviewFinding[];
}

export interface ReviewFinding {
  readonly findingId: string;
  readonly theme: string;
  readonly text: string;
  readonly evidence: readonly { readonly eventId?: string; readonly entry: { readonly agency: string; readonly entryId: string } }[];
  readonly recordedBy: { readonly agencyId: string; readonly practitionerRef?: string };
  readonly recordedAt: string;
}

interface ReviewRow {
  review_id: string;
  kind: string;
  title: string;
  children: string[];
  period_from: string | Date;
  period_to: string | Date;
  status: 'open' | 'concluded';
  opened_at: string | Date;
  concluded_at: string | Date | null;
  summary: string | null;
}

const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());
const day = (value: string | Date) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const COLUMNS = `review_id, kind, title, children, period_from::text as period_from, period_to::text as period_to, status, opened_at, concluded_at, summary`;

/** A reviewer principal: an agency, and the practitioner within it when the token names one. */
export interface ReviewerIdentity {
  readonly agencyId: string;
  readonly practitionerRef?: string;
}

/** Reads the reviews read model; who may see what is decided by the callers. */
export class ReviewsReader {
  constructor(private readonly db: Pick<EntityManager, 'query'>) {}

  async list(options: { assignedTo?: ReviewerIdentity } = {}): Promise<ReviewSummary[]> {
    const rows: ReviewRow[] = options.assignedTo
      ? await this.db.query(
          `select ${COLUMNS} from rm_reviews r where exists (
             select 1 from rm_review_reviewers a where a.review_id = r.review_id and a.agency_id = $1
               and (a.practitioner_ref = '' or a.practitioner_ref = $2))
           order by opened_at, review_id`,
          [options.assignedTo.agencyId, options.assignedTo.practitionerRef ?? ''],
        )
      : await this.db.query(`select ${COLUMNS} from rm_reviews order by opened_at, review_id`);
    return rows.map(summaryOf);
  }

  async get(reviewId: string): Promise<ReviewDetail | undefined> {
    const [row]: ReviewRow[] = await this.db.query(`select ${COLUMNS} from rm_reviews where review_id = $1`, [reviewId]);
    if (!row) return undefined;
    const reviewers: { agency_id: string; practitioner_ref: string; assigned_at: string | Date }[] = await this.db.query(
      'select agency_id, practitioner_ref, assigned_at from rm_review_reviewers where review_id = $1 order by assigned_at',
      [reviewId],
    );
    const findings: { finding_id: string; theme: string; text: string; evidence: ReviewFinding['evidence']; recorded_by: ReviewFinding['recordedBy']; recorded_at: string | Date }[] =
      await this.db.query(
        'select finding_id, theme, text, evidence, recorded_by, recorded_at from rm_review_findings where review_id = $1 order by position',
        [reviewId],
      );
    return {
      ...summaryOf(row),
      ...(row.summary !== null && { summary: row.summary }),
      reviewers: reviewers.map((r) => ({ agencyId: r.agency_id, ...(r.practitioner_ref && { practitionerRef: r.practitioner_ref }), assignedAt: iso(r.assigned_at) })),
      findings: findings.map((f) => ({ findingId: f.finding_id, theme: f.theme, text: f.text, evidence: f.evidence, recordedBy: f.recorded_by, recordedAt: iso(f.recorded_at) })),
    };
  }

  /** Whether this reviewer is assigned to the review (as a named practitioner or as its agency). */
  async isAssigned(reviewId: string, reviewer: ReviewerIdentity): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `select 1 from rm_review_reviewers where review_id = $1 and agency_id = $2 and (practitioner_ref = '' or practitioner_ref = $3) limit 1`,
      [reviewId, reviewer.agencyId, reviewer.practitionerRef ?? ''],
    );
    return rows.length > 0;
  }

  /** The reviews of a child this reviewer is assigned to: what scopes a reviewer's reads. */
  async assignedReviewsOf(child: readonly string[], reviewer: ReviewerIdentity): Promise<ReviewSummary[]> {
    const rows: ReviewRow[] = await this.db.query(
      `select ${COLUMNS} from rm_reviews r where r.children && $1::text[] and exists (
         select 1 from rm_review_reviewers a where a.review_id = r.review_id and a.agency_id = $2
           and (a.practitioner_ref = '' or a.practitioner_ref = $3))`,
      [child, reviewer.agencyId, reviewer.practitionerRef ?? ''],
    );
    return rows.map(summaryOf);
  }
}

function summaryOf(row: ReviewRow): ReviewSummary {
  return {
    reviewId: row.review_id,
    kind: row.kind,
    title: row.title,
    children: row.children,
    period: { from: day(row.period_from), to: day(row.period_to) },
    status: row.status,
    openedAt: iso(row.opened_at),
    ...(row.concluded_at !== null && { concludedAt: iso(row.concluded_at) }),
  };
}
