import { agencyOf, caseFacts, dayOf, entriesOf, isAboutChild, type EntryOf } from '../timeline/case-facts';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { entryDate } from './wording';

type Contact = EntryOf<'ContactRecorded'>;

/**
 * child-not-seen, two situations per agency:
 *  - `childNotSeenCount` consecutive home visits or appointments about the child in which the
 *    child was not seen. One flag per unbroken run (raised at its third visit, carrying every
 *    visit of the run); a visit where seeing was not recorded (null) neither breaks nor extends it.
 *  - the agency closed its involvement when its last home visit or appointment of that
 *    involvement had not seen the child.
 */
export function childNotSeen(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const flags: Flag[] = [];
  const visits = entriesOf(facts.entries, 'ContactRecorded').filter(
    (c) => (c.event.data.contactType === 'home_visit' || c.event.data.contactType === 'appointment') && isAboutChild(c),
  );
  const agencies = [...new Set(visits.map(agencyOf))].sort();
  for (const agency of agencies) {
    let run: Contact[] = [];
    const closeRun = () => {
      if (run.length >= settings.childNotSeenCount) flags.push(runFlag(facts.child, agency, run, settings.childNotSeenCount));
      run = [];
    };
    for (const visit of visits.filter((v) => agencyOf(v) === agency)) {
      if (visit.event.data.childSeen === false) run.push(visit);
      else if (visit.event.data.childSeen === true) closeRun();
    }
    closeRun();
  }
  for (const period of facts.involvements) {
    if (!period.closed) continue;
    const closure = period.closed;
    const closeIndex = facts.entries.indexOf(closure);
    const last = visits
      .filter((v) => agencyOf(v) === period.agency && dayOf(v) >= period.fromDay && facts.entries.indexOf(v) < closeIndex)
      .at(-1);
    if (!last || last.event.data.childSeen !== false) continue;
    flags.push(
      makeFlag({
        rule: 'child-not-seen',
        child: facts.child,
        agencies: [period.agency],
        evidence: [evidence(last, 'contact'), evidence(closure, 'closure')],
        at: closure.event.data.occurred.at,
        missing: `${period.agency} did not see the child before closing`,
        explanation: `${period.agency} closed its involvement on ${entryDate(closure)}; its last ${words(last)}, on ${entryDate(last)}, had not seen the child.`,
      }),
    );
  }
  return flags;
}

function runFlag(child: string, agency: string, run: readonly Contact[], count: number): Flag {
  const firing = run[count - 1]!;
  return makeFlag({
    rule: 'child-not-seen',
    child,
    agencies: [agency],
    identity: run.slice(0, count).map((c) => evidence(c, 'contact')),
    evidence: run.map((c) => evidence(c, 'contact')),
    at: firing.event.data.occurred.at,
    missing: `${agency} did not see the child`,
    explanation: `${agency} did not see the child on ${run.length} consecutive home visits or appointments, from ${entryDate(run[0]!)} to ${entryDate(run.at(-1)!)}.`,
  });
}

function words(visit: Contact): string {
  return visit.event.data.contactType === 'home_visit' ? 'home visit' : 'appointment';
}
