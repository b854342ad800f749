import { DomainError } from '@casetrail/domain';
import { checkTimelineFilter } from '@casetrail/projections';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { PerspectiveAsk } from '../access/child-read-access';
import { CurrentRead, type ReadContext } from '../access/read-context';
import { Roles } from '../auth/auth.decorators';
import { sendRendered, type RenderedJson, type RenderedRequest, type RenderedResponse } from './rendered-json';
import { GetFlagsQuery, GetTimelineQuery, type FlagsView } from './timeline.queries';


const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** A list parameter: repeated (`?agency=a&agency=b`) or comma-separated (`?agency=a,b`). */
function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function date(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new DomainError('REQUEST.QUERY.INVALID', `${field} must be a date YYYY-MM-DD (or an ISO instant)`, field);
  }
  return value;
}

@ApiTags('timelines')
@Controller('children/:child')
export class TimelinesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('timeline')
  @Roles('reviewer', 'practitioner', 'administrator')
  @ApiOperation({
    summary: "A child's integrated multi-agency timeline, or what one agency knew on a date.",
    description:
      'Entries about the child (under any linked subject id) and about adults while in its household, ordered by when they occurred. ' +
      'Corrected entries show current values with their history; retracted ones are listed apart. ' +
      '`asKnownBy` + `asOf`: only what that agency recorded, or was told (sharing, referral, meeting attended), by that date. ' +
      '`asRecordedBy`: what the whole system held on that date. A practitioner sees what its own agency knows (asKnownBy defaults to its agency). ' +
      'A reviewer sees the children of the reviews it is assigned to, within their periods (`review` picks one). Under a break-glass grant in ' +
      'force (POST /children/{child}/break-glass) a practitioner, reviewer or administrator reads the whole integrated record. Every read is ' +
      'appended to the audit trail first, with its `purpose` (query parameter or X-Purpose header; a practitioner\'s defaults to direct-work); ' +
      'if that fails the read is refused (503).',
  })
  @ApiParam({ name: 'child', example: 'subj-demo-child-01' })
  @ApiQuery({ name: 'agency', required: false, description: 'agency ids, comma-separated', example: 'police-north,csc-north' })
  @ApiQuery({ name: 'type', required: false, description: 'entry types of the chronology format', example: 'concern,referral' })
  @ApiQuery({ name: 'category', required: false, description: 'risk categories (ids or census codes)', example: 'domestic_abuse' })
  @ApiQuery({ name: 'from', required: false, example: '2023-01-01' })
  @ApiQuery({ name: 'to', required: false, example: '2023-12-31' })
  @ApiQuery({ name: 'asKnownBy', required: false, example: 'police-north' })
  @ApiQuery({ name: 'asOf', required: false, example: '2023-10-09' })
  @ApiQuery({ name: 'asRecordedBy', required: false, example: '2023-10-09' })
  @ApiQuery({ name: 'review', required: false, description: 'a reviewer: the review it reads for', example: 'RR-2024-007' })
  @ApiQuery({ name: 'purpose', required: false, description: 'why the record is read (an id), for the audit trail', example: 'direct-work' })
  async timeline(
    @Param('child') child: string,
    @Query() query: Record<string, unknown>,
    @CurrentRead() reader: ReadContext,
    @Req() req: RenderedRequest,
    @Res() res: RenderedResponse,
  ): Promise<void> {
    const filter = checkTimelineFilter({
      agencies: list(query.agency),
      types: list(query.type),
      categories: list(query.category),
      from: date(query.from, 'from'),
      to: date(query.to, 'to'),
    });
    const rendered = await this.queries.execute<GetTimelineQuery, RenderedJson>(new GetTimelineQuery(child, perspectiveAsk(query), filter, reader));
    sendRendered(req, res, rendered);
  }

  @Get('flags')
  @Roles('reviewer', 'practitioner', 'administrator')
  @ApiOperation({
    summary: "Missed-sharing and practice flags on a child's timeline.",
    description: 'Every detection rule of the domain over the projected timeline, as the system could raise them on `asOf` (today by default). Each flag names its rule, theme, agencies, evidence entries (event ids and the agencies\' own entry ids) and the delay or missing action.',
  })
  @ApiParam({ name: 'child', example: 'subj-demo-child-01' })
  @ApiQuery({ name: 'asOf', required: false, example: '2024-01-31' })
  @ApiQuery({ name: 'review', required: false, description: 'a reviewer: the review it reads for', example: 'RR-2024-007' })
  @ApiQuery({ name: 'purpose', required: false, description: 'why the record is read (an id), for the audit trail', example: 'break-glass' })
  flags(@Param('child') child: string, @Query('asOf') asOf: unknown, @Query('review') review: unknown, @CurrentRead() reader: ReadContext): Promise<FlagsView> {
    return this.queries.execute(new GetFlagsQuery(child, date(asOf, 'asOf'), reader, reviewParam(review)));
  }
}

function perspectiveAsk(query: Record<string, unknown>): PerspectiveAsk {
  const asKnownBy = typeof query.asKnownBy === 'string' && query.asKnownBy !== '' ? query.asKnownBy : undefined;
  const asOf = date(query.asOf, 'asOf');
  const asRecordedBy = date(query.asRecordedBy, 'asRecordedBy');
  if (asKnownBy && asRecordedBy) throw new DomainError('REQUEST.QUERY.INVALID', 'asKnownBy and asRecordedBy are two different views; ask for one', 'asRecordedBy');
  const review = reviewParam(query.review);
  return { ...(asKnownBy !== undefined && { asKnownBy }), ...(asOf !== undefined && { asOf }), ...(asRecordedBy !== undefined && { asRecordedBy }), ...(review !== undefined && { review }) };
}

function reviewParam(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 100) throw new DomainError('REQUEST.QUERY.INVALID', 'review must be one review id', 'review');
  return value;
}
