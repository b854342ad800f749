import { sameEntry } from '../events/common';
import type { Flag } from '../detection/flag';
import { agencyOf, refOf } from '../timeline/case-facts';
import { liveEntries, type ChildTimeline, type TimelineEntry } from '../timeline/timeline';
import { correctionWords, householdWords } from './amendment-words';
import { filterTest } from './chronology-filter';
import type {
  ChronologyFinding,
  ChronologyRowFinding,
  ChronologyRowFlag,
  IntegratedChronologyInput,
  IntegratedChronologyRow,
} from './chronology-row';
import { entryTypeWords, knownWords } from './entry-words';
import { sharedWithWords } from './shared-with';
import { occurredWords } from './words';

/**
 * The integrated multi-agency chronology: every live entry of every child's timeline, merged by
 * date, with what each agency knew, whom it told, and what detection and the review made of it.
 * Retracted entries are left out, as in the default view; their corrections stay as notes.
 * The filter chooses rows only: what an entry reached is worked out on the whole timeline.
 */
export function integratedChronologyRows(input: IntegratedChronologyInput): IntegratedChronologyRow[] {
  const keep = filterTest(input.filter);
  const flagsOf = flagIndex(input.flags);
  const findings = input.findings ?? [];
  const perTimeline = input.timelines.map((timeline) => {
    const live = liveEntries(timeline);
    return live
      .filter((entry) => keep(agencyOf(entry), entry.event.data.occurred))
      .map((entry) => row(timeline, live, entry, flagsOf(timeline, entry), findingsOf(findings, entry)));
  });
  return mergeInOrder(perTimeline);
}

function row(
  timeline: ChildTimeline,
  live: readonly TimelineEntry[],
  entry: TimelineEntry,
  flags: readonly ChronologyRowFlag[],
  findings: readonly ChronologyRowFinding[],
): IntegratedChronologyRow {
  const { data } = entry.event;
  const agency = agencyOf(entry);
  const agencyKind = timeline.agencies[agency];
  const household = householdWords(timeline, entry);
  return {
    child: timeline.child,
    eventId: entry.eventId,
    occurredAt: data.occurred.at,
    date: occurredWords(data.occurred),
    agency,
    ...(agencyKind !== undefined ? { agencyKind } : {}),
    entryId: data.entry.entryId,
    entryType: entryTypeWords(entry.event),
    known: knownWords(entry),
    ...(data.summary !== undefined && data.summary.trim().length > 0 ? { summary: data.summary } : {}),
    sharedWith: sharedWithWords(timeline, live, entry),
    flags,
    findings,
    corrections: correctionWords(entry),
    ...(household !== undefined ? { household } : {}),
  };
}

/** Flags by the child they concern and the entries they rest on. */
function flagIndex(flags: readonly Flag[]): (timeline: ChildTimeline, entry: TimelineEntry) => ChronologyRowFlag[] {
  const index = new Map<string, ChronologyRowFlag[]>();
  for (const flag of flags) {
    const shown: ChronologyRowFlag = { id: flag.id, rule: flag.rule, severity: flag.severity, explanation: flag.explanation };
    for (const eventId of new Set(flag.evidence.map((e) => e.eventId))) {
      const key = `${flag.child}\u0000${eventId}`;
      index.set(key, [...(index.get(key) ?? []), shown]);
    }
  }
  // A flag names the child's canonical id, but one raised before two records were linked may name an alias.
  return (timeline, entry) => {
    const children = new Set([timeline.child, ...timeline.aliases]);
    return [...children].flatMap((child) => index.get(`${child}\u0000${entry.eventId}`) ?? []);
  };
}

/** A finding cites an event when the reviewer had its id, otherwise the agency's entry. */
function findingsOf(findings: readonly ChronologyFinding[], entry: TimelineEntry): ChronologyRowFinding[] {
  return findings
    .filter((f) =>
      f.evidence.some((e) => (e.eventId !== undefined ? e.eventId === entry.eventId : sameEntry(e.entry, refOf(entry)))),
    )
    .map((f) => ({ findingId: f.findingId, theme: f.theme, text: f.text }));
}

/**
 * Merges the children's rows by when the entries occurred, keeping each timeline's own order (the
 * projection's, with its recorded-at and log-position tie-breaks) intact; on a tie the child
 * listed first goes first.
 */
function mergeInOrder(lists: readonly (readonly IntegratedChronologyRow[])[]): IntegratedChronologyRow[] {
  const heads = lists.map(() => 0);
  const merged: IntegratedChronologyRow[] = [];
  for (;;) {
    let best: { list: number; at: number } | undefined;
    lists.forEach((list, i) => {
      const candidate = list[heads[i] ?? 0];
      if (candidate === undefined) return;
      const at = Date.parse(candidate.occurredAt);
      if (best === undefined || at < best.at) best = { list: i, at };
    });
    if (best === undefined) return merged;
    const i = best.list;
    merged.push(lists[i]![heads[i]!]!);
    heads[i] = heads[i]! + 1;
  }
}
