import { issueToken, loadTokenSecret, parseLifetime, ROLES, type Role } from '@casetrail/access';
import { loadConfig } from '@casetrail/config';
import { Option, type Command } from 'commander';
import { UsageError, type CliContext } from '../cli-context';

interface TokenOptions {
  readonly agency: string;
  readonly role: Role;
  readonly practitionerRef?: string;
  readonly expiresIn: string;
}

export function registerToken(program: Command, context: CliContext): void {
  program
    .command('token')
    .description('print a bearer token signed with the server’s key')
    .requiredOption('--agency <id>', 'the agency the token acts for')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--practitioner-ref <ref>', 'the practitioner’s reference in their own agency’s system, for the audit trail')
    .option('--expires-in <lifetime>', 'how long the token lives: 90s, 15m, 8h, 7d', '8h')
    .addHelpText(
      'after',
      '\nThe token alone is printed on stdout, for `Authorization: Bearer <token>`.\n' +
        'The key is JWT_SECRET, or in embedded mode DATA_DIR/jwt-secret (created if missing); the\n' +
        'database is not opened, so this works while the server runs. Whoever can read the key can\n' +
        'mint any token: keep it as private as the data.',
    )
    // No platform: the token needs only the key, and the embedded database may be held by the server.
    .action(async (options: TokenOptions) => {
      if (options.agency.trim() === '') throw new UsageError('--agency must not be empty');
      if (options.practitionerRef?.trim() === '') throw new UsageError('--practitioner-ref must not be empty');
      const lifetime = parseLifetime(options.expiresIn);
      if (lifetime === undefined) throw new UsageError(`--expires-in must be a lifetime such as 90s, 15m, 8h or 7d (got "${options.expiresIn}")`);

      const config = loadConfig(context.env, { needsTokenKey: true });
      const token = await issueToken(
        { agencyId: options.agency.trim(), role: options.role, ...(options.practitionerRef !== undefined ? { practitionerRef: options.practitionerRef.trim() } : {}) },
        { secret: loadTokenSecret(config.tokenKey), expiresIn: lifetime },
      );
      context.out(token);
    });
}
