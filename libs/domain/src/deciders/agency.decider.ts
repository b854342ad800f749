import type { AgencyEvent, AgencyRegistered } from '../events/agency.events';
import type { Decider } from './decider';
import { errors } from './domain-error';
import { sameContent } from './entry-rules';

/** Stream `agency-{agencyId}`: an agency exists once an administrator registered it. */
export type AgencyCommand = { readonly type: 'RegisterAgency'; readonly event: AgencyRegistered };

export interface AgencyState {
  readonly registration: AgencyRegistered | null;
}

export const agencyDecider: Decider<AgencyCommand, AgencyEvent, AgencyState> = {
  initialState: { registration: null },
  decide(command, state) {
    if (!state.registration) return [command.event];
    const { registeredAt: _then, ...before } = state.registration.data;
    const { registeredAt: _now, ...after } = command.event.data;
    if (sameContent(before, after)) return [];
    throw errors.agencyAlreadyRegistered(command.event.data.agencyId);
  },
  evolve(_state, event) {
    return { registration: event };
  },
};
