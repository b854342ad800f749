import { involvementPeriods } from './case-facts';
import { liveEntries, type ChildTimeline } from './timeline';

/**
 * The agencies whose open involvement with the child is marked lead: who is told who has looked
 * at the child's record. Usually one; none when no open involvement is marked lead.
 */
export function leadAgenciesOf(timeline: ChildTimeline): string[] {
  return involvementPeriods(liveEntries(timeline))
    .filter((p) => p.closed === undefined && p.opened.event.data.lead)
    .map((p) => p.agency)
    .sort();
}
