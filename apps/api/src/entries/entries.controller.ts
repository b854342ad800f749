import { AuditTrail, type Principal } from '@casetrail/access';
import { DomainError } from '@casetrail/domain';
import { EVENT_STORE, supportsTransactions, type EventStore } from '@casetrail/event-store';
import { ENTRY_KIND_NAMES, isEntryKind, readEntry, RecordingService, type EntryKind, type Execution, type Writer } from '@casetrail/recording';
import { ZodError } from 'zod';
import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DEFAULT_PRACTITIONER_PURPOSE } from '../access/child-read-access';
import { CurrentRead, type ReadContext } from '../access/read-context';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { correlationIdOf, type StatusResponse as Response } from './writer';
import { RecordEntryCommand, RegisterAgencyCommand } from './record-entry.command';
import { BATCH_REQUEST_EXAMPLES, BATCH_RESPONSES } from './batch-examples';
import { ENTRY_EXAMPLES, ENTRY_READ_BACK_EXAMPLE } from './entry-examples';

interface ExecutionBody {
  readonly streamId: string;
  readonly alreadyApplied: boolean;
  readonly events: readonly { eventId: string; revision: string }[];
}

function toBody(execution: Execution<unknown>): ExecutionBody {
  return {
    streamId: execution.streamId,
    alreadyApplied: execution.alreadyApplied,
    events: execution.appended.map((e) => ({ eventId: e.eventId, revision: e.revision.toString() })),
  };
}

@ApiTags('entries')
@Controller()
export class EntriesController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly audit: AuditTrail,
  ) {}

  @Post('agencies')
  @Roles('administrator')
  @ApiOperation({ summary: 'Register an agency (administrators); it can record entries from then on.' })
  @ApiBody({ schema: { example: { agencyId: 'police-north', name: 'Northshire Police (synthetic)', kind: 'police' } } })
  async registerAgency(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<ExecutionBody> {
    const result = await this.commands.execute<RegisterAgencyCommand, Execution<unknown>>(
      new RegisterAgencyCommand(body, { correlationId: correlationIdOf(res), actor: { agencyId: principal.agencyId, role: principal.role } }),
    );
    res.status(result.alreadyApplied ? 200 : 201);
    return toBody(result);
  }

  @Post('entries/batch')
  @Roles('practitioner')
  @ApiOperation({
    summary: 'Record several entries of the caller agency, all or none.',
    description:
      'Each item is {"kind": <kind>, "entry": <the body of POST /entries/<kind>>}, or the short form {"kind": <kind>, ...that body} ' +
      'for kinds whose body has no "kind" field of its own (not person, meeting or serious-incident). Items are decided in order, so a later ' +
      'item may name what an earlier one recorded. The first bad item refuses the batch (its index is in the field name) and nothing is written. ' +
      'Idempotent by entry id like the single writes: a retried batch answers 200.',
  })
  @ApiBody({ schema: { type: 'object', required: ['entries'], properties: { entries: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'object' } } } }, examples: BATCH_REQUEST_EXAMPLES })
  @ApiCreatedResponse(BATCH_RESPONSES.created)
  @ApiOkResponse(BATCH_RESPONSES.retried)
  @ApiBadRequestResponse(BATCH_RESPONSES.invalid)
  @ApiConflictResponse(BATCH_RESPONSES.conflict)
  async batch(@Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<{ entries: ExecutionBody[] }> {
    const items = (body as { entries?: unknown } | null)?.entries;
    if (!Array.isArray(items) || items.length === 0 || items.length > 1000) {
      throw new DomainError('REQUEST.BATCH.INVALID', 'The body must be {"entries": [...]} with 1 to 1000 entries', 'entries');
    }
    if (!supportsTransactions(this.store)) throw new DomainError('REQUEST.BATCH_UNSUPPORTED.INVALID', 'This event store cannot append a batch atomically');
    const writer = this.writerOf(principal, res);
    const results = await this.store.transaction(async (tx) => {
      const service = RecordingService.within(tx);
      const out: Execution<unknown>[] = [];
      for (const [index, item] of items.entries()) {
        const { kind, body, field } = batchItem(item, index);
        try {
          out.push(await service.record(kind, body, writer));
        } catch (error) {
          throw prefixField(error, field);
        }
      }
      return out;
    });
    res.status(results.every((r) => r.alreadyApplied) ? 200 : 201);
    return { entries: results.map(toBody) };
  }

  @Post('entries/:kind')
  @Roles('practitioner')
  @ApiOperation({
    summary: 'Record one entry of an agency: a contact, concern, referral, sharing, meeting, ...',
    description:
      'Idempotent by the agency\'s own entryId: a retried request appends nothing and answers 200 with the original result. ' +
      'Errors are application/problem+json with a stable code and the field at fault.',
  })
  @ApiParam({ name: 'kind', enum: ENTRY_KIND_NAMES })
  @ApiBody({ schema: { type: 'object' }, examples: ENTRY_EXAMPLES })
  async record(
    @Param('kind') kind: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ExecutionBody> {
    if (!isEntryKind(kind)) throw new NotFoundException(`No kind of entry "${kind}"; kinds: ${ENTRY_KIND_NAMES.join(', ')}`);
    const writer = this.writerOf(principal, res);
    const result = await this.commands.execute<RecordEntryCommand, Execution<unknown>>(new RecordEntryCommand(kind, body, writer));
    res.status(result.alreadyApplied ? 200 : 201);
    return toBody(result);
  }

  private writerOf(principal: Principal, res: Response): Writer {
    return {
      agency: principal.agencyId,
      metadata: {
        correlationId: correlationIdOf(res),
        actor: { agencyId: principal.agencyId, role: principal.role, ...(principal.practitionerRef && { practitionerRef: principal.practitionerRef }) },
      },
    };
  }

  /** The stored events of one of the caller's own entries: answers and amendments included. */
  @Get('entries/:agency/:entryId')
  @Roles('practitioner')
  @ApiOperation({
    summary: "Read back one of the caller agency's entries with its answers and amendments.",
    description:
      'Events are shown at the latest version of their schema, whatever version they were stored in. An answer or amendment is kept in the ' +
      'stream of the entry it refers to: its read-back names that entry (keptWithin) and lists the events that are it or amend it.',
  })
  @ApiParam({ name: 'agency', example: 'csc-north' })
  @ApiParam({ name: 'entryId', example: 'C-004' })
  @ApiOkResponse({ description: 'The entry and the events about it, in stream order.', example: ENTRY_READ_BACK_EXAMPLE })
  @ApiQuery({ name: 'purpose', required: false, description: 'why the entry is read (an id), for the audit trail; default direct-work', example: 'direct-work' })
  async read(@Param('agency') agency: string, @Param('entryId') entryId: string, @CurrentRead() reader: ReadContext): Promise<unknown> {
    const { principal } = reader;
    // An agency reads back only its own entries; reviewers read entries on the timelines of their reviews.
    if (agency !== principal.agencyId) throw new NotFoundException(`No entry ${agency}:${entryId} of agency ${principal.agencyId}`);
    const { keptWithin, events } = await readEntry(this.store, { agency, entryId });
    if (events.length === 0) throw new NotFoundException(`No entry ${agency}:${entryId}`);
    const subjects = (events[0]!.data as { subjects?: unknown }).subjects;
    await this.audit.recordRead({
      reader: principal,
      resource: 'entry',
      children: Array.isArray(subjects) ? subjects.filter((s): s is string => typeof s === 'string') : [],
      purpose: reader.purpose ?? DEFAULT_PRACTITIONER_PURPOSE,
      entry: { agency, entryId },
      channel: 'api',
      correlationId: reader.correlationId,
    });
    return {
      entry: { agency, entryId },
      ...(keptWithin && { keptWithin }),
      events: events.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, revision: e.revision.toString(), data: e.data })),
    };
  }
}

