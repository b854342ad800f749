import {
  agencyDecider,
  entryDecider,
  formatEntryRef,
  identityDecider,
  involvementDecider,
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
  entry: {
    decider: entryDecider,
    keyOf: (e) => formatEntryRef(e.data.entry),
  } satisfies StreamBinding<EntryCommand, EntryStreamEvent, EntryState>,
};
