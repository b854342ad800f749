import { requireRole, TokenRejected, TokenVerifier, type Role } from '@casetrail/access';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest } from '../http/http-types';
import { TOKEN_SECRET } from '../tokens';
import { IS_PUBLIC, ROLES } from './auth.decorators';
import { bearerTokenFrom } from './bearer';

/**
 * Installed as APP_GUARD, so a route is protected unless it says otherwise: forgetting a decorator
 * fails closed. Throws coded errors (401 / 403 via the problem filter), never HttpExceptions.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly tokens: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_SECRET) secret: string,
  ) {
    this.tokens = new TokenVerifier(secret);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerTokenFrom(req.headers.authorization);
    if (token === undefined) throw TokenRejected.missing();
    const principal = await this.tokens.verify(token);
    req.principal = principal;
    requireRole(principal, this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? []);
    return true;
  }
}
