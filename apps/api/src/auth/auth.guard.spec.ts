import { AccessDenied, issueToken, TokenRejected, type Principal } from '@casetrail/access';
import { Controller, Get, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http-types';
import { Public, Roles } from './auth.decorators';
import { AuthGuard } from './auth.guard';

const SECRET = 'a-test-secret-of-at-least-32-characters';

@Controller('open')
@Public()
class OpenController {
  @Get() read() {}
}

@Controller('cases')
class CasesController {
  @Get() list() {}
  @Get('audit') @Roles('administrator', 'reviewer') audit() {}
}

@Controller('admin')
@Roles('administrator')
class AdminOnlyController {
  @Get() settings() {}
  @Get('open-to-leaders') @Roles('leader') report() {}
}

function contextFor(controller: new () => object, handler: string, authorization?: string): { context: ExecutionContext; req: HttpRequest } {
  const req = { headers: authorization === undefined ? {} : { authorization } } as HttpRequest;
  const context = {
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
  return { context, req };
}

const bearer = async (principal: Principal) => `Bearer ${await issueToken(principal, { secret: SECRET, expiresIn: '5m' })}`;
const practitioner: Principal = { agencyId: 'police-north', role: 'practitioner', practitionerRef: 'PN-7' };

describe(AuthGuard.name, () => {
  const sut = new AuthGuard(new Reflector(), SECRET);

  it('lets anyone through to a public controller', async () => {
    await expect(sut.canActivate(contextFor(OpenController, 'read').context)).resolves.toBe(true);
  });

  it('refuses a protected route without a token as AUTH.TOKEN_MISSING', async () => {
    await expect(sut.canActivate(contextFor(CasesController, 'list').context)).rejects.toEqual(TokenRejected.missing());
  });

  it('refuses another scheme as a missing bearer token', async () => {
    await expect(sut.canActivate(contextFor(CasesController, 'list', 'Basic dXNlcjpwYXNz').context)).rejects.toMatchObject({ code: 'AUTH.TOKEN_MISSING' });
  });

  it('passes on why a token was rejected', async () => {
    await expect(sut.canActivate(contextFor(CasesController, 'list', 'Bearer not-a-jwt').context)).rejects.toMatchObject({ code: 'AUTH.TOKEN_MALFORMED' });
  });

  it('puts the verified principal on the request', async () => {
    const { context, req } = contextFor(CasesController, 'list', await bearer(practitioner));

    await expect(sut.canActivate(context)).resolves.toBe(true);
    expect(req.principal).toEqual(practitioner);
  });

  it.each<[string, new () => object, string, Principal['role'], boolean]>([
    ['a method-level role list, a listed role', CasesController, 'audit', 'reviewer', true],
    ['a method-level role list, another role', CasesController, 'audit', 'practitioner', false],
    ['a controller-level role list, the role', AdminOnlyController, 'settings', 'administrator', true],
    ['a controller-level role list, another role', AdminOnlyController, 'settings', 'leader', false],
    ['a method overriding its controller, the method’s role', AdminOnlyController, 'report', 'leader', true],
    ['a method overriding its controller, the controller’s role', AdminOnlyController, 'report', 'administrator', false],
  ])('%s: allowed %s', async (_what, controller, handler, role, allowed) => {
    const activation = sut.canActivate(contextFor(controller, handler, await bearer({ ...practitioner, role })).context);

    if (allowed) await expect(activation).resolves.toBe(true);
    else await expect(activation).rejects.toBeInstanceOf(AccessDenied);
  });
});
