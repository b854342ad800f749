import { detectFlags, formatEntryRef, type Flag } from '@casetrail/domain';
import type { Platform } from '@casetrail/platform';
import {
  checkTimelineFilter,
  exportReviewChronology,
  ReviewsReader,
  reviewTimelines,
  TimelineReader,
  timelineView,
  type TimelineEntryView,
  type TimelinePerspective,
} from '@casetrail/projections';
import { AuditTrail, checkPurpose } from '@casetrail/access';
import type { ReadResource } from '@casetrail/domain';
import type { Command } from 'commander';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { UsageError, withPlatform, type CliContext } from '../cli-context';
import { formatTable } from './format-table';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (value?: string) => (value ? value.split(',').map((v) => v.trim()).filter(Boolean) : undefined);

/**
 * The reviewer's commands: a child's timeline (or one agency's knowledge of it on a date) and its
 * flags, as a table or as JSON whose entries carry the agencies' own entry ids, so results can be
 * checked line by line against the imported chronologies.
 */
export function registerReviewerCommands(program: Command, context: CliContext): void {
  program
    .command('timeline <child>')
    .description("print a child's integrated multi-agency timeline, or what one agency knew on a date")
    .option('--as-known-by <agency>', 'only what this agency recorded or was told (with --as-of)')
    .option('--as-of <date>', 'the date of the knowledge view (YYYY-MM-DD)')
    .option('--as-recorded-by <date>', 'what the whole system held on that date')
    .option('--agency <ids>', 'only these agencies (comma-separated)')
    .option('--type <types>', 'only these entry types (comma-separated, as in the chronology format)')
    .option('--category <categories>', 'only entries with these risk categories (ids or census codes)')
    .option('--from <date>', 'occurred on or after (YYYY-MM-DD)')
    .option('--to <date>', 'occurred on or before (YYYY-MM-DD)')
    .option('--json', 'print JSON (entries carry the agencies’ own entry ids)')
    .option('--purpose <id>', 'why the record is read, for the audit trail', OPERATOR_PURPOSE)
    .option('--operator <ref>', 'who is reading, for the audit trail (default: the OS user name)')
    .action((child: string, options: TimelineOptions & AuditOptions) =>
      withPlatform(context, async (platform, config) => {
        const perspective = perspectiveOf(options);
        const filter = checkTimelineFilter({
          agencies: list(options.agency),
          types: list(options.type),
          categories: list(options.category),
          from: options.from,
          to: options.to,
        });
        const timeline = await readTimeline(platform, child);
        await auditRead(platform, config.breakGlassMinutes, options, perspective.kind === 'integrated' ? 'timeline' : perspective.kind === 'known-by' ? 'knowledge-view' : 'recorded-by-view', [timeline.child]);
        const view = timelineView(timeline, perspective, filter);
        if (options.json) return context.out(JSON.stringify(view, null, 2));
        context.out(`${describe(perspective, view.child)}: ${view.entries.length} entries${view.retracted.length ? `, ${view.retracted.length} retracted (see --json)` : ''}`);
        for (const line of formatTable(['date', 'agency', 'entry', 'type', 'what', 'notes'], view.entries.map(row))) context.out(line);
      }),
    );

  program
    .command('flags <child>')
    .description("print the missed-sharing and practice flags on a child's timeline")
    .option('--as-of <date>', 'evaluate as on this date (YYYY-MM-DD; default today)')
    .option('--json', 'print JSON (evidence carries the agencies’ own entry ids)')
    .option('--purpose <id>', 'why the record is read, for the audit trail', OPERATOR_PURPOSE)
    .option('--operator <ref>', 'who is reading, for the audit trail (default: the OS user name)')
    .action((child: string, options: { asOf?: string; json?: boolean } & AuditOptions) =>
      withPlatform(context, async (platform, config) => {
        if (options.asOf !== undefined && !DATE.test(options.asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${options.asOf}"`);
        const timeline = await readTimeline(platform, child);
        await auditRead(platform, config.breakGlassMinutes, options, 'flags', [timeline.child]);
        const asOf = options.asOf ?? new Date().toISOString();
        const flags = detectFlags(timeline, config.detection, asOf);
        if (options.json) return context.out(JSON.stringify({ child: timeline.child, asOf, flags }, null, 2));
        context.out(`${flags.length} flag${flags.length === 1 ? '' : 's'} on ${timeline.child}`);
        for (const line of formatTable(['due', 'rule', 'theme', 'agencies', 'evidence', 'delay'], flags.map(flagRow))) context.out(line);
        for (const flag of flags) context.out(`- ${flag.rule}: ${flag.explanation}`);
      }),
    );
}

/** `casetrail export <review>`: the review's integrated chronology as CSV, printable HTML or JSON. */
export function registerExport(program: Command, context: CliContext): void {
  program
    .command('export <review>')
    .description("export a review's integrated multi-agency chronology (its children, within its period)")
    .requiredOption('--format <format>', 'csv, html or json')
    .option('--agency <ids>', 'only entries these agencies recorded (comma-separated)')
    .option('--from <date>', 'from this date (YYYY-MM-DD), within the review period')
    .option('--to <date>', 'to this date (YYYY-MM-DD), within the review period')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--purpose <id>', 'why the chronology is exported, for the audit trail (default: review:<id>)')
    .option('--operator <ref>', 'who is exporting, for the audit trail (default: the OS user name)')
    .action((reviewId: string, options: { format: string; agency?: string; from?: string; to?: string; out?: string } & Partial<AuditOptions>) =>
      withPlatform(context, async (platform, config) => {
        const { format } = options;
        if (format !== 'csv' && format !== 'html' && format !== 'json') throw new UsageError(`--format must be csv, html or json, not "${format}"`);
        for (const [flag, value] of [['--from', options.from], ['--to', options.to]] as const) {
          if (value !== undefined && !DATE.test(value)) throw new UsageError(`${flag} must be a date YYYY-MM-DD, not "${value}"`);
        }
        if (platform.embedded) await platform.engine.catchUp();
        const db = platform.readModels.manager;
        const review = await new ReviewsReader(db).get(reviewId);
        if (!review) throw new UsageError(`No review ${reviewId}`);
        await auditRead(platform, config.breakGlassMinutes, { ...options, purpose: options.purpose ?? `review:${reviewId}` }, 'chronology-export', review.children, reviewId);
        const text = exportReviewChronology(review, await reviewTimelines(db, review), config.detection, format, {
          agencies: list(options.agency),
          from: options.from,
          to: options.to,
        });
        if (options.out) {
          writeFileSync(options.out, text);
          context.err(`Wrote ${options.out}`);
        } else {
          context.out(text.trimEnd());
        }
      }),
    );
}

/** The default purpose of the local operator's reads. */
const OPERATOR_PURPOSE = 'operator';

interface AuditOptions {
  purpose: string;
  operator?: string;
}

/**
 * The local operator's reads are audited like any other (channel `cli`, role `operator`), before
 * anything is printed; a read that cannot be recorded is not made.
 */
async function auditRead(platform: Platform, breakGlassMinutes: number, options: AuditOptions, resource: ReadResource, children: readonly string[], reviewId?: string): Promise<void> {
  let purpose: string | undefined;
  try {
    purpose = checkPurpose(options.purpose, '--purpose');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const operator = options.operator ?? userInfo().username;
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/.test(operator)) throw new UsageError('--operator must be a reference: letters, digits and . _ @ - (at most 100)');
  await new AuditTrail(platform.store, breakGlassMinutes).recordRead({
    reader: { agencyId: 'local-operator', role: 'operator', practitionerRef: operator },
    resource,
    children,
    purpose: purpose ?? OPERATOR_PURPOSE,
    ...(reviewId !== undefined && { reviewId }),
    channel: 'cli',
    correlationId: randomUUID(),
  });
}

interface TimelineOptions {
  asKnownBy?: string;
  asOf?: string;
  asRecordedBy?: string;
  agency?: string;
  type?: string;
  category?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

function perspectiveOf(options: TimelineOptions): TimelinePerspective {
  for (const [flag, value] of [
    ['--as-of', options.asOf],
    ['--as-recorded-by', options.asRecordedBy],
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (value !== undefined && !DATE.test(value)) throw new UsageError(`${flag} must be a date YYYY-MM-DD, not "${value}"`);
  }
  if (options.asKnownBy && options.asRecordedBy) throw new UsageError('--as-known-by and --as-recorded-by are two different views; give one');
  if (options.asKnownBy) {
    if (!options.asOf) throw new UsageError('--as-known-by needs --as-of <date>');
    return { kind: 'known-by', agency: options.asKnownBy, asOf: options.asOf };
  }
  if (options.asOf) throw new UsageError('--as-of goes with --as-known-by');
  return options.asRecordedBy ? { kind: 'recorded-by', asOf: options.asRecordedBy } : { kind: 'integrated' };
}

/**
 * Embedded, nothing else can be projecting (the data directory is this process's), so bring the
 * read models up to date first; on a server the projector keeps them current.
 */
async function readTimeline(platform: Platform, child: string) {
  if (platform.embedded) await platform.engine.catchUp();
  const timeline = await new TimelineReader(platform.readModels.manager).childTimeline(child);
  if (!timeline) throw new UsageError(`No child ${child} is known`);
  return timeline;
}

function describe(perspective: TimelinePerspective, child: string): string {
  switch (perspective.kind) {
    case 'integrated':
      return `Integrated timeline of ${child}`;
    case 'known-by':
      return `What ${perspective.agency} knew about ${child} on ${perspective.asOf}`;
    case 'recorded-by':
      return `What was recorded about ${child} by ${perspective.asOf}`;
  }
}

function dateOf(entry: TimelineEntryView): string {
  const day = entry.occurred.at.slice(0, 10);
  switch (entry.occurred.precision) {
    case 'month':
      return day.slice(0, 7);
    case 'year':
      return day.slice(0, 4);
    case 'approximate':
      return `c. ${day}`;
    default:
      return day;
  }
}

function what(entry: TimelineEntryView): string {
  const d = entry.details as Record<string, unknown>;
  const parts = [d.severity, d.outcome, d.response, d.riskLevel, d.contactType, d.kind, d.relation, d.to ? `to ${String(d.to)}` : undefined]
    .concat(Array.isArray(d.categories) ? [(d.categories as string[]).join(';')] : [])
    .filter((p) => p !== undefined && p !== null && p !== '');
  return parts.map(String).join(' ').slice(0, 60);
}

function row(entry: TimelineEntryView): string[] {
  const notes = [
    entry.corrected ? 'corrected' : '',
    entry.householdAdult ? `household adult ${entry.householdAdult}` : '',
    entry.variantGroup ? `variant of ${entry.variantGroup}` : '',
    entry.known && entry.known.via !== 'recorded' ? `${entry.known.via}${entry.known.through ? ` by ${formatEntryRef(entry.known.through.entry)}` : ''}` : '',
  ].filter(Boolean);
  return [dateOf(entry), entry.entry.agency, entry.entry.entryId, entry.type, what(entry), notes.join('; ')];
}

function flagRow(flag: Flag): string[] {
  return [
    (flag.dueBy ?? flag.at).slice(0, 10),
    flag.rule,
    flag.theme,
    flag.agencies.join(','),
    flag.evidence.map((e) => formatEntryRef(e.entry)).join(' '),
    flag.delayDays !== undefined ? `${flag.delayDays} days late` : (flag.missing ?? ''),
  ];
}
