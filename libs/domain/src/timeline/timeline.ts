import type { EntryRef } from '../events/common';
import type {
  EntryRecorded,
  InformationRequestAnswered,
  ReferralOutcomeRecorded,
} from '../events/entry.events';
import type { InvolvementEvent } from '../events/involvement.events';
import type { IdentityEvent, PersonRegistered } from '../events/subject.events';
import type { Relation } from '../events/entry.events';
import type { AgencyKind } from '../vocabulary/agency-kinds';

/**
 * A child's integrated timeline: what detection rules, knowledge views and exports read.
 *
 * It is assembled from the projected rows of every event about the child (under any of the
 * subject ids currently linked to it) and about adults while they were in its household.
 * Corrections are already applied to `event.data`; the history keeps what they replaced.
 */

/** The events that appear as rows of a timeline. Corrections and retractions become history. */
export type TimelineEvent =
  | EntryRecorded
  | ReferralOutcomeRecorded
  | InformationRequestAnswered
  | InvolvementEvent
  | PersonRegistered
  | IdentityEvent;

export type TimelineEventType = TimelineEvent['type'];

export interface TimelineAmendment {
  readonly kind: 'corrected' | 'retracted';
  readonly eventId: string;
  /** The amending agency's own entry id for the correction or retraction. */
  readonly entry: EntryRef;
  readonly recordedAt: string;
  readonly reason: string;
  /** For a correction: the fields it changed, with the values before and after. */
  readonly changes?: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}

export interface TimelineEntry {
  /** Id of the event that recorded this entry (stable across rebuilds). */
  readonly eventId: string;
  /** Global log position (decimal string): the last tie-breaker of the order. */
  readonly position: string;
  /** The event as it stands now: corrections applied, subject ids mapped to canonical ids. */
  readonly event: TimelineEvent;
  /**
   * Set when the entry is on the child's timeline because it concerns an adult while that adult
   * was in the child's household (and does not name the child itself).
   */
  readonly householdAdult?: string;
  /** Corrections and the retraction, oldest first. */
  readonly history: readonly TimelineAmendment[];
  /** A retracted entry stays in the history but is hidden from the default view and from rules. */
  readonly retracted: boolean;
  /** Entries that are accounts of the same happening share a group key (the earliest entry's ref). */
  readonly variantGroup?: string;
}

/** A period during which an adult was in the child's household, from relationship entries. */
export interface HouseholdMembership {
  readonly adult: string;
  readonly relation: Relation;
  /** ISO timestamp: when the relationship began (the relationship entry's occurred.at). */
  readonly from: string;
  /** ISO timestamp when it ended, if it has. */
  readonly to?: string;
  /** The entries that recorded the start (and end) of the membership. */
  readonly evidence: readonly EntryRef[];
}

export interface ChildTimeline {
  /** The canonical subject id of the child (the smallest id of its linked group). */
  readonly child: string;
  /** Every subject id currently linked to the child, the canonical one included. */
  readonly aliases: readonly string[];
  /** Ordered by occurred.at, then recordedAt, then position; retracted entries included. */
  readonly entries: readonly TimelineEntry[];
  readonly household: readonly HouseholdMembership[];
  /** The kind of every agency that appears on the timeline (rules ask "was social care involved"). */
  readonly agencies: Readonly<Record<string, AgencyKind>>;
}

/** Relations that put an adult in the child's household for as long as they last. */
export const HOUSEHOLD_RELATIONS: readonly Relation[] = ['parent', 'step_parent', 'partner_of_parent', 'household_member', 'carer'];

/** Entries the rules and the default view consider: everything not retracted. */
export function liveEntries(timeline: ChildTimeline): readonly TimelineEntry[] {
  return timeline.entries.filter((e) => !e.retracted);
}
