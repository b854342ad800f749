import { AuditTrail, type Principal } from '@casetrail/access';
import type { CasetrailConfig } from '@casetrail/config';
import { DomainError, formatEntryRef, streams, type ChildTimeline } from '@casetrail/domain';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { exportReviewChronology, ReviewsReader, reviewTimelines, type ReviewDetail, type ReviewSummary } from '@casetrail/projections';
import { findingSchema, parseEvidence, ReviewService, type Execution, type ReviewContext } from '@casetrail/recording';
import { Body, Controller, Get, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { correlationIdOf, type StatusResponse } from '../entries/writer';
import { APP_CONFIG } from '../tokens';
import { ReviewAccess } from './review-access';

interface ExportResponse extends StatusResponse {
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

interface ResultBody {
  readonly reviewId: string;
  readonly alreadyApplied: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@ApiTags('reviews')
@Controller('reviews')
export class ReviewsController {
  private readonly service: ReviewService;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
    private readonly audit: AuditTrail,
  ) {
    this.service = new ReviewService(store);
  }

  @Post()
  @Roles('administrator')
  @ApiOperation({ summary: 'Open a review (rapid review, local or national practice review) of children over a period.' })
  @ApiBody({
    schema: {
      example: { reviewId: 'RR-2024-007', kind: 'rapid_review', title: 'Rapid review RR-2024-007', children: ['subj-demo-child-01'], period: { from: '2023-01-01', to: '2024-03-31' } },
    },
  })
  async open(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<ResultBody> {
    const children = (body as { children?: unknown } | null)?.children;
    if (Array.isArray(children)) {
      for (const [index, child] of children.entries()) {
        if (typeof child === 'string' && (await this.store.readStream(streams.subject(child), { limit: 1 })).length === 0) {
          throw new DomainError('SUBJECT.NOT_FOUND', `No subject ${child}`, `children.${index}`);
        }
      }
    }
    return this.answer(res, await this.service.open(body, this.context(principal, res)), (body as { reviewId?: string }).reviewId ?? '');
  }

  @Get()
  @Roles('administrator', 'reviewer')
  @ApiOperation({ summary: 'Reviews: all of them for administrators, the assigned ones for a reviewer.' })
  @ApiOkResponse({
    description: 'Summaries of the reviews, without findings.',
    example: [
      { reviewId: 'RR-2024-007', kind: 'rapid_review', title: 'Rapid review RR-2024-007', children: ['subj-demo-child-01'], period: { from: '2023-06-01', to: '2023-12-31' }, status: 'open', openedAt: '2024-01-15T10:00:00.000Z' },
    ],
  })
  list(@CurrentPrincipal() principal: Principal): Promise<ReviewSummary[]> {
    const reader = new ReviewsReader(this.dataSource.manager);
    return principal.role === 'administrator' ? reader.list() : reader.list({ assignedTo: principal });
  }

  @Get(':reviewId')
  @Roles('administrator', 'reviewer')
  @ApiOperation({ summary: 'A review with its reviewers and findings (administrators, and reviewers assigned to it).' })
  @ApiParam({ name: 'reviewId', example: 'RR-2024-007' })
  async get(@Param('reviewId') reviewId: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<ReviewDetail> {
    const review = await new ReviewAccess(this.dataSource.manager).reviewFor(reviewId, principal);
    // The findings say what went wrong around named children: a read of personal data, audited first.
    await this.auditRead(review, 'review', principal, res);
    return review;
  }

  @Post(':reviewId/reviewers')
  @Roles('administrator')
  @ApiOperation({ summary: 'Assign a reviewer: an agency\'s review function, or a named practitioner of it.' })
  @ApiBody({ schema: { example: { agencyId: 'council-north', practitionerRef: 'REV-12' } } })
  async assign(@Param('reviewId') reviewId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<ResultBody> {
    return this.answer(res, await this.service.assign(reviewId, body, this.context(principal, res)), reviewId);
  }

  @Post(':reviewId/reviewers/unassign')
  @Roles('administrator')
  @ApiOperation({ summary: 'Unassign a reviewer.' })
  @ApiBody({ schema: { example: { agencyId: 'council-north', practitionerRef: 'REV-12', reason: 'moved to another review' } } })
  async unassign(@Param('reviewId') reviewId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<ResultBody> {
    return this.answer(res, await this.service.unassign(reviewId, body, this.context(principal, res)), reviewId);
  }

  @Post(':reviewId/findings')
  @Roles('reviewer')
  @ApiOperation({ summary: 'Record a finding tagged to a practice theme, resting on entries of the reviewed children (agency:entry_id).' })
  @ApiBody({
    schema: {
      example: { findingId: 'F-1', theme: 'information_sharing', text: 'Police held the partner\'s conviction and did not share it.', evidence: ['police-north:P-002'] },
    },
  })
  async finding(@Param('reviewId') reviewId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<ResultBody> {
    const review = await new ReviewAccess(this.dataSource.manager).reviewFor(reviewId, principal);
    const request = findingSchema.parse(body);
    const timelines = await this.timelinesOf(review);
    const evidence = request.evidence.map((text, index) => {
      const ref = parseEvidence(text, index);
      const found = timelines.flatMap((t) => t.entries).find((e) => formatEntryRef(e.event.data.entry) === formatEntryRef(ref));
      if (!found) throw new DomainError('ENTRY.NOT_FOUND', `No entry ${text} on the timelines of this review's children`, `evidence.${index}`);
      return { eventId: found.eventId, entry: ref };
    });
    return this.answer(res, await this.service.recordFinding(reviewId, request, evidence, this.context(principal, res)), reviewId);
  }

  @Post(':reviewId/conclude')
  // A reviewer reads and records findings, nothing else: concluding is the partnership's decision.
  @Roles('administrator')
  @ApiOperation({ summary: 'Conclude a review (administrators; it needs at least one finding, except a rapid review whose summary says why there are none).' })
  @ApiBody({ schema: { example: { summary: 'Learning on information sharing referred to a local practice review.' } } })
  async conclude(@Param('reviewId') reviewId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<ResultBody> {
    await new ReviewAccess(this.dataSource.manager).reviewFor(reviewId, principal);
    return this.answer(res, await this.service.conclude(reviewId, body, this.context(principal, res)), reviewId);
  }

  @Get(':reviewId/chronology')
  @Roles('reviewer')
  @ApiOperation({
    summary: "The review's integrated multi-agency chronology: CSV, printable HTML or JSON.",
    description: 'One row per entry about the reviewed children in the review period: agency, date, entry, what was known, with whom it was shared, flags and findings inline. Filter by agency and period.',
  })
  @ApiParam({ name: 'reviewId', example: 'RR-2024-007' })
  @ApiQuery({ name: 'format', required: false, enum: ['csv', 'html', 'json'] })
  @ApiQuery({ name: 'agency', required: false, example: 'police-north' })
  @ApiQuery({ name: 'from', required: false, example: '2023-06-01' })
  @ApiQuery({ name: 'to', required: false, example: '2023-12-31' })
  async chronology(
    @Param('reviewId') reviewId: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Res() res: ExportResponse,
  ): Promise<void> {
    const review = await new ReviewAccess(this.dataSource.manager).reviewFor(reviewId, principal);
    const format = query.format ?? 'json';
    if (format !== 'csv' && format !== 'html' && format !== 'json') throw new DomainError('REQUEST.QUERY.INVALID', 'format must be csv, html or json', 'format');
    // Audited before anything is exported; an append that fails refuses the export (503).
    await this.auditRead(review, 'chronology-export', principal, res);
    const text = exportReviewChronology(review, await this.timelinesOf(review), this.config.detection, format, {
      agencies: typeof query.agency === 'string' && query.agency ? query.agency.split(',') : undefined,
      from: dateParam(query.from, 'from'),
      to: dateParam(query.to, 'to'),
    });
    const [type, extension] = format === 'csv' ? ['text/csv; charset=utf-8', 'csv'] : format === 'html' ? ['text/html; charset=utf-8', 'html'] : ['application/json', 'json'];
    res.setHeader('content-type', type);
    if (format !== 'json') res.setHeader('content-disposition', `attachment; filename="${reviewId}-chronology.${extension}"`);
    res.status(200);
    res.send(text);
  }

  /** A read of a review's personal data, appended to the audit trail before it is answered (503 if it cannot be). */
  private auditRead(review: ReviewDetail, resource: 'review' | 'chronology-export', principal: Principal, res: StatusResponse): Promise<string> {
    return this.audit.recordRead({
      reader: principal,
      resource,
      children: review.children,
      purpose: `review:${review.reviewId}`,
      reviewId: review.reviewId,
      channel: 'api',
      correlationId: correlationIdOf(res) ?? '',
    });
  }

  private timelinesOf(review: ReviewDetail): Promise<ChildTimeline[]> {
    return reviewTimelines(this.dataSource.manager, review);
  }

  private context(principal: Principal, res: StatusResponse): ReviewContext {
    const actor = { agencyId: principal.agencyId, role: principal.role, ...(principal.practitionerRef && { practitionerRef: principal.practitionerRef }) };
    return { actor, metadata: { correlationId: correlationIdOf(res), actor }, now: new Date() };
  }

  private answer(res: StatusResponse, result: Execution<unknown>, reviewId: string): ResultBody {
    res.status(result.alreadyApplied ? 200 : 201);
    return { reviewId, alreadyApplied: result.alreadyApplied };
  }
}

function dateParam(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !DATE.test(value)) throw new DomainError('REQUEST.QUERY.INVALID', `${field} must be a date YYYY-MM-DD`, field);
  return value;
}
