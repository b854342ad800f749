import {
  agencyDecider,
  entryDecider,
  formatEntryRef,
  identityDecider,
  involvementDecider,
  reviewDecider,
  subjectDecider,
  type AgencyCommand,
  type AgencyEvent,
  type AgencyState,
  type EntryCommand,
  type EntryState,
  type EntryStreamEvent,
  type IdentityCommand,
  type IdentityEvent,
  type IdentityState,
  type InvolvementCommand,
  type InvolvementEvent,
  type InvolvementState,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
  type SubjectCommand,
  type SubjectEvent,
  type SubjectState,
} from '@casetrail/domain';
import type { StreamBinding } from './execute-command';

/** How each stream type's events are keyed for their name-based ids. */
export const bindings = {
  agency: {
    decider: agencyDecider,
    keyOf: (e) => e.data.agencyId,
  } satisfies StreamBinding<AgencyCommand, AgencyEvent, AgencyState>,
  subject: {
    decider: subjectDecider,
    keyOf: (e) => (e.type === 'PersonRegistered' ? e.data.subjectId : `${e.data.agency}/${e.data.scheme}/${e.data.value}`),
  } satisfies StreamBinding<SubjectCommand, SubjectEvent, SubjectState>,
  identity: {
    decider: identityDecider,
    keyOf: (e) => formatEntryRef(e.data.entry),
  } satisfies StreamBinding<IdentityCommand, IdentityEvent, IdentityState>,
  involvement: {
    decider: involvementDecider,
    keyOf: (e) => formatEntryRef(e.data.entry),
  } satisfies StreamBinding<InvolvementCommand, InvolvementEvent, InvolvementState>,
  review: {
    decider: reviewDecider,
    keyOf: (e) => {
      switch (e.type) {
        case 'ReviewOpened':
        case 'ReviewConcluded':
          return e.data.reviewId;
        case 'FindingRecorded':
          return e.data.findingId;
        // A reviewer may be assigned, unassigned and assigned again: each is its own fact.
        case 'ReviewerAssigned':
          return `${e.data.reviewer.agencyId}/${e.data.reviewer.practitionerRef ?? ''}/${e.data.assignedAt}`;
        case 'ReviewerUnassigned':
          return `${e.data.reviewer.agencyId}/${e.data.reviewer.practitionerRef ?? ''}/${e.data.unassignedAt}`;
      }
    },
  } satisfies StreamBinding<ReviewCommand, ReviewEvent, ReviewState>,
  entry: {
    decider: entryDecider,
    keyOf: (e) => formatEntryRef(e.data.entry),
  } satisfies StreamBinding<EntryCommand, EntryStreamEvent, EntryState>,
};
