import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '@casetrail/domain';
import { comparePositions, type LogPosition } from '@casetrail/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import type { EngineCompanion } from '../../application/projection-engine';
import { checkpoints } from '../../infrastructure/checkpoint-store';
import { TimelineReader } from '../timeline/timeline.reader';
import { evaluateChild } from './child-evaluation';
import { childrenAffected, markDirty } from './flag-marking';
import { replaceChild } from './flags-writer';

export interface FlagRefresherOptions {
  readonly settings?: DetectionSettings;
  /** The projection whose tables the timelines are read from; a mark waits until it has applied the marking event. */
  readonly timelineProjection?: string;
  /** The projection that marks children (its checkpoint is how far the log has been marked). */
  readonly markingProjection?: string;
  /** Children taken per round. */
  readonly batchSize?: number;
  /** Pause when nothing is left to refresh. */
  readonly idleMs?: number;
  readonly now?: () => Date;
  readonly onRefreshed?: (children: number, ms: number) => void;
  /** Runs between evaluating a child and writing it: lets a test mark the child again mid-refresh. */
  readonly beforeWrite?: (subject: string) => Promise<void>;
  /** A child whose refresh failed; it stays marked, behind the others. */
  readonly onError?: (subject: string, error: unknown) => void;
}

export interface FlagRefresherStatus {
  /** Children marked and not yet recomputed. */
  readonly dirty: number;
  /** When the longest-waiting of them was first marked; null when none waits. */
  readonly oldestMarkedAt: Date | null;
}

interface DirtyRow {
  subject_id: string;
  version: string;
}

/**
 * Recomputes the flags (and the statistics facts) of children the `flags` projection marked dirty.
 *
 * Consistency model: flags are eventually consistent with the log. A child's flags are recomputed
 * from its timeline only once the timeline read model has applied the event that last marked it,
 * and each child is replaced in its own small transaction that clears the mark only if the mark's
 * version is still the one read before the timeline was (a child marked again meanwhile stays
 * dirty and is done again). Flags are evaluated as of the end of the current UTC day, so they
 * depend only on the data and the evaluation date: a rebuild of every projection gives the same
 * flags for the same data on the same day. Because flags also change as days pass without new
 * events (an action becomes late), children last evaluated on an earlier day are marked again
 * once the date changes (as of everything marked so far, so a timeline rebuilt in place is not
 * read half-way). Between a mark and its refresh the stored flags are those of the previous
 * evaluation; `status().dirty` says how many children wait. A child whose refresh fails keeps its
 * mark and goes to the back of the queue, so it delays nobody else.
 */
