import type { Principal } from '@casetrail/access';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { MeResponse } from './me.dto';

@ApiTags('access')
@Controller('me')
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that does not verify (problem+json with an AUTH.TOKEN_* code).' })
export class MeController {
  /** The practitioner reference stays out: it points at a person. */
  @Get()
  @ApiOkResponse({ type: MeResponse, description: 'The agency and role the bearer token speaks for.' })
  me(@CurrentPrincipal() principal: Principal): MeResponse {
    return { agency: principal.agencyId, role: principal.role };
  }
}
