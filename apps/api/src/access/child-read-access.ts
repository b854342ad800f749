import { AuditTrail, type Principal } from '@casetrail/access';
import { DomainError, type ChildTimeline, type Flag, type ReadResource, type ReviewPeriod } from '@casetrail/domain';
import { ReviewsReader, type TimelinePerspective } from '@casetrail/projections';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReadContext } from './read-context';

/** The views a reader asked for, before access decides which one it gets. */
export interface PerspectiveAsk {
  readonly asKnownBy?: string;
  readonly asOf?: string;
  readonly asRecordedBy?: string;
  /** A reviewer assigned to several reviews of the child may name the one it reads for. */
  readonly review?: string;
}

/** What a principal may read of one child now, and how the read is recorded. */
export interface ChildReadGrant {
  readonly perspective: TimelinePerspective;
  /** A reviewer reads within its reviews' periods; absent: no period bound. */
  readonly within?: readonly ReviewPeriod[];
  readonly purpose: string;
  readonly reviewId?: string;
  readonly breakGlassGrant?: string;
}

/** The default purpose of a practitioner's read that names none: work with the child and family. */
export const DEFAULT_PRACTITIONER_PURPOSE = 'direct-work';

/**
 * Who may read a child's record, decided per request (never cached), and the audit of the read:
 *   - reviewer: the children of the reviews it is assigned to, within each review's period;
 *   - practitioner: what its own agency recorded or was told (its knowledge view), no flags;
 *   - administrator: nothing personal;
 *   - leader: nothing personal (its routes refuse it before this is asked);
 * and anyone but a leader, under a break-glass grant in force: the whole integrated record.
 */
@Injectable()
export class ChildReadAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async decide(timeline: ChildTimeline, reader: ReadContext, want: 'timeline' | 'flags', ask: PerspectiveAsk = {}): Promise<ChildReadGrant> {
    const { principal } = reader;
    if (principal.role === 'reviewer') {
      const reviews = await new ReviewsReader(this.dataSource.manager).assignedReviewsOf(timeline.aliases, principal);
      const chosen = ask.review === undefined ? reviews : reviews.filter((r) => r.reviewId === ask.review);
      if (ask.review !== undefined && chosen.length === 0) {
        throw new DomainError('ACCESS.NOT_IN_REVIEW.FORBIDDEN', `${principal.agencyId} is not assigned to review ${ask.review} of this child`, 'review');
      }
      if (chosen.length > 0) {
        const ids = chosen.map((r) => r.reviewId).sort();
        return {
          perspective: openPerspective(ask),
          within: chosen.map((r) => r.period),
          purpose: ids.length === 1 ? `review:${ids[0]}` : 'review',
          reviewId: ids.join(','),
        };
      }
    }
    const grant = await this.audit.grantInForce(timeline.child, principal);
    if (grant) return { perspective: openPerspective(ask), purpose: 'break-glass', breakGlassGrant: grant.data.grantId };
    switch (principal.role) {
      case 'reviewer':
        throw new DomainError('ACCESS.NOT_IN_REVIEW.FORBIDDEN', `No review assigned to ${principal.agencyId} covers this child`, 'child');
      case 'practitioner':
        if (want === 'flags') throw new DomainError('ACCESS.FLAGS.FORBIDDEN', 'Flags read the integrated record: a practitioner needs a break-glass grant', 'child');
        return { perspective: ownPerspective(ask, principal), purpose: reader.purpose ?? DEFAULT_PRACTITIONER_PURPOSE };
      default:
        throw new DomainError('ACCESS.BREAK_GLASS_REQUIRED.FORBIDDEN', `A ${principal.role} reads no child's record without a break-glass grant`, 'child');
    }
  }

  /** Appends the read to the audit trail; throws AuditUnavailable (503) when it cannot, so nothing is served unaudited. */
  async record(timeline: ChildTimeline, reader: ReadContext, resource: ReadResource, grant: ChildReadGrant): Promise<void> {
    await this.audit.recordRead({
      reader: reader.principal,
      resource,
      children: [timeline.child],
      purpose: grant.purpose,
      ...(grant.reviewId !== undefined && { reviewId: grant.reviewId }),
      ...(grant.breakGlassGrant !== undefined && { breakGlassGrant: grant.breakGlassGrant }),
      channel: 'api',
      correlationId: reader.correlationId,
    });
  }
}

export function resourceOf(perspective: TimelinePerspective): ReadResource {
  return perspective.kind === 'integrated' ? 'timeline' : perspective.kind === 'known-by' ? 'knowledge-view' : 'recorded-by-view';
}

/** A flag belongs to a review's period when the situation it flags arose within it. */
export function flagsWithin(flags: readonly Flag[], within: readonly ReviewPeriod[] | undefined): readonly Flag[] {
  if (!within) return flags;
  return flags.filter((flag) => {
    const day = flag.at.slice(0, 10);
    return within.some((p) => p.from <= day && day <= p.to);
  });
}

/** Any perspective: the integrated view by default, one agency's knowledge, or what the system held on a date. */
function openPerspective(ask: PerspectiveAsk): TimelinePerspective {
  if (ask.asKnownBy !== undefined) return { kind: 'known-by', agency: ask.asKnownBy, asOf: ask.asOf ?? new Date().toISOString() };
  if (ask.asOf !== undefined) throw new DomainError('REQUEST.QUERY.INVALID', 'asOf goes with asKnownBy', 'asOf');
  if (ask.asRecordedBy !== undefined) return { kind: 'recorded-by', asOf: ask.asRecordedBy };
  return { kind: 'integrated' };
}

/** A practitioner reads what its own agency recorded or was told: never the integrated view. */
function ownPerspective(ask: PerspectiveAsk, principal: Principal): TimelinePerspective {
  if (ask.asKnownBy !== undefined && ask.asKnownBy !== principal.agencyId) {
    throw new DomainError('ACCESS.OTHER_AGENCY.FORBIDDEN', `A practitioner of ${principal.agencyId} may only see what ${principal.agencyId} knew`, 'asKnownBy');
  }
  if (ask.asRecordedBy !== undefined) throw new DomainError('ACCESS.INTEGRATED_VIEW.FORBIDDEN', 'A practitioner may only see what its own agency knew', 'asRecordedBy');
  return { kind: 'known-by', agency: principal.agencyId, asOf: ask.asOf ?? new Date().toISOString() };
}
