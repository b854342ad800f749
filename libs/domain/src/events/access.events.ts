import type { EntryRef } from './common';

/**
 * The audit of reads and break-glass grants. Not agency entries: they record who looked at a
 * child's record (or was let in to look), so they carry the principal rather than `EntryFacts`.
 */

/** Who read: an agency, its role (the access layer's role name) and, when known, the practitioner. */
export interface AccessActor {
  readonly agencyId: string;
  readonly role: string;
  readonly practitionerRef?: string;
}

/** What was read: a view of a child's record, or a review of children with its findings. */
export const READ_RESOURCES = ['timeline', 'knowledge-view', 'recorded-by-view', 'flags', 'chronology-export', 'entry', 'review'] as const;
export type ReadResource = (typeof READ_RESOURCES)[number];

/**
 * One read of personal data, appended before the answer is sent (stream `audit-{eventId}`, one per
 * read: no two reads wait on one stream's revision, and concurrent reads share a group commit).
 */
export interface PersonalDataRead {
  readonly type: 'PersonalDataRead';
  readonly schemaVersion: 1;
  readonly data: {
    readonly reader: AccessActor;
    readonly resource: ReadResource;
    /** The children whose record was read (canonical subject ids); an export names every child of its review. */
    readonly children: readonly string[];
    /** Why: `review:{reviewId}`, `break-glass`, `direct-work` or the purpose the practitioner gave. */
    readonly purpose: string;
    readonly reviewId?: string;
    /** The break-glass grant that let the reader in, when it was one. */
    readonly breakGlassGrant?: string;
    /** A single entry read back. */
    readonly entry?: EntryRef;
    /** `api` or `cli` (the local operator). */
    readonly channel: 'api' | 'cli';
    readonly correlationId: string;
    /** ISO instant of the read. */
    readonly at: string;
  };
}

/**
 * Emergency access to a child's timeline outside the grantee's scope, with its reason, for a
 * limited time (stream `break-glass-{child}+{grantee}`: the latest grant is the one in force).
 */
export interface BreakGlassGranted {
  readonly type: 'BreakGlassGranted';
  readonly schemaVersion: 1;
  readonly data: {
    readonly grantId: string;
    readonly child: string;
    readonly grantee: AccessActor;
    readonly reason: string;
    readonly grantedAt: string;
    readonly expiresAt: string;
    readonly correlationId: string;
  };
}

export type AccessEvent = PersonalDataRead | BreakGlassGranted;
