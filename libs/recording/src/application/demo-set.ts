import { streams } from '@casetrail/domain';
import type { EventStore } from '@casetrail/event-store';
import { casesCsv, generateCases, SYNTHETIC_AGENCIES, type SyntheticCase } from '@casetrail/synthetic';
import { Readable } from 'node:stream';
import { importChronology } from '../import/import-chronology';
import { registerAgency } from './register-agency';
import { ReviewService } from './reviews';

/** The review team the demo reviewer belongs to (a principal's agency need not record entries). */
export const DEMO_REVIEWER_AGENCY = 'syn-partnership';
export const DEMO_REVIEW = 'DEMO-RR-1';
const SEED = 20_240_601;

export interface DemoSetLoaded {
  readonly cases: readonly SyntheticCase[];
  readonly appended: number;
  readonly alreadyPresent: number;
}

/**
 * The demo set: the synthetic county's agencies, generated cases with one injected pattern per
 * detection rule plus clean controls, and a rapid review of them assigned to a demo reviewer.
 * Every id is derived from the seed, so loading it again appends nothing. Used by `casetrail demo`
 * and by the workbench's demo sign-in (embedded mode) on an empty store.
 */
export async function loadDemoSet(store: EventStore, system: string, now: () => Date = () => new Date()): Promise<DemoSetLoaded> {
  const generated = generateCases({ seed: SEED, injected: 12, controls: 4, caseIdPrefix: 'demo' });
  for (const agency of SYNTHETIC_AGENCIES) {
    await registerAgency(store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, { actor: { system } });
  }
  const summary = await importChronology(store, Readable.from([casesCsv(generated.cases)]), {
    file: 'demo-cases.csv',
    metadata: { actor: { system } },
  });
  const children = generated.cases.map((c) => c.child);
  const dates = generated.cases.flatMap((c) => c.rows.map((r) => r.occurred.date.padEnd(10, '-01').slice(0, 10)));
  const reviews = new ReviewService(store);
  const actor = { actor: { agencyId: 'operator', role: 'administrator' }, metadata: { actor: { system } } };
  const exists = (await store.readStream(streams.review(DEMO_REVIEW), { limit: 1 })).length > 0;
  if (!exists) {
    await reviews.open(
      {
        reviewId: DEMO_REVIEW,
        kind: 'rapid_review',
        title: 'Demo rapid review (synthetic cases)',
        children,
        period: { from: dates.reduce((a, b) => (a < b ? a : b)), to: dates.reduce((a, b) => (a > b ? a : b)) },
      },
      { ...actor, now: now() },
    );
    await reviews.assign(DEMO_REVIEW, { agencyId: DEMO_REVIEWER_AGENCY }, { ...actor, now: now() });
  }
  return { cases: generated.cases, appended: summary.appended, alreadyPresent: summary.alreadyPresent };
}
