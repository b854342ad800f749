import { formatEntryRef } from '@casetrail/domain';
import { DEMO_REVIEW, DEMO_REVIEWER_AGENCY, loadDemoSet } from '@casetrail/recording';
import type { SyntheticCase } from '@casetrail/synthetic';
import type { Command } from 'commander';
import { withPlatform, type CliContext } from '../cli-context';

export { DEMO_REVIEW, DEMO_REVIEWER_AGENCY } from '@casetrail/recording';

/**
 * Loads the demo set (`loadDemoSet`: the synthetic county's agencies, a case per detection rule
 * plus clean controls, and review DEMO-RR-1 assigned to a demo reviewer) and prints where to look.
 * Every id is derived from a seed, so running it again appends nothing.
 */
export function registerDemo(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('load synthetic demo cases into the store (embedded by default) and print where to look')
    .action(() =>
      withPlatform(context, async (platform) => {
        const loaded = await loadDemoSet(platform.store, 'casetrail-cli demo');
        if (platform.embedded) await platform.engine.catchUp();
        for (const line of instructions(loaded.cases, loaded.appended, loaded.alreadyPresent)) context.out(line);
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
