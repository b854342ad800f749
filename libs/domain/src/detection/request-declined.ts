import { sameEntry } from '../events/common';
import type { DeclineReason } from '../events/entry.events';
import { agencyOf, caseFacts, dayOf, entriesOf, refOf } from '../timeline/case-facts';
import { plural } from '../timeline/days';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { dueInstant, lateWords, timeliness } from './timeliness';
import { entryDate } from './wording';

/**
 * request-declined: an information request declined on data-protection or consent grounds
 * (reason `data_protection` or `consent_refused`, or a free-text reason mentioning GDPR, data
 * protection or consent), or not answered within `requestResponseDays`. A request both declined
 * on those grounds and answered late is one flag, carrying the delay too. A decline for another
 * reason, in time, is a professional judgement and is not flagged.
 */
export function requestDeclined(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const answers = entriesOf(facts.entries, 'InformationRequestAnswered');
  const flags: Flag[] = [];
  for (const request of entriesOf(facts.entries, 'InformationRequested')) {
    const asker = agencyOf(request);
    const { to } = request.event.data;
    const answer = answers.find((a) => sameEntry(a.event.data.answers, refOf(request)));
    const t = timeliness({ startDay: dayOf(request), allowedDays: settings.requestResponseDays }, answer && dayOf(answer), facts.asOfDay);
    const grounds = answer?.event.data.response === 'declined' ? declineGrounds(answer.event.data.reason) : undefined;
    if (!grounds && (t.kind === 'in-time' || t.kind === 'pending')) continue;
    const situation = [evidence(request, 'request')];
    const opening = `${asker} asked ${to} for information on ${entryDate(request)}`;
    const allowance = `within ${plural(settings.requestResponseDays, 'day')}`;
    const lateness = t.kind === 'late' ? ` (${lateWords(t)})` : '';
    flags.push(
      makeFlag({
        rule: 'request-declined',
        child: facts.child,
        agencies: [asker, to],
        identity: situation,
        evidence: answer ? [...situation, evidence(answer, 'answer')] : situation,
        at: grounds ? answer!.event.data.occurred.at : dueInstant(t),
        ...(t.kind === 'in-time' ? {} : { dueBy: dueInstant(t) }),
        ...(t.kind === 'late' ? { delayDays: t.delayDays } : {}),
        ...(grounds
          ? {
              explanation: `${opening}; ${to} declined it on ${grounds} grounds on ${entryDate(answer!)}${lateness}, though these do not prevent sharing to safeguard a child.`,
            }
          : t.kind === 'late'
            ? { explanation: `${opening}; ${to} answered on ${entryDate(answer!)}${lateness}, not ${allowance}.` }
            : { missing: `no answer from ${to}`, explanation: `${opening}; ${to} did not answer ${allowance}.` }),
      }),
    );
  }
  return flags;
}

/** The grounds a decline rests on, when they are data protection or consent. */
export function declineGrounds(reason: DeclineReason | undefined): 'data-protection' | 'consent' | undefined {
  if (reason === undefined) return undefined;
  if (reason === 'data_protection' || /gdpr|data[\s_-]*protection/i.test(reason)) return 'data-protection';
  if (reason === 'consent_refused' || /consent/i.test(reason)) return 'consent';
  return undefined;
}
