import type { AccessActor, BreakGlassGranted } from '../events/access.events';
import { DomainError } from '../deciders/domain-error';

/** Roles that may break the glass: everyone who may see a person at all. Leaders see aggregates only. */
export const BREAK_GLASS_ROLES: readonly string[] = ['practitioner', 'reviewer', 'administrator'];

export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 1000;

export interface BreakGlassRequest {
  readonly grantId: string;
  readonly child: string;
  readonly grantee: AccessActor;
  readonly reason: unknown;
  /** Minutes asked for; the configured maximum when absent. */
  readonly minutes: unknown;
  readonly now: string;
  readonly correlationId: string;
}

/**
 * Decides a break-glass request: a reason of substance is mandatory, the time is capped, and a
 * leader (aggregates only) is refused. Pure: the id, the clock and the cap arrive as arguments.
 */
export function decideBreakGlass(request: BreakGlassRequest, maxMinutes: number): BreakGlassGranted {
  if (!BREAK_GLASS_ROLES.includes(request.grantee.role)) {
    throw new DomainError('ACCESS.BREAK_GLASS_ROLE.FORBIDDEN', `A ${request.grantee.role} cannot break the glass: it sees aggregates only`);
  }
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason.length < BREAK_GLASS_REASON_MIN || reason.length > BREAK_GLASS_REASON_MAX) {
    throw new DomainError(
      'ACCESS.BREAK_GLASS_REASON.INVALID',
      `Breaking the glass needs a reason of ${BREAK_GLASS_REASON_MIN} to ${BREAK_GLASS_REASON_MAX} characters`,
      'reason',
    );
  }
  const minutes = request.minutes ?? maxMinutes;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > maxMinutes) {
    throw new DomainError('ACCESS.BREAK_GLASS_MINUTES.INVALID', `minutes must be a whole number from 1 to ${maxMinutes}`, 'minutes');
  }
  const grantedAt = new Date(request.now);
  return {
    type: 'BreakGlassGranted',
    schemaVersion: 1,
    data: {
      grantId: request.grantId,
      child: request.child,
      grantee: request.grantee,
      reason,
      grantedAt: grantedAt.toISOString(),
      expiresAt: new Date(grantedAt.getTime() + minutes * 60_000).toISOString(),
      correlationId: request.correlationId,
    },
  };
}

/** Whether a grant lets its grantee in at `now`: the grantee exactly (agency, role, practitioner) and not yet expired. */
export function grantInForce(grant: BreakGlassGranted | undefined, grantee: AccessActor, now: string): boolean {
  if (!grant) return false;
  const g = grant.data.grantee;
  return (
    g.agencyId === grantee.agencyId &&
    g.role === grantee.role &&
    (g.practitionerRef ?? '') === (grantee.practitionerRef ?? '') &&
    Date.parse(grant.data.grantedAt) <= Date.parse(now) &&
    Date.parse(now) < Date.parse(grant.data.expiresAt)
  );
}

/** The part of a stream name that names a grantee: agency ids cannot hold ':' and roles are fixed words. */
export function granteeKey(grantee: AccessActor): string {
  return `${grantee.agencyId}:${grantee.role}:${grantee.practitionerRef ?? ''}`;
}
