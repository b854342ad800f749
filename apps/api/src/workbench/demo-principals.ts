import type { Principal, Role } from '@casetrail/access';
import type { EventStore } from '@casetrail/event-store';
import { streams } from '@casetrail/domain';

/** One principal the demo sign-in offers: who it is, and what the workbench shows it. */
export interface DemoPrincipal {
  readonly agency: string;
  readonly agencyName: string;
  readonly role: Role;
  readonly label: string;
}

export interface RegisteredAgency {
  readonly id: string;
  readonly name: string;
}

/** The agency an operator signs in as when no registered agency plays that part. */
export const DEMO_OPERATOR_AGENCY = 'operator';

/**
 * The demo principals, derived from what is in the store: a practitioner of every registered
 * agency, a reviewer for every agency assigned to a review, a leader (of the first reviewing
 * agency, the partnership in the demo set) and an administrator.
 */
export function demoPrincipals(
  agencies: readonly RegisteredAgency[],
  reviews: readonly { readonly reviewId: string; readonly reviewers: readonly { readonly agencyId: string }[] }[],
): DemoPrincipal[] {
  const nameOf = (id: string) => agencies.find((a) => a.id === id)?.name ?? id;
  const reviewing = [...new Set(reviews.flatMap((r) => r.reviewers.map((x) => x.agencyId)))].sort();
  const reviewsOf = (id: string) => reviews.filter((r) => r.reviewers.some((x) => x.agencyId === id)).map((r) => r.reviewId);
  const leaderAgency = reviewing[0] ?? agencies[0]?.id ?? DEMO_OPERATOR_AGENCY;
  const make = (agency: string, role: Role, label: string): DemoPrincipal => ({ agency, agencyName: nameOf(agency), role, label });
  return [
    ...reviewing.map((id) => make(id, 'reviewer', `Reviewer, ${nameOf(id)} (assigned to ${reviewsOf(id).join(', ')})`)),
    ...agencies.map((a) => make(a.id, 'practitioner', `Practitioner, ${a.name}`)),
    make(leaderAgency, 'leader', `Leader, ${nameOf(leaderAgency)}`),
    make(DEMO_OPERATOR_AGENCY, 'administrator', 'Administrator (operator)'),
  ];
}

export function isOffered(offered: readonly DemoPrincipal[], principal: Principal): boolean {
  return offered.some((p) => p.agency === principal.agencyId && p.role === principal.role);
}

/** Registered agencies, from their own streams (listed by the stream catalogue read model). */
export async function registeredAgencies(store: EventStore, agencyStreamIds: readonly string[]): Promise<RegisteredAgency[]> {
  const agencies: RegisteredAgency[] = [];
  for (const streamId of agencyStreamIds) {
    const [first] = await store.readStream(streamId, { limit: 1 });
    const data = first?.type === 'AgencyRegistered' ? (first.data as { agencyId?: unknown; name?: unknown }) : undefined;
    if (typeof data?.agencyId === 'string' && streams.agency(data.agencyId) === streamId) {
      agencies.push({ id: data.agencyId, name: typeof data.name === 'string' ? data.name : data.agencyId });
    }
  }
  return agencies.sort((a, b) => a.name.localeCompare(b.name));
}
