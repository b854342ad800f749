import { assertNever, sameEntry } from '../events/common';
import type { IdentityEvent, SubjectsLinked, SubjectsUnlinked } from '../events/subject.events';
import type { Decider } from './decider';
import { errors } from './domain-error';
import { checkEntryFacts, sameContent } from './entry-rules';

/**
 * Stream `identity-{a}+{b}` (the pair sorted): whether two subject records are the same person.
 * Links and unlinks alternate; views follow the latest.
 */
export type IdentityCommand =
  | { readonly type: 'LinkSubjects'; readonly event: SubjectsLinked; readonly now: string }
  | { readonly type: 'UnlinkSubjects'; readonly event: SubjectsUnlinked; readonly now: string };

export interface IdentityState {
  readonly linked: boolean;
  readonly history: readonly IdentityEvent[];
}

export const identityDecider: Decider<IdentityCommand, IdentityEvent, IdentityState> = {
  initialState: { linked: false, history: [] },

  decide(command, state) {
    const event = command.event;
    checkEntryFacts(event.data, command.now);
    const [a, b] = event.data.pair;
    if (a === b) throw errors.identitySelfLink(a);
    const earlier = state.history.find((e) => sameEntry(e.data.entry, event.data.entry));
    if (earlier) {
      if (earlier.type === event.type && sameContent(earlier.data, event.data)) return [];
      throw errors.entryIdReused(`${event.data.entry.agency}:${event.data.entry.entryId}`);
    }
    switch (command.type) {
      case 'LinkSubjects':
        if (state.linked) throw errors.identityAlreadyLinked(`${a}+${b}`);
        return [command.event];
      case 'UnlinkSubjects':
        if (!state.linked) throw errors.identityNotLinked(`${a}+${b}`);
        return [command.event];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    return { linked: event.type === 'SubjectsLinked', history: [...state.history, event] };
  },
};
