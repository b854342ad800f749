import type { EntityManager } from 'typeorm';

/** One line of the audit trail: a read of personal data, or a break-glass grant. */
export interface AuditEntry {
  readonly eventId: string;
  readonly kind: 'read' | 'break-glass';
  readonly at: string;
  readonly reader: { readonly agencyId: string; readonly role: string; readonly practitionerRef?: string };
  readonly children: readonly string[];
  readonly resource?: string;
  readonly purpose?: string;
  readonly reviewId?: string;
  readonly entry?: string;
  /** A read: the grant it was made under. A grant: its own id. */
  readonly breakGlassGrant?: string;
  readonly reason?: string;
  readonly expiresAt?: string;
  readonly channel?: string;
  readonly correlationId?: string;
}

export interface AuditQuery {
  /** Any of these subject ids (a child's linked ids). */
  readonly children?: readonly string[];
  readonly agency?: string;
  readonly kind?: 'read' | 'break-glass';
  /** `YYYY-MM-DD`, inclusive, on when the read or grant happened. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly offset: number;
}

interface AuditRow {
  event_id: string;
  kind: 'read' | 'break-glass';
  at: string | Date;
  agency_id: string;
  role: string;
  practitioner_ref: string | null;
  children: string[];
  resource: string | null;
  purpose: string | null;
  review_id: string | null;
  entry: string | null;
  grant_id: string | null;
  reason: string | null;
  expires_at: string | Date | null;
  channel: string | null;
  correlation_id: string | null;
}

const iso = (value: string | Date) => (value instanceof Date ? value : new Date(value)).toISOString();

/** Reads the audit trail, newest first; who may ask is decided by the callers. */
export class AuditReader {
  constructor(private readonly db: Pick<EntityManager, 'query'>) {}

  async find(query: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.children) where.push(`children && ${param(query.children)}::text[]`);
    if (query.agency) where.push(`agency_id = ${param(query.agency)}`);
    if (query.kind) where.push(`kind = ${param(query.kind)}`);
    if (query.from) where.push(`at >= ${param(query.from)}::date`);
    if (query.to) where.push(`at < (${param(query.to)}::date + 1)`);
    const rows: AuditRow[] = await this.db.query(
      `select * from rm_audit_trail ${where.length ? `where ${where.join(' and ')}` : ''}
       order by at desc, position desc limit ${param(query.limit)} offset ${param(query.offset)}`,
      params,
    );
    return rows.map(entryOf);
  }
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    eventId: row.event_id,
    kind: row.kind,
    at: iso(row.at),
    reader: { agencyId: row.agency_id, role: row.role, ...(row.practitioner_ref && { practitionerRef: row.practitioner_ref }) },
    children: row.children,
    ...(row.resource !== null && { resource: row.resource }),
    ...(row.purpose !== null && { purpose: row.purpose }),
    ...(row.review_id !== null && { reviewId: row.review_id }),
    ...(row.entry !== null && { entry: row.entry }),
    ...(row.grant_id !== null && { breakGlassGrant: row.grant_id }),
    ...(row.reason !== null && { reason: row.reason }),
    ...(row.expires_at !== null && { expiresAt: iso(row.expires_at) }),
    ...(row.channel !== null && { channel: row.channel }),
    ...(row.correlation_id !== null && { correlationId: row.correlation_id }),
  };
}
