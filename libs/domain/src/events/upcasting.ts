import { informationSharedV1toV2 } from './information-shared.upcaster';
import type { CasetrailEvent, CasetrailEventType } from './index';

/** An event as the log keeps it: its type name, the version of its data's shape, and the data. */
export interface StoredEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * One step of a changed shape: the data of version `from` of an event type as version `from + 1`
 * would hold it. Pure (no clock, no ids, no I/O), so every reader of the log upcasts alike and a
 * rebuild gives the same read models.
 */
export interface Upcaster<Old extends StoredEvent = StoredEvent, New extends StoredEvent = StoredEvent> {
  readonly type: Old['type'] & New['type'];
  readonly from: Old['schemaVersion'];
  up(data: Old['data']): New['data'];
}

/**
 * The log holds a version this build cannot read: written by a newer build, or never defined.
 * Not a rule a command broke but a deployment fault, so its code maps to no client status.
 */
export class UnknownSchemaVersion extends Error {
  readonly code = 'EVENT.SCHEMA_VERSION.UNKNOWN';

  constructor(
    readonly type: string,
    readonly schemaVersion: number,
    readonly latest: number,
  ) {
    super(
      schemaVersion > latest
        ? `${type} version ${schemaVersion} is newer than this build reads (up to version ${latest}): upgrade before reading this log`
        : `${type} version ${schemaVersion} is not a version this build knows (1 to ${latest})`,
    );
    this.name = 'UnknownSchemaVersion';
  }
}

/**
 * Upcasters keyed by event type and the version they start from. `upcast` runs them in sequence
 * up to the latest version of the type; types it has no latest version for (events of other
 * systems or of tests in the same log) pass through untouched.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  constructor(
    private readonly latest: Readonly<Record<string, number>>,
    upcasters: readonly Upcaster[],
  ) {
    for (const step of upcasters) {
      const key = stepKey(step.type, step.from);
      if (this.steps.has(key)) throw new Error(`Two upcasters of ${step.type} from version ${step.from}`);
      const last = latest[step.type];
      if (last === undefined || step.from < 1 || step.from >= last) {
        throw new Error(`An upcaster of ${step.type} from version ${step.from} leads past its latest version (${last ?? 'none'})`);
      }
      this.steps.set(key, step);
    }
    // A gap would only show when an old event is read, perhaps months later: refuse it up front.
    for (const [type, last] of Object.entries(latest)) {
      for (let from = 1; from < last; from++) {
        if (!this.steps.has(stepKey(type, from))) throw new Error(`No upcaster of ${type} from version ${from} to ${from + 1}`);
      }
    }
  }

  /** The event at the latest version of its type; the event itself when it already is. */
  upcast(event: StoredEvent): StoredEvent {
    const last = this.latest[event.type];
    if (last === undefined || event.schemaVersion === last) return event;
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1 || event.schemaVersion > last) {
      throw new UnknownSchemaVersion(event.type, event.schemaVersion, last);
    }
    let data = event.data;
    for (let from = event.schemaVersion; from < last; from++) data = this.steps.get(stepKey(event.type, from))!.up(data);
    return { type: event.type, schemaVersion: last, data };
  }
}

function stepKey(type: string, from: number): string {
  return `${type}@${from}`;
}

/**
 * The latest schema version of every event type. Typed against the event unions, so a type whose
 * `schemaVersion` changes does not compile until this table (and so an upcaster) follows it.
 */
export const SCHEMA_VERSIONS: { readonly [K in CasetrailEventType]: Extract<CasetrailEvent, { type: K }>['schemaVersion'] } = {
  AgencyRegistered: 1,
  PersonRegistered: 1,
  LocalIdentifierRecorded: 1,
  SubjectsLinked: 1,
  SubjectsUnlinked: 1,
  InvolvementOpened: 1,
  InvolvementClosed: 1,
  ContactRecorded: 1,
  ConcernRecorded: 1,
  ReferralMade: 1,
  InformationShared: 2,
  InformationNotShared: 1,
  InformationRequested: 1,
  RiskAssessmentCompleted: 1,
  MeetingHeld: 1,
  RelationshipRecorded: 1,
  RelationshipEnded: 1,
  PlanStarted: 1,
  PlanEnded: 1,
  SeriousIncidentNotified: 1,
  ReferralOutcomeRecorded: 1,
  InformationRequestAnswered: 1,
  EntryCorrected: 1,
  EntryRetracted: 1,
  EntryLocated: 1,
  ReviewOpened: 1,
  ReviewerAssigned: 1,
  ReviewerUnassigned: 1,
  FindingRecorded: 1,
  ReviewConcluded: 1,
  PersonalDataRead: 1,
  BreakGlassGranted: 1,
  LegalHoldPlaced: 1,
  LegalHoldLifted: 1,
  SubjectErased: 1,
};

export const EVENT_UPCASTERS: readonly Upcaster[] = [informationSharedV1toV2];

const registry = new UpcasterRegistry(SCHEMA_VERSIONS, EVENT_UPCASTERS);

/**
 * What every reader that interprets stored events calls first (deciders' folds, projections,
 * timeline readers): old events are read as the latest shape and never rewritten in the log.
 */
export function upcast(event: StoredEvent): StoredEvent {
  return registry.upcast(event);
}
