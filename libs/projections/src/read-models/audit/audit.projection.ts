import { upcast, type AccessEvent } from '@casetrail/domain';
import type { RecordedEvent } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../../application/projection';
import { eraseSubjectFromAudit } from './audit-erasure';

const COLUMNS = [
  'event_id', 'position', 'kind', 'at', 'agency_id', 'role', 'practitioner_ref', 'children', 'resource', 'purpose',
  'review_id', 'entry', 'grant_id', 'reason', 'expires_at', 'channel', 'correlation_id',
] as const;

/**
 * Reads of personal data and break-glass grants, one row each: the audit trail administrators
 * query and the access log a child's lead agency reads. Reads come in hundreds a second, so a
 * batch is written with one multi-row insert.
 */
export class AuditProjection implements Projection {
  readonly name = 'audit-trail';
  readonly tables = ['rm_audit_trail'];
  readonly handles: ReadonlySet<string> = new Set(['PersonalDataRead', 'BreakGlassGranted', 'SubjectErased']);

  async apply(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    // Erasures last: rows of the batch that follow one were appended after the key was gone, so
    // their free text is already `[erased]`; redacting them once more changes nothing.
    const erased = events.filter((e) => e.type === 'SubjectErased').map((e) => (e.data as { subjectId: string }).subjectId);
    const rows = events.filter((e) => e.type !== 'SubjectErased').map(rowOf);
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const placeholders = row.map((value) => {
          params.push(value);
          return `$${params.length}`;
        });
        placeholders[7] = `${placeholders[7]}::text[]`; // children
        return `(${placeholders.join(', ')})`;
      });
      await tx.query(`insert into rm_audit_trail (${COLUMNS.join(', ')}) values ${tuples.join(', ')} on conflict (event_id) do nothing`, params);
    }
    for (const subjectId of erased) await eraseSubjectFromAudit(tx, subjectId);
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query('truncate rm_audit_trail');
  }
}

function rowOf(recorded: RecordedEvent): unknown[] {
  const event = upcast(recorded) as AccessEvent;
  const position = recorded.position.prepare.toString();
  if (event.type === 'PersonalDataRead') {
    const d = event.data;
    return [
      recorded.eventId, position, 'read', d.at, d.reader.agencyId, d.reader.role, d.reader.practitionerRef ?? null, [...d.children],
      d.resource, d.purpose, d.reviewId ?? null, d.entry ? `${d.entry.agency}:${d.entry.entryId}` : null, d.breakGlassGrant ?? null, null, null,
      d.channel, d.correlationId,
    ];
  }
  const d = event.data;
  return [
    recorded.eventId, position, 'break-glass', d.grantedAt, d.grantee.agencyId, d.grantee.role, d.grantee.practitionerRef ?? null, [d.child],
    null, 'break-glass', null, null, d.grantId, d.reason, d.expiresAt, 'api', d.correlationId,
  ];
}
