import type { Principal } from '@casetrail/access';
import { DomainError } from '@casetrail/domain';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { SubjectPrivacy, type PrivacyOutcome, type PrivacyRequest } from '@casetrail/platform';
import { Body, Controller, Delete, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { correlationIdOf, type StatusResponse } from '../entries/writer';

const REASON_EXAMPLE = { reason: 'Erasure request DSR-2025-014 approved by the data protection officer' };
const OUTCOME_EXAMPLE: PrivacyOutcome = { subjectId: 'subj-demo-adult-07', changed: true, heldNow: false, erasedNow: true, linkedSubjects: [] };
const LEGAL_HOLD_PROBLEM = {
  type: 'about:blank',
  title: 'Conflict',
  status: 409,
  code: 'SUBJECT.LEGAL_HOLD.CONFLICT',
  detail: 'Subject subj-demo-adult-07 is under a legal hold: it cannot be erased until the hold is lifted',
};

/**
 * Legal holds and erasure of a subject's personal data (administrators only). Erasure destroys
 * the subject's key: the log keeps every event, and every view shows the subject's names, free
 * text and identifiers as `[erased]`. A legal hold refuses erasure (409) until it is lifted.
 * Reasons are kept in the log as they are written: they say why, never who.
 */
@ApiTags('subjects')
@Controller('subjects')
@Roles('administrator')
export class SubjectsController {
  private readonly privacy: SubjectPrivacy;

  constructor(@Inject(EVENT_STORE) store: EventStore, dataSource: DataSource) {
    this.privacy = new SubjectPrivacy(store, dataSource);
  }

  @Post(':subjectId/erasure')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erase a subject's personal data (names, free text, identifiers) by destroying its key; the log stays intact.",
    description:
      'Refused with 409 SUBJECT.LEGAL_HOLD.CONFLICT while a legal hold is active. Linked subject records (the same person under another id) are listed and are not erased with it.',
  })
  @ApiParam({ name: 'subjectId', example: 'subj-demo-adult-07' })
  @ApiBody({ schema: { example: REASON_EXAMPLE } })
  @ApiOkResponse({ description: 'Erased (or already erased: `changed` false).', example: OUTCOME_EXAMPLE })
  @ApiConflictResponse({ description: 'A legal hold is active.', content: { 'application/problem+json': { example: LEGAL_HOLD_PROBLEM } } })
  erase(@Param('subjectId') subjectId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<PrivacyOutcome> {
    return this.privacy.erase(request(subjectId, body, principal, res));
  }

  @Post(':subjectId/legal-hold')
  @HttpCode(200)
  @ApiOperation({ summary: "Place a legal hold on a subject's records: erasure is refused until it is lifted." })
  @ApiParam({ name: 'subjectId', example: 'subj-demo-adult-07' })
  @ApiBody({ schema: { example: { reason: 'Preserved for the inquest, coroner ref C-2025-88' } } })
  @ApiOkResponse({ description: 'Held (or already held: `changed` false).', example: { ...OUTCOME_EXAMPLE, heldNow: true, erasedNow: false } })
  placeHold(@Param('subjectId') subjectId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<PrivacyOutcome> {
    return this.privacy.placeLegalHold(request(subjectId, body, principal, res));
  }

  @Delete(':subjectId/legal-hold')
  @ApiOperation({ summary: 'Lift the legal hold on a subject (the reason travels in the JSON body).' })
  @ApiParam({ name: 'subjectId', example: 'subj-demo-adult-07' })
  @ApiBody({ schema: { example: { reason: 'Inquest concluded, coroner ref C-2025-88' } } })
  @ApiOkResponse({ description: 'The hold is lifted.', example: { ...OUTCOME_EXAMPLE, heldNow: false, erasedNow: false } })
  @ApiConflictResponse({ description: 'No hold to lift (SUBJECT.NO_LEGAL_HOLD.CONFLICT).' })
  liftHold(@Param('subjectId') subjectId: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: StatusResponse): Promise<PrivacyOutcome> {
    return this.privacy.liftLegalHold(request(subjectId, body, principal, res));
  }
}

function request(subjectId: string, body: unknown, principal: Principal, res: StatusResponse): PrivacyRequest {
  const reason = (body as { reason?: unknown } | null | undefined)?.reason;
  if (typeof reason !== 'string') throw new DomainError('SUBJECT.REASON.INVALID', 'A legal hold or an erasure needs its reason', 'reason');
  const by = { agencyId: principal.agencyId, role: principal.role, ...(principal.practitionerRef && { practitionerRef: principal.practitionerRef }) };
  return { subjectId, reason, by, correlationId: correlationIdOf(res) };
}
