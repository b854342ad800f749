import { assertNever } from '../events/common';
import type { ContactOutcome } from '../events/entry.events';
import { agencyOf, caseFacts, dayOf, entriesOf, isAboutChild, type EntryOf } from '../timeline/case-facts';
import { plural } from '../timeline/days';
import type { ChildTimeline } from '../timeline/timeline';
import type { DetectionSettings } from './detection-settings';
import { evidence, makeFlag, type Flag } from './flag';
import { entryDate } from './wording';

type Contact = EntryOf<'ContactRecorded'>;

/**
 * missed-contacts: `missedContactsCount` contacts about the child, by any agencies, with outcome
 * no_access, did_not_attend or was_not_brought within `missedContactsWindowDays`. One flag per
 * cluster (semantics.md): it fires at the third missed contact within the window, and the cluster
 * goes on while each next missed contact would itself complete three within the window with the
 * cluster's latest two (the "third-latest" counted with the newcomer); a new cluster needs three
 * fresh ones. Two agencies' accounts of one missed visit (variants) count once.
 */
export function missedContacts(timeline: ChildTimeline, settings: DetectionSettings, asOf: string): Flag[] {
  const facts = caseFacts(timeline, asOf);
  const { missedContactsCount: count, missedContactsWindowDays: window } = settings;
  const groups = new Set<string>();
  const missed = entriesOf(facts.entries, 'ContactRecorded').filter((c) => {
    if (!isMissed(c.event.data.outcome) || !isAboutChild(c)) return false;
    if (c.variantGroup === undefined) return true;
    if (groups.has(c.variantGroup)) return false;
    groups.add(c.variantGroup);
    return true;
  });
  const clusters: Contact[][] = [];
  let cluster: Contact[] | undefined;
  let fresh: Contact[] = [];
  for (const contact of missed) {
    if (cluster && dayOf(contact) - dayOf(cluster[cluster.length - Math.max(count - 1, 1)]!) <= window) {
      cluster.push(contact);
      continue;
    }
    cluster = undefined;
    fresh.push(contact);
    if (fresh.length >= count && dayOf(contact) - dayOf(fresh[fresh.length - count]!) <= window) {
      cluster = fresh.slice(-count);
      clusters.push(cluster);
      fresh = [];
    }
  }
  return clusters.map((c) =>
    makeFlag({
      rule: 'missed-contacts',
      child: facts.child,
      agencies: c.map(agencyOf),
      identity: c.slice(0, count).map((x) => evidence(x, 'contact')),
      evidence: c.map((x) => evidence(x, 'contact')),
      at: c[count - 1]!.event.data.occurred.at,
      explanation:
        `${plural(c.length, 'contact')} with the child by ${[...new Set(c.map(agencyOf))].sort().join(', ')} were missed (no access, not attended or not brought)` +
        ` between ${entryDate(c[0]!)} and ${entryDate(c.at(-1)!)}, ${count} of them within ${plural(window, 'day')}.`,
    }),
  );
}

function isMissed(outcome: ContactOutcome): boolean {
  switch (outcome) {
    case 'no_access':
    case 'did_not_attend':
    case 'was_not_brought':
      return true;
    case 'completed':
      return false;
    default:
      return assertNever(outcome);
  }
}
