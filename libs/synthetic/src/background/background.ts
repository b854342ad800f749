import type { Day } from '../calendar';
import type { CaseContext } from '../case/case-context';
import { concernEpisode } from './concern-episode';
import { householdEpisode } from './household';
import { involvementEpisode } from './involvement-episode';
import { meetingEpisode } from './meeting-episode';
import { correctedContact, duplicateRetracted, emergencyAttendance, healthHistoryRequest, jointVisit } from './record-keeping';
import { referralEpisode } from './referral-episode';
import { routineDay } from './routine';

interface Episode {
  readonly weight: number;
  /** The most rows it can write, so a case never overshoots its size. */
  readonly maxRows: (context: CaseContext) => number;
  /** False when the episode did not apply to the case as it stands (nothing written). */
  readonly run: (context: CaseContext) => boolean | void;
}

const EPISODES: readonly Episode[] = [
  { weight: 16, maxRows: (c) => c.roster.involved.length + 6, run: concernEpisode },
  { weight: 4, maxRows: () => 6, run: householdEpisode },
  { weight: 4, maxRows: () => 2, run: referralEpisode },
  { weight: 7, maxRows: () => 3, run: meetingEpisode },
  { weight: 3, maxRows: () => 1, run: involvementEpisode },
  { weight: 3, maxRows: () => 3, run: emergencyAttendance },
  { weight: 2, maxRows: () => 2, run: jointVisit },
  { weight: 1, maxRows: () => 3, run: duplicateRetracted },
  { weight: 1, maxRows: () => 2, run: correctedContact },
  { weight: 2, maxRows: () => 2, run: healthHistoryRequest },
];
const ROUTINE_WEIGHT = 50;

/** Episodes besides routine days take a few days for a few rows; past this pace only routine days keep up. */
const EPISODE_PACE = 2.5;
const BUSIEST_DAY = 8;

/**
 * Writes the ordinary life of a case until it holds `budget` rows, spread over the days up to
 * `lastDay`. A case that runs ahead of its calendar rests until the planned day; one that falls
 * behind fills busier routine days and leaves the longer episodes out until it has caught up.
 */
export function writeBackground(context: CaseContext, budget: number, lastDay: Day): void {
  const { rng, writer } = context;
  const firstRow = writer.size;
  const firstDay = context.day;
  const rows = Math.max(1, budget - firstRow);
  const days = Math.max(1, lastDay - firstDay);
  while (writer.size < budget) {
    const planned = firstDay + Math.floor(((writer.size - firstRow) / rows) * days);
    context.day = Math.max(context.day, planned);
    const room = budget - writer.size;
    const pace = room / Math.max(1, lastDay - context.day + 1);
    const routineCount = Math.min(room, BUSIEST_DAY, Math.max(1, Math.round(pace * (0.5 + rng.next()))));
    const fitting = pace > EPISODE_PACE ? [] : EPISODES.filter((e) => e.maxRows(context) <= room);
    const episode = rng.weighted<Episode | null>([[null, ROUTINE_WEIGHT], ...fitting.map((e) => [e, e.weight] as const)]);
    if (episode === null || episode.run(context) === false) routineDay(context, routineCount);
  }
}
