export * from './vocabulary/practice-themes';
export * from './vocabulary/risk-categories';
export * from './vocabulary/agency-kinds';
export * from './vocabulary/entry-values';
export * from './vocabulary/review-kinds';
export * from './events';
export * from './streams';
export * from './deciders/decider';
export * from './deciders/domain-error';
export * from './deciders/entry-rules';
export * from './deciders/entry.decider';
export * from './deciders/involvement.decider';
export * from './deciders/subject.decider';
export * from './deciders/agency.decider';
export * from './deciders/identity.decider';
export * from './deciders/review.decider';
export * from './deciders/review-errors';
export { REVIEW_TITLE_MAX } from './deciders/review-rules';
export * from './timeline/timeline';
export { asOfInstant, dayNumber, daysBetween, isoDate, lastDayOfPeriod } from './timeline/days';
export {
  caseFacts,
  entriesOf,
  involvementPeriods,
  isEntryOf,
  isInHouseholdOn,
  isOpenOn,
  type CaseFacts,
  type EntryOf,
  type InvolvementPeriod,
} from './timeline/case-facts';
export * from './timeline/knowledge';
export * from './detection';
export * from './timeline/assemble';
export * from './timeline/entry-types';
export * from './timeline/lead-agency';
export * from './access/break-glass';
export * from './exports';
export * from './privacy';
