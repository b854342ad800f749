import type { EventStore, LogPosition } from '@casetrail/event-store';
import type { ProjectionEngine } from '@casetrail/projections';

export interface ProjectionReport {
  readonly name: string;
  readonly checkpoint: LogPosition;
  /** Whether this process's engine runs it; in server mode the projector is usually another process. */
  readonly runningHere: boolean;
  /** When the oldest event the projection has not applied yet was appended; null when caught up. */
  readonly behindSince: Date | null;
  /** Seconds since `behindSince`, 0 when caught up: how stale the read model may be. */
  readonly lagSeconds: number;
}

/**
 * Where every projection stands. Lag is measured from the first event after the checkpoint rather
 * than the head, so a projection that is one event behind a burst reads as stale as that event is.
 */
export async function reportProjections(
  source: { readonly store: EventStore; readonly engine: ProjectionEngine },
  now: () => Date = () => new Date(),
): Promise<ProjectionReport[]> {
  const statuses = await source.engine.status();
  const reports: ProjectionReport[] = [];
  for (const status of statuses) {
    const [next] = await source.store.readAll({ after: status.checkpoint, limit: 1 });
    const behindSince = next?.appendedAt ?? null;
    reports.push({
      name: status.name,
      checkpoint: status.checkpoint,
      runningHere: status.running,
      behindSince,
      // The store's clock and ours may differ a little; a lag is never negative.
      lagSeconds: behindSince ? Math.max(0, (now().getTime() - behindSince.getTime()) / 1000) : 0,
    });
  }
  return reports;
}
