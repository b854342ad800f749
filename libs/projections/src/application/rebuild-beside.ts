import type { EventStore } from '@casetrail/event-store';
import type { DataSource } from 'typeorm';
import { checkpoints } from '../infrastructure/checkpoint-store';
import { openReadModels, type ReadModelTarget } from '../infrastructure/read-model-data-source';
import type { Projection } from './projection';
import { ProjectionEngine } from './projection-engine';

export interface RebuildBesideOptions {
  readonly connectionString: string;
  /** The schema the serving read models live in. */
  readonly schema: string;
  readonly readModels: ReadModelTarget;
  /** Catch-up rounds before the swap: each shortens the tail the serving projector applies after it. */
  readonly catchUpRounds?: number;
}

export interface RebuildReport {
  readonly projections: readonly string[];
  readonly tables: readonly string[];
  /** How long readers of the swapped tables waited on the swap's lock. */
  readonly swapMs: number;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Builds new versions of projections beside the serving ones (PostgreSQL), then swaps them in:
 *  1. the read models are migrated into a shadow schema and the projections rebuilt there from
 *     position 0 while the serving tables keep answering and the running projector keeps them live;
 *  2. in one short transaction the serving tables are locked, moved out to a retired schema, the
 *     rebuilt ones moved in under the same names, and the projections' checkpoints set to the
 *     rebuilt ones; readers wait for that lock for milliseconds and never see an empty or partial
 *     read model;
 *  3. the running projector's next batch finds its checkpoint moved (its compare-and-set fails),
 *     re-reads it and goes on from where the rebuild stopped.
 * Deploying a projection's new code is then: start the new version's rebuild beside, swap, restart
 * the projectors on the new code.
 */
export async function rebuildBeside(store: EventStore, serving: DataSource, projections: readonly Projection[], options: RebuildBesideOptions): Promise<RebuildReport> {
  const tables = projections.flatMap((p) => {
    if (!p.tables || p.tables.length === 0) throw new Error(`Projection ${p.name} does not list its tables, so it cannot be rebuilt beside the serving one`);
    return p.tables;
  });
  const live = options.schema;
  const shadow = `${live}_rebuild`.slice(0, 63);
  const retired = `${live}_retired`.slice(0, 63);
  await serving.query(`drop schema if exists ${quote(shadow)} cascade`);
  const shadowModels = await openReadModels({ connectionString: options.connectionString, schema: shadow }, options.readModels);
  try {
    const engine = new ProjectionEngine(store, shadowModels, projections, { coordination: 'none' });
    await engine.rebuild();
    for (let round = 0; round < (options.catchUpRounds ?? 3); round++) await engine.catchUp();

    const started = performance.now();
    await serving.transaction(async (tx) => {
      for (const table of tables) await tx.query(`lock table ${quote(live)}.${quote(table)} in access exclusive mode`);
      await tx.query(`drop schema if exists ${quote(retired)} cascade`);
      await tx.query(`create schema ${quote(retired)}`);
      for (const table of tables) {
        await tx.query(`alter table ${quote(live)}.${quote(table)} set schema ${quote(retired)}`);
        await tx.query(`alter table ${quote(shadow)}.${quote(table)} set schema ${quote(live)}`);
      }
      for (const projection of projections) {
        const rebuilt = await checkpoints.read(shadowModels.manager, projection.name);
        await tx.query(
          `insert into ${quote(live)}.projection_checkpoints (projection, commit_position, prepare_position, updated_at)
           values ($1, $2, $3, now())
           on conflict (projection) do update set commit_position = excluded.commit_position,
             prepare_position = excluded.prepare_position, updated_at = excluded.updated_at`,
          [projection.name, rebuilt.commit.toString(), rebuilt.prepare.toString()],
        );
        // Other rows now serve: caches keyed on the version must not answer from the old ones.
        await checkpoints.bumpVersion(tx, projection.name, live);
      }
    });
    const swapMs = performance.now() - started;
    await serving.query(`drop schema if exists ${quote(retired)} cascade`);
    return { projections: projections.map((p) => p.name), tables, swapMs };
  } finally {
    await shadowModels.destroy();
    await serving.query(`drop schema if exists ${quote(shadow)} cascade`).catch(() => undefined);
  }
}