export class FlagRefresher implements EngineCompanion {
  readonly name = 'flags-refresher';
  private readonly settings: DetectionSettings;
  private readonly timelineProjection: string;
  private readonly markingProjection: string;
  private lastSweptOn: string | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: FlagRefresherOptions = {},
  ) {
    this.settings = options.settings ?? DEFAULT_DETECTION_SETTINGS;
    this.timelineProjection = options.timelineProjection ?? 'timeline';
    this.markingProjection = options.markingProjection ?? 'flags';
  }

  /** Runs until aborted: a round of refreshes, or a short pause when there is nothing to do. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const { refreshed } = await this.round(signal);
      if (refreshed === 0) await pause(this.options.idleMs ?? 500, signal);
    }
  }

  /**
   * Refreshes every child whose marks the timeline has caught up with, until none is left (tests,
   * CLI): call after the engine's `catchUp`. Returns how many children were refreshed.
   */
  async refreshAll(): Promise<number> {
    let total = 0;
    const failing = new Set<string>();
    for (;;) {
      const { refreshed, failed } = await this.round();
      total += refreshed;
      // Done when a round finds nothing, or only children that have already failed in this call.
      if (refreshed === 0 && failed.every((subject) => failing.has(subject))) return total;
      for (const subject of failed) failing.add(subject);
    }
  }

  async status(): Promise<FlagRefresherStatus> {
    const [row]: { dirty: string | number; oldest: Date | string | null }[] = await this.dataSource.query(
      'select count(*) as dirty, min(marked_at) as oldest from rm_flag_dirty',
    );
    return { dirty: Number(row.dirty), oldestMarkedAt: row.oldest === null ? null : new Date(row.oldest) };
  }

  private async round(signal?: AbortSignal): Promise<{ refreshed: number; failed: string[] }> {
    const evaluatedOn = this.today();
    if (this.lastSweptOn !== evaluatedOn) {
      await this.markStale(evaluatedOn);
      this.lastSweptOn = evaluatedOn;
    }
    const timeline = await checkpoints.read(this.dataSource.manager, this.timelineProjection);
    await this.resolveAmendments(timeline);
    const dirty: DirtyRow[] = await this.dataSource.query(
      `select subject_id, version::text as version from rm_flag_dirty
        where (marked_commit, marked_prepare) <= ($1::bigint, $2::bigint)
        order by marked_at, subject_id limit $3`,
      [timeline.commit.toString(), timeline.prepare.toString(), this.options.batchSize ?? 50],
    );
    const started = Date.now();
    let refreshed = 0;
    const failed: string[] = [];
    for (const row of dirty) {
      if (signal?.aborted) break;
      try {
        await this.refreshChild(row.subject_id, row.version, evaluatedOn);
        refreshed += 1;
      } catch (error) {
        // One child's bad data must not hold up every other child: it goes to the back of the queue.
        this.options.onError?.(row.subject_id, error);
        failed.push(row.subject_id);
        await this.dataSource.query('update rm_flag_dirty set marked_at = now() where subject_id = $1', [row.subject_id]);
      }
    }
    if (refreshed > 0) this.options.onRefreshed?.(refreshed, Date.now() - started);
    return { refreshed, failed };
  }

  /** One child: read its timeline, evaluate, then replace its rows and clear its mark in one short transaction. */
  private async refreshChild(subject: string, version: string, evaluatedOn: string): Promise<void> {
    const reader = new TimelineReader(this.dataSource.manager);
    const isChild = (await reader.subjectKind(subject)) === 'child';
    const timeline = isChild ? await reader.childTimeline(subject) : undefined;
    const evaluation = timeline ? evaluateChild(timeline, this.settings, evaluatedOn) : null;
    await this.options.beforeWrite?.(subject);
    await this.dataSource.transaction(async (tx) => {
      await replaceChild(tx, [...new Set([subject, ...(timeline?.aliases ?? [])])], evaluation);
      await tx.query('delete from rm_flag_dirty where subject_id = $1 and version = $2::bigint', [subject, version]);
    });
  }

  /** Corrections and retractions: the children the amended entry is about, once the timeline holds it. */
  private async resolveAmendments(timeline: LogPosition): Promise<void> {
    await this.dataSource.transaction(async (tx: EntityManager) => {
      const streams: { stream_id: string; marked_commit: string; marked_prepare: string }[] = await tx.query(
        // Wrapped in a select: TypeORM answers a bare DELETE with [rows, count] rather than the rows.
        `with taken as (delete from rm_flag_amended_streams where (marked_commit, marked_prepare) <= ($1::bigint, $2::bigint)
           returning stream_id, marked_commit, marked_prepare)
         select stream_id, marked_commit::text as marked_commit, marked_prepare::text as marked_prepare from taken`,
        [timeline.commit.toString(), timeline.prepare.toString()],
      );
      if (streams.length === 0) return;
      const rows: { id: string }[] = await tx.query(
        'select distinct unnest(subjects) as id from rm_timeline_events where stream_id = any($1::text[])',
        [streams.map((s) => s.stream_id)],
      );
      const latest = streams.map((s) => ({ commit: BigInt(s.marked_commit), prepare: BigInt(s.marked_prepare) })).reduce((a, b) => (comparePositions(b, a) > 0 ? b : a));
      await markDirty(tx, await childrenAffected(tx, rows.map((r) => r.id)), latest);
    });
  }

  /**
   * A new day can make an action late without any new event: re-evaluate children last evaluated
   * before it. Marked as of everything marked so far, so that a timeline being rebuilt in place is
   * not read half-way.
   */
  private async markStale(evaluatedOn: string): Promise<void> {
    const marked = await checkpoints.read(this.dataSource.manager, this.markingProjection);
    await this.dataSource.query(
      `insert into rm_flag_dirty (subject_id, version, marked_commit, marked_prepare, marked_at)
       select child, nextval('rm_flag_dirty_version'), $2::bigint, $3::bigint, now() from rm_flag_children where evaluated_on < $1::date
       on conflict (subject_id) do nothing`,
      [evaluatedOn, marked.commit.toString(), marked.prepare.toString()],
    );
  }

  private today(): string {
    return (this.options.now?.() ?? new Date()).toISOString().slice(0, 10);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
