import { AccessDenied } from './access-errors';
import type { Principal, Role } from './principal';

/** An empty list means any authenticated principal may act. */
export function requireRole(principal: Principal, allowed: readonly Role[]): void {
  if (allowed.length > 0 && !allowed.includes(principal.role)) throw AccessDenied.forRole(principal.role, allowed);
}
