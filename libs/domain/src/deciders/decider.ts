/**
 * A stream's rules as three pure parts: no clock, no ids, no I/O. The clock arrives on the
 * command (`now`); ids are the agencies' own entry references.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  /** The events the command produces; [] when it was already applied (an idempotent retry). */
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

export function fold<Command, Event, State>(decider: Decider<Command, Event, State>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
