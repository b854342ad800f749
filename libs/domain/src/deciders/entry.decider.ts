import { assertNever, formatEntryRef, sameEntry, type EntryRef } from '../events/common';
import type {
  EntryCorrected,
  EntryLocated,
  EntryRecorded,
  EntryRetracted,
  EntryStreamEvent,
  InformationNotShared,
  InformationRequestAnswered,
  ReferralOutcomeRecorded,
} from '../events/entry.events';
import type { Decider } from './decider';
import { errors } from './domain-error';
import { checkEntryFacts, sameContent } from './entry-rules';

/**
 * Stream `entry-{agency}:{entryId}`: one agency entry, then whatever answers or amends it.
 * The answer to a referral or request and every correction or retraction are appended here,
 * under the entry stream's revision, which is what makes "answered at most once" and "no
 * correction after a retraction" hold when two writers race.
 *
 * An entry kept in another entry's stream (an answer or amendment) still owns the stream of its
 * own id, which then holds only `EntryLocated`: the id cannot be recorded again, and an
 * amendment naming it is sent to where it lives (see STREAMS.md).
 */
export type EntryCommand =
  | { readonly type: 'RecordEntry'; readonly event: EntryRecorded; readonly now: string }
  | { readonly type: 'AnswerReferral'; readonly event: ReferralOutcomeRecorded; readonly now: string }
  | { readonly type: 'AnswerRequest'; readonly event: InformationRequestAnswered; readonly now: string }
  | { readonly type: 'CorrectEntry'; readonly event: EntryCorrected; readonly now: string }
  | { readonly type: 'RetractEntry'; readonly event: EntryRetracted; readonly now: string }
  | { readonly type: 'LocateEntry'; readonly event: EntryLocated };

type EntryPartEvent = Exclude<EntryStreamEvent, EntryLocated>;

interface Part {
  readonly ref: EntryRef;
  readonly event: EntryPartEvent;
  readonly retracted: boolean;
}

export interface EntryState {
  readonly recorded: EntryRecorded | null;
  readonly answered: boolean;
  /** Every event of the stream by the entry ref it carries: for retries and amendments. */
  readonly parts: readonly Part[];
  /** When this stream only points elsewhere: the entry in whose stream this id's entry is kept. */
  readonly locatedIn: EntryRef | null;
}

const initialState: EntryState = { recorded: null, answered: false, parts: [], locatedIn: null };

export const entryDecider: Decider<EntryCommand, EntryStreamEvent, EntryState> = {
  initialState,

  decide(command, state) {
    if (command.type === 'LocateEntry') return locate(state, command.event);
    const event = command.event;
    checkEntryFacts(event.data, command.now);
    const earlier = state.parts.find((p) => sameEntry(p.ref, event.data.entry));
    if (earlier) {
      if (earlier.event.type === event.type && sameContent(earlier.event.data, event.data)) return [];
      throw errors.entryIdReused(formatEntryRef(event.data.entry));
    }

    switch (command.type) {
      case 'RecordEntry':
        if (state.recorded || state.locatedIn) throw errors.entryIdReused(formatEntryRef(event.data.entry));
        if (command.event.type === 'InformationNotShared') checkDecisionNotToShare(command.event);
        return [command.event];
      case 'AnswerReferral':
        return [answer(state, command.event, 'ReferralMade')];
      case 'AnswerRequest':
        return [answer(state, command.event, 'InformationRequested')];
      case 'CorrectEntry': {
        const target = amendable(state, command.event.data.amends, command.event.data.entry.agency);
        for (const field of Object.keys(command.event.data.changes)) {
          if (field === 'entry' || !(field in target.event.data)) throw errors.unknownField(formatEntryRef(target.ref), field);
        }
        if (target.event.type === 'InformationNotShared') {
          const corrected = { ...target.event, data: { ...target.event.data, ...command.event.data.changes } } as InformationNotShared;
          checkDecisionNotToShare(corrected);
        }
        return [command.event];
      }
      case 'RetractEntry':
        amendable(state, command.event.data.amends, command.event.data.entry.agency);
        return [command.event];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'EntryLocated') return { ...state, locatedIn: event.data.within };
    const part: Part = { ref: event.data.entry, event, retracted: false };
    switch (event.type) {
      case 'ReferralOutcomeRecorded':
      case 'InformationRequestAnswered':
        return { ...state, answered: true, parts: [...state.parts, part] };
      case 'EntryCorrected':
        return { ...state, parts: [...state.parts, part] };
      case 'EntryRetracted':
        return {
          ...state,
          parts: [...state.parts.map((p) => (sameEntry(p.ref, event.data.amends) ? { ...p, retracted: true } : p)), part],
        };
      default:
        return { ...state, recorded: event, parts: [...state.parts, part] };
    }
  },
};

function answer<E extends ReferralOutcomeRecorded | InformationRequestAnswered>(
  state: EntryState,
  event: E,
  expected: 'ReferralMade' | 'InformationRequested',
): E {
  const target = formatEntryRef(event.data.answers);
  const recorded = state.recorded;
  if (!recorded || !sameEntry(recorded.data.entry, event.data.answers)) {
    // Named by its own id, an answer or amendment is found where it is kept: say what it is.
    const named = state.parts.find((p) => sameEntry(p.ref, event.data.answers));
    if (named) throw errors.wrongEntryType(target, expected, named.event.type);
    throw errors.entryNotFound(target);
  }
  if (recorded.type !== expected) throw errors.wrongEntryType(target, expected, recorded.type);
  if (state.parts.some((p) => p.retracted && sameEntry(p.ref, recorded.data.entry))) throw errors.retracted(target);
  if (state.answered) throw errors.alreadyAnswered(target);
  if (recorded.data.to !== event.data.entry.agency) throw errors.notAddressee(target, event.data.entry.agency);
  return event;
}

/**
 * A decision not to share names another agency and says why. Consent "overridden" means a refusal
 * was set aside in order to share, which contradicts a decision not to share.
 */
function checkDecisionNotToShare(event: InformationNotShared): void {
  const { entry, to, reason, consent } = event.data;
  if (to === entry.agency) throw errors.notSharedWithSelf(formatEntryRef(entry));
  if (reason.trim() === '') throw errors.notSharedWithoutReason(formatEntryRef(entry));
  if (consent === 'overridden') throw errors.notSharedConsentOverridden(formatEntryRef(entry));
}

/**
 * Reserves an id for an entry kept in another entry's stream. The same pointer again is a retry;
 * an id already recorded here, or pointing elsewhere, belongs to another entry.
 */
function locate(state: EntryState, event: EntryLocated): readonly EntryLocated[] {
  if (state.locatedIn && sameEntry(state.locatedIn, event.data.within)) return [];
  if (state.recorded || state.locatedIn || state.parts.length > 0) throw errors.entryIdReused(formatEntryRef(event.data.entry));
  return [event];
}

/** The entry (or answer) a correction or retraction may amend: in this stream, the agency's own, not retracted. */
function amendable(state: EntryState, ref: EntryRef, agency: string): Part {
  const target = state.parts.find((p) => sameEntry(p.ref, ref) && p.event.type !== 'EntryCorrected' && p.event.type !== 'EntryRetracted');
  if (!target) throw errors.entryNotFound(formatEntryRef(ref));
  if (target.ref.agency !== agency) throw errors.notOwnEntry(formatEntryRef(ref), agency);
  if (target.retracted) throw errors.retracted(formatEntryRef(ref));
  return target;
}
