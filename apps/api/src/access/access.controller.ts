import { AuditTrail } from '@casetrail/access';
import { DomainError, leadAgenciesOf } from '@casetrail/domain';
import { AuditReader, type AuditEntry, type AuditQuery } from '@casetrail/projections';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/auth.decorators';
import { TimelineCache } from '../timelines/timeline-cache';
import { loadTimeline } from '../timelines/timeline.queries';
import type { StatusResponse } from '../entries/writer';
import { CurrentRead, type ReadContext } from './read-context';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/;

interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly limit: number;
  readonly offset: number;
  /** Present when there may be more: the offset of the next page. */
  readonly nextOffset?: number;
}

@ApiTags('access')
@Controller()
export class AccessController {
  constructor(
    private readonly audit: AuditTrail,
    private readonly cache: TimelineCache,
    private readonly dataSource: DataSource,
  ) {}

  @Post('children/:child/break-glass')
  @Roles('practitioner', 'reviewer', 'administrator')
  @ApiOperation({
    summary: "Break the glass: emergency access to a child's integrated record outside one's scope, for a limited time.",
    description:
      'A reason (10 to 1000 characters) is mandatory; `minutes` defaults to, and may not exceed, BREAK_GLASS_MINUTES. While the grant is in ' +
      'force the caller (its agency, role and practitioner reference exactly) reads the child\'s integrated timeline and flags; every such read ' +
      'is audited with purpose break-glass and the grant id. Grants are listed in the lead agency\'s access log and in the audit trail. Leaders cannot break the glass.',
  })
  @ApiParam({ name: 'child', example: 'subj-demo-child-01' })
  @ApiBody({ schema: { example: { reason: 'Child attended ED out of hours with injuries; no lead agency reachable', minutes: 30 } } })
  async breakGlass(@Param('child') child: string, @Body() body: unknown, @CurrentRead() reader: ReadContext, @Res({ passthrough: true }) res: StatusResponse): Promise<unknown> {
    const timeline = await loadTimeline(this.cache, child);
    const { reason, minutes } = (body ?? {}) as { reason?: unknown; minutes?: unknown };
    const grant = await this.audit.breakGlass({ child: timeline.child, grantee: reader.principal, reason, minutes, correlationId: reader.correlationId });
    res.status(201);
    const { grantId, grantee, grantedAt, expiresAt } = grant.data;
    return { grantId, child: timeline.child, grantee, grantedAt, expiresAt };
  }

  @Get('children/:child/access-log')
  @Roles('practitioner')
  @ApiOperation({
    summary: "Who has looked at this child's record: for the child's lead agency.",
    description:
      'Every audited read of the child\'s record (who, role, agency, what, when, purpose, correlation id) and every break-glass grant, newest ' +
      'first. Only a practitioner of an agency whose open involvement with the child is marked lead may ask. Filters: `from`/`to` (dates), paging.',
  })
  @ApiParam({ name: 'child', example: 'subj-demo-child-01' })
  @ApiQuery({ name: 'from', required: false, example: '2024-01-01' })
  @ApiQuery({ name: 'to', required: false, example: '2024-12-31' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'offset', required: false, example: 0 })
  async accessLog(@Param('child') child: string, @Query() query: Record<string, unknown>, @CurrentRead() reader: ReadContext): Promise<AuditPage & { child: string }> {
    const timeline = await loadTimeline(this.cache, child);
    if (!leadAgenciesOf(timeline).includes(reader.principal.agencyId)) {
      throw new DomainError('ACCESS.NOT_LEAD_AGENCY.FORBIDDEN', `${reader.principal.agencyId} is not this child's lead agency`, 'child');
    }
    return { child: timeline.child, ...(await this.page({ ...filters(query), children: timeline.aliases })) };
  }

  @Get('audit')
  @Roles('administrator')
  @ApiOperation({
    summary: 'The audit trail of reads of personal data and break-glass grants (administrators).',
    description: 'Newest first. Filters: `child` (any of its linked ids), `agency` (the reader\'s), `kind` (read or break-glass), `from`/`to` (dates); paging with `limit` (at most 500) and `offset`.',
  })
  @ApiQuery({ name: 'child', required: false, example: 'subj-demo-child-01' })
  @ApiQuery({ name: 'agency', required: false, example: 'health-east' })
  @ApiQuery({ name: 'kind', required: false, enum: ['read', 'break-glass'] })
  @ApiQuery({ name: 'from', required: false, example: '2024-01-01' })
  @ApiQuery({ name: 'to', required: false, example: '2024-12-31' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'offset', required: false, example: 0 })
  async trail(@Query() query: Record<string, unknown>): Promise<AuditPage> {
    const child = idParam(query.child, 'child');
    let children: readonly string[] | undefined;
    if (child !== undefined) children = (await this.cache.childTimeline(child))?.aliases ?? [child];
    const agency = idParam(query.agency, 'agency');
    const kind = query.kind;
    if (kind !== undefined && kind !== 'read' && kind !== 'break-glass') throw new DomainError('REQUEST.QUERY.INVALID', 'kind must be read or break-glass', 'kind');
    return this.page({ ...filters(query), ...(children && { children }), ...(agency && { agency }), ...(kind !== undefined && { kind }) });
  }

  private async page(query: AuditQuery): Promise<AuditPage> {
    // One more than asked tells whether a next page exists.
    const rows = await new AuditReader(this.dataSource.manager).find({ ...query, limit: query.limit + 1 });
    const entries = rows.slice(0, query.limit);
    return { entries, limit: query.limit, offset: query.offset, ...(rows.length > query.limit && { nextOffset: query.offset + query.limit }) };
  }
}

function filters(query: Record<string, unknown>): AuditQuery {
  const from = dateParam(query.from, 'from');
  const to = dateParam(query.to, 'to');
  if (from && to && from > to) throw new DomainError('REQUEST.QUERY.INVALID', 'from is after to', 'from');
  return { ...(from && { from }), ...(to && { to }), limit: intParam(query.limit, 'limit', 1, 500) ?? 100, offset: intParam(query.offset, 'offset', 0, 1_000_000) ?? 0 };
}

function dateParam(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) throw new DomainError('REQUEST.QUERY.INVALID', `${field} must be a date YYYY-MM-DD`, field);
  return value;
}

function idParam(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !ID.test(value)) throw new DomainError('REQUEST.QUERY.INVALID', `${field} must be one id`, field);
  return value;
}

function intParam(value: unknown, field: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new DomainError('REQUEST.QUERY.INVALID', `${field} must be a whole number from ${min} to ${max}`, field);
  return n;
}