/**
 * A batch item's kind and body, and the field its errors are reported under. The long form keeps
 * the body whole, for kinds (person, meeting, serious-incident) whose body has a "kind" of its own.
 */
function batchItem(item: unknown, index: number): { kind: EntryKind; body: unknown; field: string } {
  const { kind, entry, ...rest } = (item ?? {}) as { kind?: unknown; entry?: unknown };
  if (typeof kind !== 'string' || !isEntryKind(kind)) throw new DomainError('REQUEST.BATCH_KIND.INVALID', `entries[${index}].kind is not a kind of entry`, `entries.${index}.kind`);
  if (entry === undefined) return { kind, body: rest, field: `entries.${index}` };
  if (Object.keys(rest).length > 0) {
    throw new DomainError('REQUEST.BATCH_ITEM.INVALID', `entries[${index}] has "entry" and other fields; put the entry's fields inside "entry"`, `entries.${index}`);
  }
  return { kind, body: entry, field: `entries.${index}.entry` };
}

/** Points a batch item's error at the item: `subjects` becomes `entries.3.subjects`. */
function prefixField(error: unknown, prefix: string): unknown {
  if (error instanceof ZodError) {
    return new ZodError(error.issues.map((issue) => ({ ...issue, path: [...prefix.split('.'), ...issue.path] })));
  }
  if (error instanceof DomainError) return new DomainError(error.code, `${prefix}: ${error.message}`, error.field ? `${prefix}.${error.field}` : prefix);
  return error;
}
