import { isRole, issueToken, type Principal } from '@casetrail/access';
import type { CasetrailConfig } from '@casetrail/config';
import { DomainError } from '@casetrail/domain';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { ReviewsReader, StreamCatalogueRow } from '@casetrail/projections';
import { DEMO_REVIEW, loadDemoSet } from '@casetrail/recording';
import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, Like } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { APP_CONFIG, TOKEN_SECRET } from '../tokens';
import { demoPrincipals, isOffered, registeredAgencies, type DemoPrincipal } from './demo-principals';

/** Short: a demo session, not a working day. */
export const DEMO_TOKEN_LIFETIME_SECONDS = 3_600;

const PRINCIPALS_EXAMPLE = {
  principals: [
    { agency: 'syn-partnership', agencyName: 'Synthetic Safeguarding Partnership', role: 'reviewer', label: 'Reviewer, Synthetic Safeguarding Partnership' },
    { agency: 'syn-police', agencyName: 'Synthetic Police', role: 'practitioner', label: 'Practitioner, Synthetic Police' },
    { agency: 'syn-partnership', agencyName: 'Synthetic Safeguarding Partnership', role: 'leader', label: 'Leader, Synthetic Safeguarding Partnership' },
    { agency: 'operator', agencyName: 'operator', role: 'administrator', label: 'Administrator (operator)' },
  ],
};
const DISABLED_EXAMPLE = {
  type: 'urn:casetrail:problem:demo_sign_in.not_found',
  title: 'Not Found',
  status: 404,
  detail: 'The demo sign-in is off (it is on in embedded mode, or with DEMO_SIGN_IN=true): sign in with a bearer token',
  code: 'DEMO_SIGN_IN.NOT_FOUND',
};

