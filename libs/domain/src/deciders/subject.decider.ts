import { assertNever } from '../events/common';
import type { LocalIdentifierRecorded, PersonRegistered, SubjectEvent } from '../events/subject.events';
import type { Decider } from './decider';
import { errors } from './domain-error';
import { checkEntryFacts, sameContent } from './entry-rules';

/** Stream `subject-{subjectId}`: a person known by a pseudonymous id, and agencies' own ids for them. */
export type SubjectCommand =
  | { readonly type: 'RegisterPerson'; readonly event: PersonRegistered; readonly now: string }
  | { readonly type: 'RecordLocalIdentifier'; readonly event: LocalIdentifierRecorded };

export interface SubjectState {
  readonly registration: PersonRegistered | null;
  readonly identifiers: readonly LocalIdentifierRecorded['data'][];
}

export const subjectDecider: Decider<SubjectCommand, SubjectEvent, SubjectState> = {
  initialState: { registration: null, identifiers: [] },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterPerson': {
        checkEntryFacts(command.event.data, command.now);
        if (!state.registration) return [command.event];
        // A second agency registering the same platform id under its own entry is a retry only
        // if nothing differs; otherwise it is a different person and needs another id.
        if (sameContent(state.registration.data, command.event.data)) return [];
        throw errors.subjectAlreadyRegistered(command.event.data.subjectId);
      }
      case 'RecordLocalIdentifier': {
        if (!state.registration) throw errors.subjectNotFound(command.event.data.subjectId);
        const { agency, scheme, value } = command.event.data;
        const known = state.identifiers.some((i) => i.agency === agency && i.scheme === scheme && i.value === value);
        return known ? [] : [command.event];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PersonRegistered':
        return { ...state, registration: event };
      case 'LocalIdentifierRecorded':
        return { ...state, identifiers: [...state.identifiers, event.data] };
      default:
        return assertNever(event);
    }
  },
};
