import { START, type LogPosition } from '@casetrail/event-store';
import type { EntityManager } from 'typeorm';

export class CheckpointMoved extends Error {
  readonly code = 'PROJECTION.CHECKPOINT_MOVED';
  constructor(readonly projection: string) {
    super(`The checkpoint of ${projection} was moved by another engine; this batch was rolled back`);
  }
}

interface CheckpointRow {
  commit_position: string | number;
  prepare_position: string | number;
}

/** Checkpoints live beside the read models so they commit in the same transaction. */
export const checkpoints = {
  async read(tx: EntityManager, projection: string): Promise<LogPosition> {
    const rows: CheckpointRow[] = await tx.query(
      'select commit_position, prepare_position from projection_checkpoints where projection = $1',
      [projection],
    );
    if (rows.length === 0) return START;
    return { commit: BigInt(rows[0].commit_position), prepare: BigInt(rows[0].prepare_position) };
  },

  /**
   * Compare-and-set: moves the checkpoint only if it is still where this engine read it, so two
   * engines can never both apply a batch; the loser's transaction (rows included) rolls back.
   */
  async advance(tx: EntityManager, projection: string, from: LogPosition, to: LogPosition): Promise<void> {
    if (from.commit === START.commit && from.prepare === START.prepare) {
      const inserted = await tx.query(
        `insert into projection_checkpoints (projection, commit_position, prepare_position, updated_at)
         values ($1, $2, $3, now()) on conflict (projection) do nothing returning projection`,
        [projection, to.commit.toString(), to.prepare.toString()],
      );
      if (inserted.length === 1) return;
    }
    const [, affected] = await tx.query(
      `update projection_checkpoints set commit_position = $2, prepare_position = $3, updated_at = now()
        where projection = $1 and commit_position = $4 and prepare_position = $5`,
      [projection, to.commit.toString(), to.prepare.toString(), from.commit.toString(), from.prepare.toString()],
    );
    if (affected !== 1) throw new CheckpointMoved(projection);
  },

  async reset(tx: EntityManager, projection: string): Promise<void> {
    await tx.query('delete from projection_checkpoints where projection = $1', [projection]);
  },

  /**
   * The read model's version: moves whenever its rows may have changed, never otherwise. Only
   * ever counts up (a reset counts up too), so a cached answer of an older version is never taken
   * for a newer one.
   */
  async version(tx: Pick<EntityManager, 'query'>, projection: string): Promise<string> {
    const rows: { version: string | number }[] = await tx.query('select version from projection_versions where projection = $1', [projection]);
    return rows.length === 0 ? '0' : String(rows[0].version);
  },

  async bumpVersion(tx: Pick<EntityManager, 'query'>, projection: string, schema?: string): Promise<void> {
    const table = schema === undefined ? 'projection_versions' : `"${schema.replace(/"/g, '""')}".projection_versions`;
    await tx.query(
      `insert into ${table} as v (projection, version) values ($1, 1) on conflict (projection) do update set version = v.version + 1`,
      [projection],
    );
  },
};
