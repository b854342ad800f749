import type { Principal } from '@casetrail/access';
import { DomainError } from '@casetrail/domain';
import { checkTimelineFilter, type TimelinePerspective } from '@casetrail/projections';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { GetFlagsQuery, GetTimelineQuery, type FlagsView } from './timeline.queries';

/** What the timeline route uses of Express's response: it sends JSON text it already rendered. */
interface JsonResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

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
  @Roles('reviewer', 'practitioner')
  @ApiOperation({
    summary: "A child's integrated multi-agency timeline, or what one agency knew on a date.",
    description:
      'Entries about the child (under any linked subject id) and about adults while in its household, ordered by when they occurred. ' +
      'Corrected entries show current values with their history; retracted ones are listed apart. ' +
      '`asKnownBy` + `asOf`: only what that agency recorded, or was told (sharing, referral, meeting attended), by that date. ' +
      '`asRecordedBy`: what the whole system held on that date. A practitioner sees what its own agency knows (asKnownBy defaults to its agency).',
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
  async timeline(
    @Param('child') child: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() res: JsonResponse,
  ): Promise<void> {
    const filter = checkTimelineFilter({
      agencies: list(query.agency),
      types: list(query.type),
      categories: list(query.category),
      from: date(query.from, 'from'),
      to: date(query.to, 'to'),
    });
    const json = await this.queries.execute<GetTimelineQuery, string>(new GetTimelineQuery(child, perspectiveOf(query, principal), filter, principal));
    res.status(200);
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.send(json);
  }

  @Get('flags')
  @Roles('reviewer')
  @ApiOperation({
    summary: "Missed-sharing and practice flags on a child's timeline.",
    description: 'Every detection rule of the domain over the projected timeline, as the system could raise them on `asOf` (today by default). Each flag names its rule, theme, agencies, evidence entries (event ids and the agencies\' own entry ids) and the delay or missing action.',
  })
  @ApiParam({ name: 'child', example: 'subj-demo-child-01' })
  @ApiQuery({ name: 'asOf', required: false, example: '2024-01-31' })
  flags(@Param('child') child: string, @Query('asOf') asOf: unknown, @CurrentPrincipal() principal: Principal): Promise<FlagsView> {
    return this.queries.execute(new GetFlagsQuery(child, date(asOf, 'asOf'), principal));
  }
}

function perspectiveOf(query: Record<string, unknown>, principal: Principal): TimelinePerspective {
  const asKnownBy = typeof query.asKnownBy === 'string' && query.asKnownBy !== '' ? query.asKnownBy : undefined;
  const asOf = date(query.asOf, 'asOf');
  const asRecordedBy = date(query.asRecordedBy, 'asRecordedBy');
  if (asKnownBy && asRecordedBy) throw new DomainError('REQUEST.QUERY.INVALID', 'asKnownBy and asRecordedBy are two different views; ask for one', 'asRecordedBy');
  if (principal.role === 'practitioner') {
    // A practitioner reads what its own agency recorded or was told: never the integrated view.
    if (asKnownBy !== undefined && asKnownBy !== principal.agencyId) {
      throw new DomainError('ACCESS.OTHER_AGENCY.FORBIDDEN', `A practitioner of ${principal.agencyId} may only see what ${principal.agencyId} knew`, 'asKnownBy');
    }
    if (asRecordedBy !== undefined) throw new DomainError('ACCESS.INTEGRATED_VIEW.FORBIDDEN', 'A practitioner may only see what its own agency knew', 'asRecordedBy');
    return { kind: 'known-by', agency: principal.agencyId, asOf: asOf ?? new Date().toISOString() };
  }
  if (asKnownBy !== undefined) return { kind: 'known-by', agency: asKnownBy, asOf: asOf ?? new Date().toISOString() };
  if (asOf !== undefined) throw new DomainError('REQUEST.QUERY.INVALID', 'asOf goes with asKnownBy', 'asOf');
  if (asRecordedBy !== undefined) return { kind: 'recorded-by', asOf: asRecordedBy };
  return { kind: 'integrated' };
}
