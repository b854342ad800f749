import type { EventStore, LogPosition } from '@casetrail/event-store';
import type { FlagRefresher, ProjectionEngine } from '@casetrail/projections';

export interface ProjectionReport {
  readonly name: string;
  readonly checkpoint: LogPosition;
  /** Whether this process's engine runs it; in server mode the projector is usually another process. */
  readonly runningHere: boolean;
  /** When the oldest event the projection has not applied yet was appended; null when caught up. */
  readonly behindSince: Date | null;
  /** Seconds since `behindSince`, 0 when caught up: how stale the read model may be. */
  readonly lagSeconds: number;
  /**
   * For `flags`: the children marked and not yet recomputed by the refresher, and for how long the
   * longest-waiting has waited. The flags lag their projection by this much on top of `lagSeconds`.
   */
  readonly pendingRefresh?: { readonly children: number; readonly since: Date | null; readonly lagSeconds: number };
}

/**
 * Where every projection stands. Lag is measured from the first event after the checkpoint rather
 * than the head, so a projection that is one event behind a burst reads as stale as that event is.
 */
export async function reportProjections(
  source: { readonly store: EventStore; readonly engine: ProjectionEngine; readonly flags?: FlagRefresher },
  now: () => Date = () => new Date(),
): Promise<ProjectionReport[]> {
  const statuses = await source.engine.status();
  const reports: ProjectionReport[] = [];
  // The store's clock and ours may differ a little; a lag is never negative.
  const secondsSince = (since: Date | null) => (since ? Math.max(0, (now().getTime() - since.getTime()) / 1000) : 0);
  for (const status of statuses) {
    const [next] = await source.store.readAll({ after: status.checkpoint, limit: 1 });
    const behindSince = next?.appendedAt ?? null;
    const refresh = status.name === 'flags' && source.flags ? await source.flags.status() : undefined;
    reports.push({
      name: status.name,
      checkpoint: status.checkpoint,
      runningHere: status.running,
      behindSince,
      lagSeconds: secondsSince(behindSince),
      ...(refresh && { pendingRefresh: { children: refresh.dirty, since: refresh.oldestMarkedAt, lagSeconds: secondsSince(refresh.oldestMarkedAt) } }),
    });
  }
  return reports;
}
