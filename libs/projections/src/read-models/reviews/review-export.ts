import {
  chronologyCsv,
  chronologyHtml,
  detectFlags,
  integratedChronologyRows,
  type ChildTimeline,
  type DetectionSettings,
  type PracticeTheme,
  type ReviewKind,
} from '@casetrail/domain';
import type { EntityManager } from 'typeorm';
import { TimelineReader } from '../timeline/timeline.reader';
import type { ReviewDetail } from './reviews.reader';

export type ChronologyFormat = 'csv' | 'html' | 'json';

export interface ChronologyExportFilter {
  readonly agencies?: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

/** The timelines of a review's children, as they stand now. */
export async function reviewTimelines(db: Pick<EntityManager, 'query'>, review: Pick<ReviewDetail, 'children'>): Promise<ChildTimeline[]> {
  const reader = new TimelineReader(db);
  const timelines: ChildTimeline[] = [];
  for (const child of review.children) {
    const timeline = await reader.childTimeline(child);
    if (timeline) timelines.push(timeline);
  }
  return timelines;
}

/**
 * A review's integrated chronology: its children's entries within the review period (narrowed,
 * never widened, by the filter), with flags as of `now` and the review's findings inline. The
 * API and the CLI both export through here, so a download and `casetrail export` agree.
 */
export function exportReviewChronology(
  review: ReviewDetail,
  timelines: readonly ChildTimeline[],
  settings: DetectionSettings,
  format: ChronologyFormat,
  filter: ChronologyExportFilter = {},
  now: Date = new Date(),
): string {
  const at = now.toISOString();
  const flags = timelines.flatMap((t) => detectFlags(t, settings, at));
  const from = filter.from && filter.from > review.period.from ? filter.from : review.period.from;
  const to = filter.to && filter.to < review.period.to ? filter.to : review.period.to;
  const rows = integratedChronologyRows({
    timelines,
    flags,
    findings: review.findings.map((f) => ({ findingId: f.findingId, theme: f.theme as PracticeTheme, text: f.text, evidence: f.evidence })),
    filter: { ...(filter.agencies?.length && { agencies: filter.agencies }), from, to },
  });
  switch (format) {
    case 'csv':
      return chronologyCsv(rows);
    case 'html':
      return chronologyHtml(rows, { title: review.title, reviewKind: review.kind as ReviewKind, period: { from, to }, generatedAt: at, children: review.children });
    case 'json':
      return JSON.stringify({ reviewId: review.reviewId, period: { from, to }, rows }, null, 2);
  }
}
