import { AuditProjection, FlagsProjection, ReviewStatisticsProjection, ReviewsProjection, streamCatalogueProjection, TimelineProjection, type Projection } from '@casetrail/projections';

/**
 * Every projection the platform runs, in one place: the api, the projector and the CLI all
 * build their engine from this list, so a new read model is added here and nowhere else.
 */
export function platformProjections(): Projection[] {
  return [streamCatalogueProjection(), new TimelineProjection(), new ReviewsProjection(), new FlagsProjection(), new ReviewStatisticsProjection(), new AuditProjection()];
}
