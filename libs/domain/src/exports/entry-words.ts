import { assertNever, formatEntryRef, type InformationSource } from '../events/common';
import type { ConsentState, DeclineReason, LawfulBasis, MeetingKind } from '../events/entry.events';
import type { TimelineEntry, TimelineEvent, TimelineEventType } from '../timeline/timeline';
import { idWords, listWords } from './words';

/** Keyed by type, so a new timeline event without words fails to compile. */
const TYPE_WORDS: Readonly<Record<TimelineEventType, string>> = {
  ContactRecorded: 'Contact',
  ConcernRecorded: 'Concern',
  ReferralMade: 'Referral',
  ReferralOutcomeRecorded: 'Referral outcome',
  InformationShared: 'Information shared',
  InformationNotShared: 'Decision not to share',
  InformationRequested: 'Information requested',
  InformationRequestAnswered: 'Information request answered',
  RiskAssessmentCompleted: 'Risk assessment',
  MeetingHeld: 'Multi-agency meeting',
  RelationshipRecorded: 'Relationship recorded',
  RelationshipEnded: 'Relationship ended',
  PlanStarted: 'Plan started',
  PlanEnded: 'Plan ended',
  SeriousIncidentNotified: 'Serious incident notified',
  InvolvementOpened: 'Involvement opened',
  InvolvementClosed: 'Involvement closed',
  PersonRegistered: 'Person registered',
  SubjectsLinked: 'Records linked',
  SubjectsUnlinked: 'Records unlinked',
};

const MEETING_WORDS: Readonly<Record<MeetingKind, string>> = {
  strategy_discussion: 'Strategy discussion',
  child_protection_conference: 'Child protection conference',
  review_conference: 'Review child protection conference',
  core_group: 'Core group meeting',
  mash: 'MASH meeting',
};

const BASIS_WORDS: Readonly<Record<LawfulBasis, string>> = {
  public_task: 'public task',
  legal_obligation: 'legal obligation',
  vital_interests: 'vital interests',
  consent: 'consent',
  safeguarding_condition: 'safeguarding condition (DPA 2018 Sch. 1 para 18)',
  not_recorded: 'not recorded',
};

/** Said only when recorded: sharings imported from chronologies, and all before version 2, say nothing of it. */
const CONSENT_WORDS: Readonly<Record<ConsentState, string>> = {
  given: '; consent given',
  refused: '; consent refused',
  overridden: '; consent refused and overridden',
  not_sought: '; consent not sought',
  not_recorded: '',
};

const SOURCE_WORDS: Readonly<Record<InformationSource, string>> = {
  family: 'family',
  member_of_public: 'member of the public',
  professional: 'professional',
  anonymous: 'anonymous',
  self: 'the person themself',
  child: 'the child',
};

export function entryTypeWords(event: TimelineEvent): string {
  return TYPE_WORDS[event.type];
}

/** What the entry recorded, from its data alone; the agency's own summary is shown beside it. */
export function knownWords(entry: TimelineEntry): string {
  const { source } = entry.event.data;
  return source === undefined ? describe(entry.event) : `${describe(entry.event)}; source: ${SOURCE_WORDS[source]}`;
}

function describe(event: TimelineEvent): string {
  switch (event.type) {
    case 'ContactRecorded': {
      const { contactType, childSeen, outcome } = event.data;
      const seen = childSeen === null ? 'whether the child was seen not recorded' : childSeen ? 'child seen' : 'child not seen';
      return `${capitalised(idWords(contactType))}: ${seen}, ${idWords(outcome)}`;
    }
    case 'ConcernRecorded':
      return `Concern: ${listWords(event.data.categories, 'no category given')} (${event.data.severity})`;
    case 'ReferralMade': {
      const { from, to, categories } = event.data;
      return `Referral ${from === null ? '' : `from ${from} `}to ${to}${categoriesSuffix(categories)}`;
    }
    case 'ReferralOutcomeRecorded':
      return `Outcome of referral ${formatEntryRef(event.data.answers)}: ${idWords(event.data.outcome)}`;
    case 'InformationShared': {
      const { to, about, categories, lawfulBasis, consent } = event.data;
      const entries = about.length > 0 ? `; entries ${about.map(formatEntryRef).join(', ')}` : '';
      return `Shared with ${to}${categoriesSuffix(categories)}${entries}; lawful basis: ${BASIS_WORDS[lawfulBasis]}${CONSENT_WORDS[consent]}`;
    }
    case 'InformationNotShared': {
      const { to, about, categories, reason, consent } = event.data;
      const entries = about.length > 0 ? `; entries ${about.map(formatEntryRef).join(', ')}` : '';
      return `Decided not to share with ${to}${categoriesSuffix(categories)}${entries}; reason: ${reasonWords(reason)}${CONSENT_WORDS[consent]}`;
    }
    case 'InformationRequested':
      return `Information requested from ${event.data.to}${categoriesSuffix(event.data.categories)}`;
    case 'InformationRequestAnswered': {
      const { answers, response, reason } = event.data;
      return `Request ${formatEntryRef(answers)} ${response}${reason === undefined ? '' : ` (${reasonWords(reason)})`}`;
    }
    case 'RiskAssessmentCompleted':
      return `Risk assessed as ${event.data.riskLevel}; considered ${listWords(event.data.categoriesConsidered)}`;
    case 'MeetingHeld': {
      const { kind, invited, attended } = event.data;
      return `${MEETING_WORDS[kind]}; invited: ${idList(invited)}; attended: ${idList(attended)}`;
    }
    case 'RelationshipRecorded':
      return `${event.data.related} recorded as ${idWords(event.data.relation)} of ${event.data.subject}`;
    case 'RelationshipEnded':
      return `${event.data.related} no longer ${idWords(event.data.relation)} of ${event.data.subject}`;
    case 'PlanStarted':
      return `${capitalised(idWords(event.data.plan))} plan started`;
    case 'PlanEnded':
      return `${capitalised(idWords(event.data.plan))} plan ended`;
    case 'SeriousIncidentNotified':
      return `Serious incident notified: ${idWords(event.data.kind)}`;
    case 'InvolvementOpened':
      return event.data.lead ? 'Involvement opened as lead agency' : 'Involvement opened';
    case 'InvolvementClosed':
      return event.data.reason === undefined ? 'Involvement closed' : `Involvement closed: ${event.data.reason}`;
    case 'PersonRegistered':
      return `${event.data.subjectId} registered (${event.data.kind})`;
    case 'SubjectsLinked':
      return `Records ${event.data.pair[0]} and ${event.data.pair[1]} found to be the same person`;
    case 'SubjectsUnlinked':
      return `Records ${event.data.pair[0]} and ${event.data.pair[1]} no longer taken as the same person`;
    default:
      return assertNever(event);
  }
}

/** Agency and subject ids are names: shown exactly as written. */
function idList(ids: readonly string[]): string {
  return ids.length > 0 ? ids.join(', ') : 'none recorded';
}

function categoriesSuffix(categories: readonly string[]): string {
  return categories.length > 0 ? `: ${listWords(categories)}` : '';
}

/** Reason ids read as words; a reason the agency wrote itself stays as written. */
function reasonWords(reason: DeclineReason): string {
  return /^[a-z_]+$/.test(reason) ? idWords(reason) : reason;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
