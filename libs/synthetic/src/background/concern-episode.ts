import type { ChronologyRow, ContactType, ReferralOutcome, Severity } from '@casetrail/chronology';
import type { RiskCategory } from '@casetrail/domain';
import { SYNTHETIC_AGENCY_IDS as AGENCY } from '../agencies';
import type { Day } from '../calendar';
import { type Adult, type CaseContext, SOCIAL_CARE } from '../case/case-context';
import { CONCERN_TEMPLATES, type ConcernTemplate } from './concern-templates';
import { fullAttendance, openPoliceInvestigation, reassessIfNeeded, referToSocialCare, shareConcern, strategyDiscussion } from './social-care';

type ConcernRow = Extract<ChronologyRow, { entryType: 'concern' }>;

export interface ConcernFacts {
  readonly recorder: string;
  readonly subjects: readonly string[];
  readonly severity: Severity;
  readonly categories: readonly RiskCategory[];
  readonly text: string;
  readonly lead?: ContactType;
}

const LEAD_TEXT: Partial<Record<ContactType, string>> = {
  police_callout: 'Officers attended the family home',
  school_concern: 'Concern raised by class teacher with the designated safeguarding lead',
  home_visit: 'Home visit; child seen',
  emergency_department: 'Attended the emergency department with the mother',
  appointment: 'Appointment; child seen',
};

/** The contact that surfaced a concern (if any) and the concern itself, both on `day`. */
export function writeConcern(context: CaseContext, facts: ConcernFacts, day: Day): ConcernRow {
  const { writer } = context;
  if (facts.lead !== undefined) {
    const time = facts.lead === 'police_callout' || facts.lead === 'emergency_department' ? context.anyTime() : context.officeTime();
    writer.contact(context.stamp(facts.recorder, day, LEAD_TEXT[facts.lead] ?? 'Contact with the family', { time }), facts.lead, true);
    if (facts.lead === 'home_visit' || facts.lead === 'appointment') context.noteVisit(facts.recorder, true, false, day);
  }
  // Recorded the day it arose, so sharing it that day never precedes its recording.
  return writer.concern({ agency: facts.recorder, day, subjects: facts.subjects, summary: facts.text }, facts.severity, facts.categories);
}

const isAbuse = (categories: readonly RiskCategory[]) => categories.includes('physical_abuse') || categories.includes('sexual_abuse');

/** A high-severity concern of physical or sexual abuse about the child obliges a strategy discussion. */
export function needsStrategyDiscussion(concern: ConcernRow, child: string): boolean {
  return concern.severity === 'high' && isAbuse(concern.categories) && concern.subjects.includes(child);
}

/**
 * Passes a concern to every agency working with the child the day it is recorded: a referral to
 * social care when it is medium or high (answered the same day), an information share otherwise.
 */
export function spreadConcern(context: CaseContext, concern: ConcernRow, day: Day, opts: { readonly outcome?: ReferralOutcome; readonly except?: readonly string[] } = {}): void {
  const except = opts.except ?? [];
  for (const agency of context.recipientsOf(concern.agency)) {
    if (except.includes(agency)) continue;
    if (agency === SOCIAL_CARE && concern.severity !== 'low') {
      const outcome = opts.outcome ?? referralOutcomeFor(context, concern);
      referToSocialCare(context, day, concern.agency, undefined, concern.categories, `Referral to children’s social care: ${concern.summary ?? 'see concern'}`, outcome);
    } else {
      shareConcern(context, concern, agency, day);
    }
  }
}

function referralOutcomeFor(context: CaseContext, concern: ConcernRow): ReferralOutcome {
  if (needsStrategyDiscussion(concern, context.child)) return 'strategy_discussion';
  if (concern.severity === 'high') return context.rng.pick(['assessment', 'section_47'] as const);
  return context.rng.weighted([
    ['assessment', 3],
    ['early_help', 2],
  ] as const);
}

/**
 * What follows a concern in a case where practice is sound: the concern reaches every agency
 * working with the child that day, a strategy discussion the next day when abuse is alleged, and
 * social care reassesses within days when the concern is news to its assessment.
 */
export function respondToConcern(context: CaseContext, concern: ConcernRow, day: Day): Day {
  spreadConcern(context, concern, day);
  let last = day;
  if (needsStrategyDiscussion(concern, context.child)) {
    last = day + 1;
    openPoliceInvestigation(context, last);
    strategyDiscussion(context, last, fullAttendance(context, AGENCY.police, concern.agency), 'allegation of abuse');
  }
  return Math.max(last, reassessIfNeeded(context, day, concern.severity, concern.categories, last + 1));
}

/** Picks a background concern that fits the family: its agencies, the child's age, the adults at home. */
export function pickConcern(context: CaseContext, filter: (template: ConcernTemplate) => boolean = () => true): ConcernFacts {
  const fitting = CONCERN_TEMPLATES.filter((t) => filter(t) && fits(context, t));
  const template = context.rng.weighted(fitting.map((t) => [t, t.weight] as const));
  return concernFrom(context, template);
}

function fits(context: CaseContext, template: ConcernTemplate): boolean {
  const agency = AGENCY[template.recorder];
  const known = context.roster.involved.includes(agency) || context.roster.contributors.includes(agency);
  const age = template.ageGroups === undefined || template.ageGroups.includes(context.roster.ageGroup);
  const adults = template.about === 'child' || context.adultsWith(...(template.adults ?? [])).length > 0;
  return known && age && adults;
}

function concernFrom(context: CaseContext, template: ConcernTemplate): ConcernFacts {
  const { rng } = context;
  const adult: Adult | undefined = template.about === 'child' ? undefined : rng.pick(context.adultsWith(...(template.adults ?? [])));
  const severity = rng.weighted(template.severities.map((s) => [s, s === 'low' ? 5 : s === 'medium' ? 4 : 2] as const));
  const subjects = template.about === 'child' ? [context.child] : template.about === 'adult' ? [adult!.id] : [context.child, adult!.id];
  return {
    recorder: AGENCY[template.recorder],
    subjects,
    severity,
    categories: template.categories,
    text: rng.pick(template.texts).replace('{adult}', adult?.label ?? 'adult'),
    ...(template.lead !== undefined && { lead: template.lead }),
  };
}

/** A background concern and everything sound practice does about it. */
export function concernEpisode(context: CaseContext): void {
  const day = context.day;
  const concern = writeConcern(context, pickConcern(context), day);
  context.finish(respondToConcern(context, concern, day));
}
