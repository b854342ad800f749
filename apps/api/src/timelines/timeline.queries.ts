import type { Principal } from '@casetrail/access';
import type { CasetrailConfig } from '@casetrail/config';
import { DomainError, type ChildTimeline, type Flag } from '@casetrail/domain';
import { timelineView, type TimelineFilter, type TimelinePerspective } from '@casetrail/projections';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { ReviewAccess } from '../reviews/review-access';
import { APP_CONFIG } from '../tokens';
import { TimelineCache } from './timeline-cache';

export class GetTimelineQuery {
  constructor(
    readonly child: string,
    readonly perspective: TimelinePerspective,
    readonly filter: TimelineFilter,
    readonly principal: Principal,
  ) {}
}

export class GetFlagsQuery {
  constructor(
    readonly child: string,
    /** The evaluation date: flags the system could raise on that day (today when absent). */
    readonly asOf: string | undefined,
    readonly principal: Principal,
  ) {}
}

export interface FlagsView {
  readonly child: string;
  readonly asOf: string;
  readonly flags: readonly Flag[];
}

export class ChildNotFound extends DomainError {
  constructor(child: string) {
    super('CHILD.NOT_FOUND', `No child ${child} is known`, 'child');
  }
}

/** Loads a child's timeline for a principal: a reviewer only through a review of the child it is assigned to. */
async function loadTimeline(dataSource: DataSource, cache: TimelineCache, child: string, principal: Principal): Promise<ChildTimeline> {
  const timeline = await cache.childTimeline(child);
  if (!timeline) throw new ChildNotFound(child);
  await new ReviewAccess(dataSource.manager).requireChildInScope(timeline.aliases, principal);
  return timeline;
}

/** The timeline view as JSON text: serialising 2,000 entries is a large share of answering. */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery, string> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: TimelineCache,
  ) {}

  async execute(query: GetTimelineQuery): Promise<string> {
    const timeline = await loadTimeline(this.dataSource, this.cache, query.child, query.principal);
    return this.cache.rendered(timeline, `timeline|${JSON.stringify(query.perspective)}|${JSON.stringify(query.filter)}`, () =>
      JSON.stringify(timelineView(timeline, query.perspective, query.filter)),
    );
  }
}

@QueryHandler(GetFlagsQuery)
export class GetFlagsHandler implements IQueryHandler<GetFlagsQuery, FlagsView> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: TimelineCache,
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
  ) {}

  async execute(query: GetFlagsQuery): Promise<FlagsView> {
    const timeline = await loadTimeline(this.dataSource, this.cache, query.child, query.principal);
    // Rules count whole days, so today's flags are those as of the end of today.
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    return { child: timeline.child, asOf, flags: await this.cache.flags(timeline, this.config.detection, asOf) };
  }
}
