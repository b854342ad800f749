import { AGENCY_KINDS } from '@casetrail/domain';
import { registerAgency } from '@casetrail/recording';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { UsageError, withPlatform, type CliContext } from '../cli-context';

export function registerAgencyCommands(program: Command, context: CliContext): void {
  const agency = program.command('agency').description('register the agencies that may record entries');
  agency
    .command('add <id>')
    .description('register an agency (as the local operator); re-running it unchanged does nothing')
    .requiredOption('--kind <kind>', `one of ${AGENCY_KINDS.join(', ')}`)
    .requiredOption('--name <name>', 'the agency’s name')
    .action((id: string, options: { kind: string; name: string }) =>
      withPlatform(context, async (platform) => {
        try {
          const result = await registerAgency(platform.store, { agencyId: id, name: options.name, kind: options.kind }, { actor: { system: 'casetrail-cli' } });
          context.out(result.alreadyApplied ? `Agency ${id} was already registered.` : `Registered agency ${id} (${options.kind}).`);
        } catch (error) {
          if (error instanceof ZodError) {
            const argument: Record<string, string> = { agencyId: '<id>', kind: '--kind', name: '--name' };
            throw new UsageError(error.issues.map((i) => `${argument[String(i.path[0])] ?? i.path.join('.')} ${i.message}`).join('; '));
          }
          throw error;
        }
      }),
    );
}
