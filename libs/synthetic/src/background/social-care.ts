import type { ChronologyRow, ReferralOutcome, Severity, Source } from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import { type Adult, type CaseContext, higherSeverity, SOCIAL_CARE, severityAbove } from '../case/case-context';
import { categoryWords, shortName } from '../text/wording';

const LEVEL_WORDS: Record<Severity, string> = { low: 'low', medium: 'moderate', high: 'high' };

/** Social care's risk assessment; what it weighed becomes the baseline later information is judged against. */
export function assess(context: CaseContext, day: Day, level: Severity, categories: readonly RiskCategory[]): ChronologyRow {
  const { rng } = context;
  const opening = context.assessed === null ? 'Single assessment completed' : rng.pick(['Assessment updated', 'Risk assessment reviewed', 'Reassessment completed']);
  const row = context.writer.assessment(
    context.stamp(SOCIAL_CARE, day, `${opening}: ${LEVEL_WORDS[level]} risk; factors considered: ${categoryWords(categories)}`, { recordedAfter: context.routineDelay() }),
    level,
    categories,
  );
  context.assessed = { categories, level, row };
  return row;
}

/**
 * Reassesses a few days after social care learns of risk its latest assessment could not have
 * weighed (a new category, or a severity above its level), well inside the rule's 10 days.
 * Returns the day used, or `knownDay` when nothing was needed.
 */
export function reassessIfNeeded(context: CaseContext, knownDay: Day, severity: Severity, categories: readonly RiskCategory[], earliest = knownDay + 1): Day {
  const baseline = context.assessed;
  if (baseline === null) return knownDay;
  const unweighed = categories.filter((category) => !baseline.categories.includes(category));
  if (unweighed.length === 0 && !severityAbove(severity, baseline.level)) return knownDay;
  const day = Math.max(earliest, knownDay + context.rng.int(1, 5));
  const level = higherSeverity(severity, context.rng.chance(0.6) ? baseline.level : severity);
  assess(context, day, level, [...baseline.categories, ...unweighed]);
  return day;
}

/** Every agency working with the child on `day`, plus social care and police; all invited, all attend. */
export function fullAttendance(context: CaseContext, ...also: string[]): string[] {
  return [...new Set([SOCIAL_CARE, ...context.openAgencies(), ...also])];
}

/** Police join an investigation when a strategy discussion is called; an involvement keeps them invited from then on. */
export function openPoliceInvestigation(context: CaseContext, day: Day): void {
  if (context.isOpen(AGENCY.police)) return;
  context.writer.involvementOpened(context.stamp(AGENCY.police, day, 'Allocated to the child abuse investigation team'));
  context.open.add(AGENCY.police);
}

export function strategyDiscussion(context: CaseContext, day: Day, attendees: readonly string[], about: string): ChronologyRow {
  return context.writer.meeting(
    context.stamp(SOCIAL_CARE, day, `Strategy discussion: ${about}. Agreed section 47 enquiry and joint visit`, { recordedAfter: context.rng.int(0, 1) }),
    'strategy_discussion',
    attendees,
    attendees,
  );
}

/**
 * Police (and, when it knows the family, probation) checks on an adult who has joined the
 * household: asked within three days and answered within three more, inside the rules' 10 and 5.
 * Returns the last day used.
 */
export function checkNewAdult(context: CaseContext, adult: Adult, joinedDay: Day): Day {
  const { rng, writer } = context;
  const subjects = [context.child, adult.id];
  let last = joinedDay;
  const asked: [string, string][] = [[AGENCY.police, 'PNC and local intelligence checks requested']];
  if (context.roster.contributors.includes(AGENCY.probation) && rng.chance(0.5)) asked.push([AGENCY.probation, 'Probation checks requested']);
  for (const [agency, text] of asked) {
    const day = joinedDay + rng.int(1, 3);
    const request = writer.request(
      { ...context.stamp(SOCIAL_CARE, day, `${text} on the ${adult.label}`), subjects },
      agency,
      ['violent_offence_history', 'sexual_offence_history', 'domestic_abuse'],
    );
    const answered = day + rng.int(0, 3);
    writer.response(
      { ...context.stamp(agency, answered, rng.pick(['Checks completed: no trace on national or local systems', 'Checks completed: no relevant convictions or intelligence', 'No current or previous involvement recorded'])), subjects },
      request,
      'disclosed',
    );
    last = Math.max(last, answered);
  }
  return last;
}

/** A referral to social care and its same-day outcome; `from` undefined means a person rang in (`source`). */
export function referToSocialCare(
  context: CaseContext,
  day: Day,
  from: string | undefined,
  source: Source | undefined,
  categories: readonly RiskCategory[],
  text: string,
  outcome: ReferralOutcome,
): ChronologyRow {
  const { writer } = context;
  const referral = writer.referral(context.stamp(from ?? SOCIAL_CARE, day, text, source === undefined ? {} : { source }), from === undefined ? undefined : SOCIAL_CARE, categories);
  writer.referralOutcome(context.stamp(SOCIAL_CARE, day, OUTCOME_TEXT[outcome]), referral, outcome);
  if (outcome === 'no_further_action') context.lastNoFurtherAction = day;
  return referral;
}

export const OUTCOME_TEXT: Record<ReferralOutcome, string> = {
  no_further_action: 'Screened by the front door: threshold not met, no further action; advice given to the referrer',
  early_help: 'Screened: stepped down to early help with the family’s agreement',
  assessment: 'Screened: accepted for assessment by the allocated social worker',
  strategy_discussion: 'Screened: threshold for a strategy discussion met',
  section_47: 'Screened: section 47 enquiry to begin',
};

/** Shares a concern with an agency, as the recorder's own entry. */
export function shareConcern(context: CaseContext, concern: ChronologyRow & { categories: readonly RiskCategory[] }, to: string, day: Day): ChronologyRow {
  const basis = context.rng.weighted([
    ['safeguarding_condition', 4],
    ['public_task', 3],
    ['legal_obligation', 1],
    ['not_recorded', 2],
  ] as const);
  return context.writer.shared(
    { ...context.stamp(concern.agency, day, `Concern about ${categoryWords(concern.categories)} shared with ${shortName(to)}`), subjects: sharedSubjects(context, concern) },
    to,
    [concern],
    concern.categories,
    basis,
  );
}

/** A share names the child first, then the adult the concern was about. */
function sharedSubjects(context: CaseContext, concern: ChronologyRow): string[] {
  return [context.child, ...concern.subjects.filter((subject) => subject !== context.child)];
}
