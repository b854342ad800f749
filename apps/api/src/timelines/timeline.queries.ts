import type { CasetrailConfig } from '@casetrail/config';
import { DomainError, type ChildTimeline, type Flag } from '@casetrail/domain';
import { timelineView, type TimelineFilter } from '@casetrail/projections';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ChildReadAccess, flagsWithin, resourceOf, type PerspectiveAsk } from '../access/child-read-access';
import type { ReadContext } from '../access/read-context';
import { APP_CONFIG } from '../tokens';
import type { RenderedJson } from './rendered-json';
import { TimelineCache } from './timeline-cache';

export class GetTimelineQuery {
  constructor(
    readonly child: string,
    readonly ask: PerspectiveAsk,
    readonly filter: TimelineFilter,
    readonly reader: ReadContext,
  ) {}
}

export class GetFlagsQuery {
  constructor(
    readonly child: string,
    /** The evaluation date: flags the system could raise on that day (today when absent). */
    readonly asOf: string | undefined,
    readonly reader: ReadContext,
    readonly review?: string,
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

export async function loadTimeline(cache: TimelineCache, child: string): Promise<ChildTimeline> {
  const timeline = await cache.childTimeline(child);
  if (!timeline) throw new ChildNotFound(child);
  return timeline;
}

/**
 * The timeline view as JSON text: serialising 2,000 entries is a large share of answering. Access
 * is decided and the read appended to the audit trail before anything is rendered.
 */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery, RenderedJson> {
  constructor(
    private readonly cache: TimelineCache,
    private readonly access: ChildReadAccess,
  ) {}

  async execute(query: GetTimelineQuery): Promise<RenderedJson> {
    const timeline = await loadTimeline(this.cache, query.child);
    const grant = await this.access.decide(timeline, query.reader, 'timeline', query.ask);
    const filter: TimelineFilter = { ...query.filter, ...(grant.within && { within: grant.within }) };
    await this.access.record(timeline, query.reader, resourceOf(grant.perspective), grant);
    return this.cache.rendered(timeline, `timeline|${JSON.stringify(grant.perspective)}|${JSON.stringify(filter)}`, () =>
      JSON.stringify(timelineView(timeline, grant.perspective, filter)),
    );
  }
}

@QueryHandler(GetFlagsQuery)
export class GetFlagsHandler implements IQueryHandler<GetFlagsQuery, FlagsView> {
  constructor(
    private readonly cache: TimelineCache,
    private readonly access: ChildReadAccess,
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
  ) {}

  async execute(query: GetFlagsQuery): Promise<FlagsView> {
    const timeline = await loadTimeline(this.cache, query.child);
    const grant = await this.access.decide(timeline, query.reader, 'flags', query.review === undefined ? {} : { review: query.review });
    await this.access.record(timeline, query.reader, 'flags', grant);
    // Rules count whole days, so today's flags are those as of the end of today.
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    const flags = await this.cache.flags(timeline, this.config.detection, asOf);
    return { child: timeline.child, asOf, flags: flagsWithin(flags, grant.within) };
  }
}
