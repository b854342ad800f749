/**
 * Who is acting: an agency plus a role. Everything else in access control (scopes, break-glass,
 * the audit of reads) is decided from this, so it carries no personal details of its own.
 */
export const ROLES = ['practitioner', 'reviewer', 'leader', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly agencyId: string;
  readonly role: Role;
  /** The practitioner's reference in their own agency's system, for the audit trail. */
  readonly practitionerRef?: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** An agency writes only as itself. */
export function mayWriteAs(principal: Principal, agencyId: string): boolean {
  return principal.role === 'practitioner' && principal.agencyId === agencyId;
}
