import {
  CONSENT_STATES,
  CONTACT_OUTCOMES,
  CONTACT_TYPES,
  DATE_PRECISIONS,
  IDENTIFIER_SCHEMES,
  INCIDENT_KINDS,
  LAWFUL_BASES,
  MEETING_KINDS,
  PLAN_KINDS,
  REFERRAL_OUTCOMES,
  RELATIONS,
  SEVERITIES,
  SOURCES,
  SUBJECT_KINDS,
  parseRiskCategory,
  type EntryRef,
  type OccurredAt,
  type RiskCategory,
} from '@casetrail/domain';
import { z } from 'zod';

/** Ids agencies and the platform use: no spaces, no separators that would break stream names. */
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/, 'must be 1-100 letters, digits, _ . / or -');
const agencyId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a registered agency id (a-z, 0-9, _ and -)');

/** `agency:entry_id`, or a bare `entry_id` of the writing agency (resolved later). */
export const entryRefText = z
  .string()
  .regex(/^([a-z0-9][a-z0-9_-]{0,62}:)?[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/, 'must be entry_id or agency:entry_id');

const riskCategory = z.string().transform((value, ctx): RiskCategory => {
  const category = parseRiskCategory(value);
  if (!category) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a risk category id or census code` });
    return z.NEVER;
  }
  return category;
});

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A date as agencies know it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, optionally a time, with its precision. */
export const occurredSchema = z
  .object({
    date: z.string().regex(DATE, 'must be YYYY-MM-DD, YYYY-MM or YYYY'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').optional(),
    precision: z.enum(DATE_PRECISIONS).optional(),
  })
  .transform((value, ctx): OccurredAt => {
    const [, year, month = '01', day = '01'] = DATE.exec(value.date)!;
    const at = new Date(`${year}-${month}-${day}T${value.time ?? '00:00'}:00.000Z`);
    if (Number.isNaN(at.getTime()) || at.getUTCMonth() + 1 !== Number(month) || at.getUTCDate() !== Number(day)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: `${value.date} is not a date in the calendar` });
      return z.NEVER;
    }
    const implied = value.date.length === 4 ? 'year' : value.date.length === 7 ? 'month' : 'day';
    return { at: at.toISOString(), precision: value.precision ?? implied };
  });

export const commonEntrySchema = z.object({
  entryId: id,
  /** Optional: the token says who writes; a different agency here is refused. */
  agency: agencyId.optional(),
  subjects: z.array(id).min(1).max(20),
  occurred: occurredSchema,
  recordedAt: z.iso.datetime({ offset: true }).optional(),
  source: z.enum(SOURCES).optional(),
  summary: z.string().max(10_000).optional(),
  variantOf: entryRefText.optional(),
  practitionerRef: z.string().max(100).optional(),
});

const categories = z.array(riskCategory).max(25).default([]);

/** One schema per kind of entry: the URL segment, and the fields beyond the common ones. */
export const ENTRY_KINDS = {
  person: z.object({ kind: z.enum(SUBJECT_KINDS) }),
  'local-identifier': z.object({ scheme: z.enum(IDENTIFIER_SCHEMES), value: z.string().min(1).max(64) }),
  relationship: z.object({ related: id, relation: z.enum(RELATIONS) }),
  'relationship-ended': z.object({ related: id, relation: z.enum(RELATIONS) }),
  'involvement-opened': z.object({ lead: z.boolean().default(false) }),
  'involvement-closed': z.object({ reason: z.string().max(1000).optional() }),
  contact: z.object({
    contactType: z.enum(CONTACT_TYPES),
    childSeen: z.boolean().nullable().default(null),
    outcome: z.enum(CONTACT_OUTCOMES).default('completed'),
  }),
  concern: z.object({ categories: z.array(riskCategory).min(1).max(25), severity: z.enum(SEVERITIES) }),
  referral: z.object({ to: agencyId.optional(), categories }),
  'referral-outcome': z.object({ refersTo: entryRefText, outcome: z.enum(REFERRAL_OUTCOMES) }),
  'information-shared': z.object({
    to: agencyId,
    about: z.array(entryRefText).max(100).default([]),
    categories,
    lawfulBasis: z.enum(LAWFUL_BASES).default('not_recorded'),
    // The chronology format has no consent column, so imported rows take this default too.
    consent: z.enum(CONSENT_STATES).default('not_recorded'),
  }),
  /** A decision not to share is an entry too: with whom, about what, and why not. */
  'information-not-shared': z.object({
    to: agencyId,
    about: z.array(entryRefText).max(100).default([]),
    categories,
    reason: z.string().trim().min(1).max(1000),
    consent: z.enum(CONSENT_STATES).default('not_recorded'),
  }),
  'information-request': z.object({ to: agencyId, categories }),
  'information-response': z.object({
    refersTo: entryRefText,
    response: z.enum(['disclosed', 'declined']),
    reason: z.string().max(1000).optional(),
  }),
  'risk-assessment': z.object({ riskLevel: z.enum(SEVERITIES), categoriesConsidered: categories }),
  meeting: z.object({ kind: z.enum(MEETING_KINDS), invited: z.array(agencyId).max(50), attended: z.array(agencyId).max(50) }),
  'plan-started': z.object({ plan: z.enum(PLAN_KINDS) }),
  'plan-ended': z.object({ plan: z.enum(PLAN_KINDS) }),
  'serious-incident': z.object({ kind: z.enum(INCIDENT_KINDS) }),
  'identity-link': z.object({}),
  'identity-unlink': z.object({ reason: z.string().max(1000).optional() }),
  correction: z.object({ refersTo: entryRefText, changes: z.record(z.string(), z.unknown()), reason: z.string().min(1).max(1000) }),
  retraction: z.object({ refersTo: entryRefText, reason: z.string().min(1).max(1000) }),
} as const;

export type EntryKind = keyof typeof ENTRY_KINDS;
export const ENTRY_KIND_NAMES = Object.keys(ENTRY_KINDS) as EntryKind[];

export function isEntryKind(value: string): value is EntryKind {
  return Object.hasOwn(ENTRY_KINDS, value);
}

export type CommonEntryRequest = z.output<typeof commonEntrySchema>;
export type EntryRequest<K extends EntryKind> = CommonEntryRequest & z.output<(typeof ENTRY_KINDS)[K]>;

/** Validates a request body of a kind; throws the ZodError naming every field at fault. */
export function parseEntryRequest<K extends EntryKind>(kind: K, body: unknown): EntryRequest<K> {
  return schemaOf(kind).parse(body) as EntryRequest<K>;
}

/** Built once per kind: building a zod schema costs far more than using it (imports parse millions). */
const schemas = new Map<EntryKind, z.ZodType>();
function schemaOf(kind: EntryKind): z.ZodType {
  let schema = schemas.get(kind);
  if (!schema) {
    schema = commonEntrySchema.extend(ENTRY_KINDS[kind].shape).strict();
    schemas.set(kind, schema);
  }
  return schema;
}

export function resolveEntryRef(text: string, writer: string): EntryRef {
  const at = text.indexOf(':');
  return at < 0 ? { agency: writer, entryId: text } : { agency: text.slice(0, at), entryId: text.slice(at + 1) };
}
