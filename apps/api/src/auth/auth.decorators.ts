import type { Principal, Role } from '@casetrail/access';
import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { HttpRequest } from '../http/http-types';

export const IS_PUBLIC = 'casetrail:public';
export const ROLES = 'casetrail:roles';

/**
 * Answers without a bearer token (probes and documentation). Put it on a controller class: the
 * empty OpenAPI security list overrides the document's global bearer requirement only there,
 * because @nestjs/swagger drops empty lists found on methods.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(DECORATORS.API_SECURITY, []));

/** Only these roles may call the route; the method's list overrides its controller's. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES, roles);

/** The caller, as the global guard verified it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<HttpRequest>().principal;
  // Reached only on a route marked @Public, where there is no caller to hand over.
  if (principal === undefined) throw new Error('@CurrentPrincipal() used on a public route');
  return principal;
});
