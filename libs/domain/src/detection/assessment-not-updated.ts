import type { Severity } from '../events/entry.events';
import { agencyOf, caseFacts, dayOf, entriesOf, isAboutChild, type CaseFacts, type EntryOf } from '../timeline/case-facts';
import { dayOfInstant, isoDate, plural } from '../timeline/days';
import { whenReached, type InformationReach } from '../timeline/knowledge';
import type { ChildTimeline } from '../timeline/timeline';
import type { RiskCategory } from '../vocabulary/risk-categories';
import { evidence, makeFlag, type Flag } from './flag';
import type { DetectionSettings } from './detection-settings';
import { dueInstant, lateWords, timeliness } from './timeliness';
import { categoryWords, concernWords, entryDate, reachRole } from './wording';

const RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };

interface NewInformation {
  readonly concern: EntryOf<'ConcernRecorded'>;
  /** How it reached the assessing agency, when another agency recorded it. */
  readonly reach?: InformationReach;
  readonly knownAt: number;
  readonly unweighed: readonly RiskCategory[];
  readonly moreSevere: boolean;
}

/**
 * assessment-not-updated: after agency G's risk assessment of the child, and before its next one,
 * G came to know a concern the assessment could not have weighed (a category not among those it
 * considered, or a severity above the risk level it concluded): G recorded it (from when it
 * occurred) or it reached G (whenReached) after the assessment. G had to reassess within
 * `reassessmentDays` of the first such concern, or before closing its involvement if sooner.
 *
 * Information reaching G after G's involvement had ended (and none was open) asks nothing of G:
 * an agency no longer working with the child is not expected to reassess. An agency that records
 * no involvements at all (police, say) is always held to its own assessments.
 */
export function assessmentNotUpdated(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  const assessments = entriesOf(facts.entries, 'RiskAssessmentCompleted').filter(isAboutChild);
  const concerns = entriesOf(facts.entries, 'ConcernRecorded').filter((c) => facts.isRelevantRisk(c));
  for (const assessment of assessments) {
    const assessor = agencyOf(assessment);
    const next = assessments.find((a) => agencyOf(a) === assessor && facts.entries.indexOf(a) > facts.entries.indexOf(assessment));
    const assessedAt = Date.parse(assessment.event.data.occurred.at);
    const until = next ? Date.parse(next.event.data.occurred.at) : Number.POSITIVE_INFINITY;
    const trigger = concerns
      .map((concern) => newInformation(facts, assessment, concern))
      .filter((n): n is NewInformation => n !== undefined && n.knownAt > assessedAt && n.knownAt <= until)
      .filter((n) => expectsReassessment(facts, assessor, dayOfInstant(n.knownAt)))
      .sort((a, b) => a.knownAt - b.knownAt)[0];
    if (!trigger) continue;
    const startDay = dayOfInstant(trigger.knownAt);
    const closure = facts.involvementOn(assessor, startDay)?.closed;
    const t = timeliness(
      { startDay, allowedDays: settings.reassessmentDays, ...(closure ? { cutOffDay: dayOf(closure) } : {}) },
      next && dayOf(next),
      facts.asOfDay,
    );
    if (t.kind === 'in-time' || t.kind === 'pending') continue;
    const closedFirst = closure !== undefined && dayOf(closure) === t.dueDay && t.dueDay < startDay + settings.reassessmentDays;
    const situation = [evidence(assessment, 'assessment'), evidence(trigger.concern, 'concern')];
    const { riskLevel, categoriesConsidered } = assessment.event.data;
    const gap = [
      trigger.unweighed.length > 0 ? `a category it had not considered (${categoryWords(trigger.unweighed)})` : undefined,
      trigger.moreSevere ? `a severity above its ${riskLevel} risk level` : undefined,
    ]
      .filter((s) => s !== undefined)
      .join(' and ');
    const source = trigger.reach ? ` from ${agencyOf(trigger.concern)}` : '';
    const opening =
      `${assessor} assessed the child's risk as ${riskLevel} on ${entryDate(assessment)}` +
      (categoriesConsidered.length > 0 ? ` (considering ${categoryWords(categoriesConsidered)})` : '') +
      `; from ${isoDate(dayOfInstant(trigger.knownAt))} it knew ${concernWords(trigger.concern)}${source}, with ${gap}`;
    const deadline = closedFirst ? 'before it closed its involvement' : `within ${plural(settings.reassessmentDays, 'day')}`;
    flags.push(
      makeFlag({
        rule: 'assessment-not-updated',
        child: facts.child,
        agencies: [assessor, agencyOf(trigger.concern)],
        identity: situation,
        evidence: [
          ...situation,
          ...(trigger.reach ? [evidence(trigger.reach.through, reachRole(trigger.reach.via))] : []),
          ...(closedFirst ? [evidence(closure, 'closure')] : []),
          ...(t.kind === 'late' && next ? [evidence(next, 'reassessment')] : []),
        ],
        at: dueInstant(t),
        dueBy: dueInstant(t),
        ...(t.kind === 'late'
          ? { delayDays: t.delayDays, explanation: `${opening}; it reassessed on ${entryDate(next!)}, ${lateWords(t)} (due ${deadline}).` }
          : { missing: `no reassessment by ${assessor}`, explanation: `${opening}; it did not reassess ${deadline}.` }),
      }),
    );
  }
  return flags;
}

function newInformation(
  facts: CaseFacts,
  assessment: EntryOf<'RiskAssessmentCompleted'>,
  concern: EntryOf<'ConcernRecorded'>,
): NewInformation | undefined {
  const { categoriesConsidered, riskLevel } = assessment.event.data;
  const unweighed = concern.event.data.categories.filter((c) => !categoriesConsidered.includes(c));
  const moreSevere = RANK[concern.event.data.severity] > RANK[riskLevel];
  if (unweighed.length === 0 && !moreSevere) return undefined;
  const assessor = agencyOf(assessment);
  if (agencyOf(concern) === assessor) {
    return { concern, knownAt: Date.parse(concern.event.data.occurred.at), unweighed, moreSevere };
  }
  const reach = whenReached(facts.entries, concern, assessor);
  return reach && { concern, reach, knownAt: Date.parse(reach.at), unweighed, moreSevere };
}

function expectsReassessment(facts: CaseFacts, assessor: string, day: number): boolean {
  const periods = facts.involvements.filter((p) => p.agency === assessor);
  return periods.length === 0 || periods.some((p) => p.fromDay <= day && (p.toDay === undefined || p.toDay >= day));
}