/** The caller's end of the connection; never X-Forwarded-For, which a client can write itself. */
interface DirectRequest {
  readonly socket: { readonly remoteAddress?: string };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

const REMOTE_EXAMPLE = {
  type: 'urn:casetrail:problem:demo_sign_in.remote.forbidden',
  title: 'Forbidden',
  status: 403,
  detail: 'The demo sign-in answers only on the machine that runs Casetrail (a loopback address); from elsewhere, sign in with a bearer token',
  code: 'DEMO_SIGN_IN.REMOTE.FORBIDDEN',
};

/**
 * The workbench's demo sign-in: lists principals derived from the registered agencies and the
 * review assignments, and issues a short-lived token for one of them, without a password. So it
 * runs only in embedded mode (or with DEMO_SIGN_IN=true), and answers only a caller on the same
 * machine: the embedded API listens on every interface by default, and anyone who could reach it
 * would otherwise be a click away from an administrator's or a practitioner's token.
 */
@ApiTags('access')
@Controller('sign-in/demo')
@Public()
export class DemoSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: CasetrailConfig,
    @Inject(TOKEN_SECRET) private readonly secret: string,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  @Get('principals')
  @ApiOperation({ summary: 'Demo principals to sign in as (embedded mode, or DEMO_SIGN_IN=true).' })
  @ApiOkResponse({ description: 'Who one may sign in as.', content: { 'application/json': { example: PRINCIPALS_EXAMPLE } } })
  @ApiNotFoundResponse({ description: 'The demo sign-in is off.', content: { 'application/problem+json': { example: DISABLED_EXAMPLE } } })
  @ApiForbiddenResponse({ description: 'The caller is not on this machine.', content: { 'application/problem+json': { example: REMOTE_EXAMPLE } } })
  async principals(@Req() req: DirectRequest): Promise<{ principals: DemoPrincipal[] }> {
    this.requireEnabled(req);
    return { principals: await this.offered() };
  }

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'A short-lived (1 h) bearer token for one of the demo principals.' })
  @ApiBody({ schema: { example: { agency: 'syn-partnership', role: 'reviewer' } } })
  @ApiOkResponse({
    description: 'The token and how long it lives.',
    content: { 'application/json': { example: { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...', expiresIn: DEMO_TOKEN_LIFETIME_SECONDS, agency: 'syn-partnership', role: 'reviewer' } } },
  })
  @ApiNotFoundResponse({ description: 'The demo sign-in is off, or no such demo principal.', content: { 'application/problem+json': { example: DISABLED_EXAMPLE } } })
  @ApiForbiddenResponse({ description: 'The caller is not on this machine.', content: { 'application/problem+json': { example: REMOTE_EXAMPLE } } })
  async token(@Body() body: unknown, @Req() req: DirectRequest): Promise<{ token: string; expiresIn: number; agency: string; role: string }> {
    this.requireEnabled(req);
    const { agency, role } = (body ?? {}) as { agency?: unknown; role?: unknown };
    if (typeof agency !== 'string' || agency === '') throw new DomainError('DEMO_SIGN_IN.REQUEST.INVALID', 'agency is required', 'agency');
    if (typeof role !== 'string' || !isRole(role)) throw new DomainError('DEMO_SIGN_IN.REQUEST.INVALID', 'role must be practitioner, reviewer, leader or administrator', 'role');
    const principal: Principal = { agencyId: agency, role };
    if (!isOffered(await this.offered(), principal)) throw new DomainError('DEMO_SIGN_IN.PRINCIPAL.NOT_FOUND', 'No such demo principal', 'agency');
    const token = await issueToken(principal, { secret: this.secret, expiresIn: DEMO_TOKEN_LIFETIME_SECONDS });
    return { token, expiresIn: DEMO_TOKEN_LIFETIME_SECONDS, agency, role };
  }

  @Post('load')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Load the synthetic demo set (what `npm run demo` loads) into the embedded store.',
    description: 'Embedded mode with the demo sign-in only, so that `npm start` on a fresh checkout can show the workbench with data. Idempotent: loading it again appends nothing.',
  })
  @ApiBody({ required: false, schema: { example: {} } })
  @ApiOkResponse({
    description: 'What was loaded.',
    content: { 'application/json': { example: { review: DEMO_REVIEW, children: 16, appended: 1450, alreadyPresent: 0 } } },
  })
  @ApiNotFoundResponse({ description: 'The demo sign-in is off, or the store is not embedded.', content: { 'application/problem+json': { example: DISABLED_EXAMPLE } } })
  @ApiForbiddenResponse({ description: 'The caller is not on this machine.', content: { 'application/problem+json': { example: REMOTE_EXAMPLE } } })
  async load(@Req() req: DirectRequest): Promise<{ review: string; children: number; appended: number; alreadyPresent: number }> {
    this.requireEnabled(req);
    if (this.config.store.kind !== 'embedded') throw new DomainError('DEMO_SIGN_IN.LOAD.NOT_FOUND', 'The demo set loads only into the embedded store (use `casetrail demo` elsewhere)');
    const loaded = await loadDemoSet(this.store, 'casetrail-api demo sign-in');
    return { review: DEMO_REVIEW, children: loaded.cases.length, appended: loaded.appended, alreadyPresent: loaded.alreadyPresent };
  }

  private requireEnabled(req: DirectRequest): void {
    if (!this.config.demoSignIn) {
      throw new DomainError('DEMO_SIGN_IN.NOT_FOUND', 'The demo sign-in is off (it is on in embedded mode, or with DEMO_SIGN_IN=true): sign in with a bearer token');
    }
    if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
      throw new DomainError('DEMO_SIGN_IN.REMOTE.FORBIDDEN', REMOTE_EXAMPLE.detail);
    }
  }

  private async offered(): Promise<DemoPrincipal[]> {
    const rows = await this.dataSource.getRepository(StreamCatalogueRow).find({ where: { streamId: Like('agency-%') }, select: { streamId: true } });
    const agencies = await registeredAgencies(this.store, rows.map((r) => r.streamId));
    const reader = new ReviewsReader(this.dataSource.manager);
    const reviews = await Promise.all((await reader.list()).map((r) => reader.get(r.reviewId)));
    return demoPrincipals(agencies, reviews.filter((r) => r !== undefined));
  }
}
