import { formatEntryRef, streams } from '@casetrail/domain';
import { importChronology, registerAgency, ReviewService } from '@casetrail/recording';
import { casesCsv, generateCases, SYNTHETIC_AGENCIES, type SyntheticCase } from '@casetrail/synthetic';
import type { Command } from 'commander';
import { Readable } from 'node:stream';
import { withPlatform, type CliContext } from '../cli-context';

/** The review team the demo reviewer belongs to (a principal's agency need not record entries). */
export const DEMO_REVIEWER_AGENCY = 'syn-partnership';
export const DEMO_REVIEW = 'DEMO-RR-1';
const SEED = 20_240_601;

/**
 * Loads the demo set: the synthetic county's agencies, generated cases with one injected pattern
 * per detection rule plus clean controls, and a rapid review of them assigned to a demo reviewer.
 * Every id is derived from the seed, so running it again appends nothing.
 */
export function registerDemo(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('load synthetic demo cases into the store (embedded by default) and print where to look')
    .action(() =>
      withPlatform(context, async (platform) => {
        const generated = generateCases({ seed: SEED, injected: 12, controls: 4, caseIdPrefix: 'demo' });
        for (const agency of SYNTHETIC_AGENCIES) {
          await registerAgency(platform.store, { agencyId: agency.id, name: agency.name, kind: agency.kind }, { actor: { system: 'casetrail-cli demo' } });
        }
        const summary = await importChronology(platform.store, Readable.from([casesCsv(generated.cases)]), {
          file: 'demo-cases.csv',
          metadata: { actor: { system: 'casetrail-cli demo' } },
        });
        const children = generated.cases.map((c) => c.child);
        const dates = generated.cases.flatMap((c) => c.rows.map((r) => r.occurred.date.padEnd(10, '-01').slice(0, 10)));
        const reviews = new ReviewService(platform.store);
        const actor = { actor: { agencyId: 'operator', role: 'administrator' }, metadata: { actor: { system: 'casetrail-cli demo' } } };
        const exists = (await platform.store.readStream(streams.review(DEMO_REVIEW), { limit: 1 })).length > 0;
        if (!exists) {
          await reviews.open(
            {
              reviewId: DEMO_REVIEW,
              kind: 'rapid_review',
              title: 'Demo rapid review (synthetic cases)',
              children,
              period: { from: dates.reduce((a, b) => (a < b ? a : b)), to: dates.reduce((a, b) => (a > b ? a : b)) },
            },
            { ...actor, now: new Date() },
          );
          await reviews.assign(DEMO_REVIEW, { agencyId: DEMO_REVIEWER_AGENCY }, { ...actor, now: new Date() });
        }
        if (platform.embedded) await platform.engine.catchUp();
        for (const line of instructions(generated.cases, summary.appended, summary.alreadyPresent)) context.out(line);
      }),
    );
}

function instructions(cases: readonly SyntheticCase[], appended: number, present: number): string[] {
  const story = cases.find((c) => c.truth.some((t) => t.rule === 'unchecked-household-member' && t.note.includes('police'))) ??
    cases.find((c) => c.truth.length > 0)!;
  const pattern = story.truth[0];
  return [
    `Demo loaded: ${cases.length} synthetic children, ${appended} entries appended (${present} already present).`,
    `Review ${DEMO_REVIEW} covers all of them; its reviewer is agency ${DEMO_REVIEWER_AGENCY}.`,
    '',
    `Start here: child ${story.child} - ${pattern.note}`,
    `  evidence: ${pattern.evidence.map((e) => formatEntryRef(e)).join(', ')}`,
    '',
    'Look at it:',
    `  npm run cli -- timeline ${story.child}`,
    `  npm run cli -- flags ${story.child}`,
    `  npm run cli -- export ${DEMO_REVIEW} --format html --out demo-chronology.html`,
    '',
    'Or over HTTP: npm start, then in another terminal',
    `  TOKEN=$(npm run -s cli -- token --agency ${DEMO_REVIEWER_AGENCY} --role reviewer)`,
    `  curl -H "Authorization: Bearer $TOKEN" http://localhost:3000/children/${story.child}/flags`,
    '  and the API documentation at http://localhost:3000/docs',
    '',
    'Other children and the pattern injected into each:',
    ...cases.map((c) => `  ${c.child}: ${c.control ? 'control (no pattern)' : c.truth.map((t) => t.rule).join(', ')}`),
  ];
}
