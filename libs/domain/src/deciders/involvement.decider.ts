import { assertNever, sameEntry } from '../events/common';
import type { InvolvementClosed, InvolvementEvent, InvolvementOpened } from '../events/involvement.events';
import type { Decider } from './decider';
import { errors } from './domain-error';
import { checkEntryFacts, sameContent } from './entry-rules';

/** Stream `involvement-{agency}:{child}`: periods of one agency's work with one child, never overlapping. */
export type InvolvementCommand =
  | { readonly type: 'OpenInvolvement'; readonly event: InvolvementOpened; readonly now: string }
  | { readonly type: 'CloseInvolvement'; readonly event: InvolvementClosed; readonly now: string };

export interface InvolvementState {
  readonly open: boolean;
  readonly history: readonly InvolvementEvent[];
}

export const involvementDecider: Decider<InvolvementCommand, InvolvementEvent, InvolvementState> = {
  initialState: { open: false, history: [] },

  decide(command, state) {
    const event = command.event;
    checkEntryFacts(event.data, command.now);
    const earlier = state.history.find((e) => sameEntry(e.data.entry, event.data.entry));
    if (earlier) {
      if (earlier.type === event.type && sameContent(earlier.data, event.data)) return [];
      throw errors.entryIdReused(`${event.data.entry.agency}:${event.data.entry.entryId}`);
    }
    switch (command.type) {
      case 'OpenInvolvement':
        if (state.open) throw errors.involvementAlreadyOpen(event.data.entry.agency, event.data.child);
        return [command.event];
      case 'CloseInvolvement':
        if (!state.open) throw errors.involvementNotOpen(event.data.entry.agency, event.data.child);
        return [command.event];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    return { open: event.type === 'InvolvementOpened', history: [...state.history, event] };
  },
};
