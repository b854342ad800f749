import { ERASED } from '@casetrail/domain';
import type { EntityManager } from 'typeorm';

/**
 * What the audit trail does with `SubjectErased`: the fact of each read or break-glass grant stays
 * (who, when, which child id, what, the purpose id), while a break-glass reason (the grantee's
 * own words about the child, protected by the child's key in the log) reads `[erased]`, as the
 * log now yields it. See PERSONAL_FIELDS in @casetrail/domain.
 */
export async function eraseSubjectFromAudit(tx: EntityManager, subjectId: string): Promise<void> {
  await tx.query(`update rm_audit_trail set reason = $2 where children @> array[$1]::text[] and reason is not null and reason <> $2`, [subjectId, ERASED]);
}
