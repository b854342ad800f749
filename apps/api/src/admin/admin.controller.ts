import { Controller, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';

@ApiTags('access')
@Controller('admin')
@Roles('administrator')
@ApiUnauthorizedResponse({ description: 'No bearer token, or one that does not verify (problem+json with an AUTH.TOKEN_* code).' })
@ApiForbiddenResponse({ description: 'The caller is not an administrator (AUTH.ROLE_NOT_ALLOWED).' })
export class AdminController {
  /** Lets an operator check that a token carries the administrator role before using it. */
  @Get('ping')
  @ApiOkResponse({ description: 'The caller is an administrator.', schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  ping(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
