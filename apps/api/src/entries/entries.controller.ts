import type { Principal } from '@casetrail/access';
import { streams } from '@casetrail/domain';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { ENTRY_KIND_NAMES, isEntryKind, type Execution } from '@casetrail/recording';
import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { correlationIdOf, type StatusResponse as Response } from './writer';
import { RecordEntryCommand, RegisterAgencyCommand } from './record-entry.command';
import { ENTRY_EXAMPLES } from './entry-examples';

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
    const writer = {
      agency: principal.agencyId,
      metadata: {
        correlationId: correlationIdOf(res),
        actor: { agencyId: principal.agencyId, role: principal.role, ...(principal.practitionerRef && { practitionerRef: principal.practitionerRef }) },
      },
    };
    const result = await this.commands.execute<RecordEntryCommand, Execution<unknown>>(new RecordEntryCommand(kind, body, writer));
    res.status(result.alreadyApplied ? 200 : 201);
    return toBody(result);
  }

  /** The stored events of one of the caller's own entries: answers and amendments included. */
  @Get('entries/:agency/:entryId')
  @Roles('practitioner')
  @ApiOperation({ summary: "Read back one of the caller agency's entries with its answers and amendments." })
  async read(@Param('agency') agency: string, @Param('entryId') entryId: string, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    // Until the access model of the reviewer's views exists, an agency reads back only its own entries.
    if (agency !== principal.agencyId) throw new NotFoundException(`No entry ${agency}:${entryId} of agency ${principal.agencyId}`);
    const events = await this.store.readStream(streams.entry({ agency, entryId }));
    if (events.length === 0) throw new NotFoundException(`No entry ${agency}:${entryId}`);
    return {
      entry: { agency, entryId },
      events: events.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, revision: e.revision.toString(), data: e.data })),
    };
  }
}
