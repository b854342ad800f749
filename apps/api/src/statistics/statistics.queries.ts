import type { CasetrailConfig } from '@casetrail/config';
import {
  StatisticsReader,
  type FlagStatistics,
  type IncidentStatistics,
  type RepeatReferralStatistics,
  type ReviewStatistics,
  type StatisticsFilter,
  type TimeToShareStatistics,
} from '@casetrail/projections';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../tokens';

/** Each section of leadership statistics and what it answers. */
export interface StatisticsSections {
  readonly flags: FlagStatistics;
  readonly 'time-to-share': TimeToShareStatistics;
  readonly incidents: IncidentStatistics;
  readonly 'repeat-referrals': RepeatReferralStatistics;
  readonly reviews: ReviewStatistics;
}

export type StatisticsSection = keyof StatisticsSections;

export class GetStatisticsQuery<S extends StatisticsSection = StatisticsSection> {
  constructor(
    readonly section: S,
    readonly filter: StatisticsFilter,
  ) {}
}

/** Aggregates only, read from the flags and statistics read models: never recomputed per request. */
@QueryHandler(GetStatisticsQuery)
export class GetStatisticsHandler implements IQueryHandler<GetStatisticsQuery, StatisticsSections[StatisticsSection]> {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
  ) {}

  async execute(query: GetStatisticsQuery): Promise<StatisticsSections[StatisticsSection]> {
    const reader = new StatisticsReader(this.dataSource.manager, {
      suppressBelow: this.config.statistics.suppressBelow,
      repeatReferralWindowDays: this.config.detection.repeatReferralWindowDays,
    });
    await reader.checkAgency(query.filter);
    switch (query.section) {
      case 'flags':
        return reader.flags(query.filter);
      case 'time-to-share':
        return reader.timeToShare(query.filter);
      case 'incidents':
        return reader.incidents(query.filter);
      case 'repeat-referrals':
        return reader.repeatReferrals(query.filter);
      case 'reviews':
        return reader.reviews(query.filter);
      default: {
        const unreachable: never = query.section;
        throw new Error(`Unknown statistics section ${String(unreachable)}`);
      }
    }
  }
}
