import { DomainError } from '@casetrail/domain';
import { SubjectPrivacy, type PrivacyRequest } from '@casetrail/platform';
import type { Command } from 'commander';
import { UsageError, withPlatform, type CliContext } from '../cli-context';

/** The local operator acts as the platform's administrator; the log records it as the CLI. */
const OPERATOR = { agencyId: 'casetrail-cli', role: 'administrator' };

export function registerErasureCommands(program: Command, context: CliContext): void {
  program
    .command('erase <subject>')
    .description("erase a subject's personal data (names, free text, identifiers) by destroying its key; the log stays intact")
    .requiredOption('--reason <reason>', 'why (a request or order reference); kept in the log, so no personal details')
    .action((subject: string, options: { reason: string }) =>
      withPlatform(context, async (platform) => {
        const outcome = await run(() => new SubjectPrivacy(platform.store, platform.readModels).erase(request(subject, options.reason)));
        context.out(outcome.changed ? `Erased subject ${subject}.` : `Subject ${subject} was already erased.`);
        if (outcome.linkedSubjects.length > 0) {
          context.out(`Linked records of the same person, not erased: ${outcome.linkedSubjects.join(', ')}`);
        }
      }),
    );

  const hold = program.command('legal-hold').description('legal holds: a held subject cannot be erased');
  hold
    .command('place <subject>')
    .requiredOption('--reason <reason>', 'why (an order reference); kept in the log')
    .action((subject: string, options: { reason: string }) =>
      withPlatform(context, async (platform) => {
        const outcome = await run(() => new SubjectPrivacy(platform.store).placeLegalHold(request(subject, options.reason)));
        context.out(outcome.changed ? `Legal hold placed on ${subject}.` : `Subject ${subject} was already held.`);
      }),
    );
  hold
    .command('lift <subject>')
    .requiredOption('--reason <reason>', 'why; kept in the log')
    .action((subject: string, options: { reason: string }) =>
      withPlatform(context, async (platform) => {
        await run(() => new SubjectPrivacy(platform.store).liftLegalHold(request(subject, options.reason)));
        context.out(`Legal hold on ${subject} lifted.`);
      }),
    );
}

function request(subjectId: string, reason: string): PrivacyRequest {
  return { subjectId, reason, by: OPERATOR, correlationId: `cli-${process.pid}` };
}

/** A refusal (a hold, an unknown subject, no reason) is the operator's to fix: its message, exit code 1, no stack. */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new UsageError(`${error.code}: ${error.message}`);
    throw error;
  }
}
