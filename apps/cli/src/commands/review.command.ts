import { DomainError, REVIEW_KINDS, streams } from '@casetrail/domain';
import { ReviewService, type ReviewContext } from '@casetrail/recording';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { UsageError, withPlatform, type CliContext } from '../cli-context';

/** The local operator acts as an administrator of the deployment. */
const context = (): ReviewContext => {
  const actor = { agencyId: 'operator', role: 'administrator' };
  return { actor, metadata: { actor: { system: 'casetrail-cli', role: 'administrator' } }, now: new Date() };
};

function usage(error: unknown): never {
  if (error instanceof ZodError) throw new UsageError(error.issues.map((i) => `${i.path.join('.') || 'argument'} ${i.message}`).join('; '));
  throw error;
}

export function registerReviewCommands(program: Command, out: CliContext): void {
  const review = program.command('review').description('open reviews and assign reviewers (as the local operator)');
  review
    .command('open <id>')
    .description('open a review of one or more children over a period')
    .requiredOption('--kind <kind>', Object.keys(REVIEW_KINDS).join(', '))
    .requiredOption('--title <title>', 'a short title (no personal details: it shows in lists)')
    .requiredOption('--child <ids>', 'subject ids of the children, comma-separated')
    .requiredOption('--from <date>', 'start of the review period (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'end of the review period (YYYY-MM-DD)')
    .action((id: string, options: { kind: string; title: string; child: string; from: string; to: string }) =>
      withPlatform(out, async (platform) => {
        const children = options.child.split(',').map((c) => c.trim()).filter(Boolean);
        for (const child of children) {
          if ((await platform.store.readStream(streams.subject(child), { limit: 1 })).length === 0) throw new DomainError('SUBJECT.NOT_FOUND', `No subject ${child}`, 'children');
        }
        const result = await new ReviewService(platform.store)
          .open({ reviewId: id, kind: options.kind, title: options.title, children, period: { from: options.from, to: options.to } }, context())
          .catch(usage);
        out.out(result.alreadyApplied ? `Review ${id} was already open.` : `Opened review ${id}.`);
      }),
    );
  review
    .command('assign <id> <agency>')
    .description("assign a reviewer: an agency's review function, or a named practitioner of it")
    .option('--practitioner <ref>', "the practitioner's reference in their agency")
    .action((id: string, agency: string, options: { practitioner?: string }) =>
      withPlatform(out, async (platform) => {
        const body = { agencyId: agency, ...(options.practitioner && { practitionerRef: options.practitioner }) };
        const result = await new ReviewService(platform.store).assign(id, body, context()).catch(usage);
        out.out(result.alreadyApplied ? `${agency} was already assigned to ${id}.` : `Assigned ${agency} to ${id}.`);
      }),
    );
}
