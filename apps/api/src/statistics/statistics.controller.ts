import { checkStatisticsFilter } from '@casetrail/projections';
import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { STATISTICS_EXAMPLES, STATISTICS_FILTER_PROBLEM } from './statistics-examples';
import { GetStatisticsQuery, type StatisticsSection, type StatisticsSections } from './statistics.queries';

const SUPPRESSION =
  'Aggregates only: no child, adult, entry id or free text. Counts from 1 to `suppressBelow - 1` are withheld (`count: null, suppressed: true`; ' +
  'STATS_SUPPRESS_BELOW, default 5, 0 = off); zero and totals are published as they are (primary suppression only).';

/** What every statistics route shares: the period and agency parameters, the refusals, an example answer. */
function StatisticsRoute(section: StatisticsSection, summary: string, description: string) {
  return applyDecorators(
    Get(section),
    ApiOperation({ summary, description: `${description}\n\n${SUPPRESSION}` }),
    ApiQuery({ name: 'from', required: false, description: 'first day of the period, inclusive (YYYY-MM-DD)', example: '2024-01-01' }),
    ApiQuery({ name: 'to', required: false, description: 'last day of the period, inclusive (YYYY-MM-DD)', example: '2024-12-31' }),
    ApiQuery({ name: 'agency', required: false, description: 'a registered agency id: only what involves it', example: 'police-north' }),
    ApiOkResponse({ description: 'The aggregates.', examples: { example: { summary: `GET /stats/${section}`, value: STATISTICS_EXAMPLES[section] } } }),
    ApiBadRequestResponse({
      description: 'A bad period or agency (STATISTICS.FILTER.INVALID, naming the field), as application/problem+json.',
      examples: { badDate: { summary: 'from is not a date', value: STATISTICS_FILTER_PROBLEM } },
    }),
    ApiForbiddenResponse({ description: 'Only leaders and administrators read statistics (AUTH.ROLE_NOT_ALLOWED).' }),
  );
}

/**
 * Leadership statistics: what leaders see instead of people (ARCHITECTURE.md principle 7). Read
 * from read models kept off the request path: the flags refresher's per-child results and the
 * review-statistics projection, so they are eventually consistent with the log.
 */
@ApiTags('statistics')
@Controller('stats')
@Roles('leader', 'administrator')
export class StatisticsController {
  constructor(private readonly queries: QueryBus) {}

  @StatisticsRoute(
    'flags',
    'Current flags by rule, practice theme, agency and month.',
    'Flags as the refresher last evaluated them (`freshness`), counted by the month they arose or fell due. A flag naming two agencies counts for each in `byAgency`; `agency` keeps flags naming that agency.',
  )
  flags(@Query() query: Record<string, unknown>): Promise<StatisticsSections['flags']> {
    return this.run('flags', query);
  }

  @StatisticsRoute(
    'time-to-share',
    'Days from a concern to its reaching each other agency working with the child, per ordered pair of agencies.',
    'Medium and high concerns whose date lies in the period; for each other agency with an open involvement that day, the first sharing, referral or meeting that carried it there, reckoned as the detection rules reckon it. Median and 90th percentile (nearest rank, whole days) over the concerns that reached the agency; `notReached` counts the rest. `agency` keeps pairs where it is either side.',
  )
  timeToShare(@Query() query: Record<string, unknown>): Promise<StatisticsSections['time-to-share']> {
    return this.run('time-to-share', query);
  }

  @StatisticsRoute(
    'incidents',
    'Serious incident notifications by year and kind (death, serious harm).',
    'One per notified incident about a child (two agencies’ accounts of one incident count once; retracted ones not at all), by the year it occurred; `agency` keeps those that agency notified.',
  )
  incidents(@Query() query: Record<string, unknown>): Promise<StatisticsSections['incidents']> {
    return this.run('incidents', query);
  }

  @StatisticsRoute(
    'repeat-referrals',
    'Repeat-referral rate per year: the share of children referred that year with a referral that had an earlier one within twelve months.',
    'Referrals about a child (from agencies or people), by the year they occurred. `agency` keeps referrals made by or to it; the earlier referral may involve any agency.',
  )
  repeatReferrals(@Query() query: Record<string, unknown>): Promise<StatisticsSections['repeat-referrals']> {
    return this.run('repeat-referrals', query);
  }

  @StatisticsRoute(
    'reviews',
    'Practice reviews by kind and status (open, concluded).',
    'Reviews opened in the period, with their status now; every kind is listed, zero when there are none. `agency` keeps reviews that agency opened.',
  )
  reviews(@Query() query: Record<string, unknown>): Promise<StatisticsSections['reviews']> {
    return this.run('reviews', query);
  }

  private run<S extends StatisticsSection>(section: S, query: Record<string, unknown>): Promise<StatisticsSections[S]> {
    return this.queries.execute<GetStatisticsQuery<S>, StatisticsSections[S]>(new GetStatisticsQuery(section, checkStatisticsFilter(query)));
  }
}
