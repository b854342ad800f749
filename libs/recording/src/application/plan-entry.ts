import { streams, type EntryCommand, type EntryFacts, type EntryRecorded, type EntryRef } from '@casetrail/domain';
import { bindings } from './bindings';
import { keptWithin } from './entry-location';
import { resolveEntryRef, type EntryKind, type EntryRequest } from './entry-request.schemas';
import type { DomainEvent, StreamBinding } from './execute-command';

/** What a validated request becomes: the stream to decide on, its rules, the command, and what must already exist. */
export interface EntryPlan {
  readonly streamId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one plan type for every stream's binding
  readonly binding: StreamBinding<any, DomainEvent, any>;
  readonly command: { readonly type: string; readonly event: DomainEvent; readonly now?: string };
  /** Subjects that must be registered before this entry may name them. */
  readonly subjects: readonly string[];
  /** Other agencies the entry names, which must be registered. */
  readonly agencies: readonly string[];
  /**
   * An answer's or amendment's target, named by the agency's id for it. The entry is kept in that
   * entry's stream, unless the stream only points to where the target itself is kept.
   */
  readonly refersTo?: EntryRef;
  /** Reserves the entry's own id when it is kept in another entry's stream (see entry-location.ts). */
  readonly locator?: { readonly streamId: string; readonly command: Extract<EntryCommand, { type: 'LocateEntry' }> };
}

export function planEntry<K extends EntryKind>(kind: K, request: EntryRequest<K>, writer: string, now: string): EntryPlan {
  const facts: EntryFacts = {
    entry: { agency: writer, entryId: request.entryId },
    subjects: request.subjects,
    occurred: request.occurred,
    recordedAt: request.recordedAt ? new Date(request.recordedAt).toISOString() : now,
    ...(request.source && { source: request.source }),
    ...(request.summary && { summary: request.summary }),
    ...(request.variantOf && { variantOf: resolveEntryRef(request.variantOf, writer) }),
    ...(request.practitionerRef && { practitionerRef: request.practitionerRef }),
  };
  const [first] = request.subjects;
  const entryStream = streams.entry(facts.entry);
  const recordEntry = (event: EntryRecorded, agencies: readonly string[] = [], subjects = request.subjects): EntryPlan => ({
    streamId: entryStream,
    binding: bindings.entry,
    command: { type: 'RecordEntry', event, now },
    subjects,
    agencies,
  });
  // The kind was validated against its own schema, so the switch below reads that kind's
  // fields; TypeScript cannot narrow a generic by the `kind` argument, hence the loose view.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = request as unknown as Record<string, any>;

  switch (kind) {
    case 'person':
      return {
        streamId: streams.subject(first),
        binding: bindings.subject,
        command: { type: 'RegisterPerson', now, event: { type: 'PersonRegistered', schemaVersion: 1, data: { ...facts, subjectId: first, kind: r.kind } } },
        subjects: request.subjects.slice(1),
        agencies: [],
      };
    case 'local-identifier':
      return {
        streamId: streams.subject(first),
        binding: bindings.subject,
        command: {
          type: 'RecordLocalIdentifier',
          event: { type: 'LocalIdentifierRecorded', schemaVersion: 1, data: { subjectId: first, agency: writer, scheme: r.scheme, value: r.value, recordedAt: facts.recordedAt } },
        },
        subjects: [],
        agencies: [],
      };
    case 'relationship':
    case 'relationship-ended':
      return recordEntry(
        {
          type: kind === 'relationship' ? 'RelationshipRecorded' : 'RelationshipEnded',
          schemaVersion: 1,
          data: { ...facts, subject: first, related: r.related, relation: r.relation },
        },
        [],
        [...request.subjects, r.related],
      );
    case 'involvement-opened':
    case 'involvement-closed':
      return {
        streamId: streams.involvement(writer, first),
        binding: bindings.involvement,
        command:
          kind === 'involvement-opened'
            ? { type: 'OpenInvolvement', now, event: { type: 'InvolvementOpened', schemaVersion: 1, data: { ...facts, child: first, lead: r.lead } } }
            : { type: 'CloseInvolvement', now, event: { type: 'InvolvementClosed', schemaVersion: 1, data: { ...facts, child: first, ...(r.reason && { reason: r.reason }) } } },
        subjects: request.subjects,
        agencies: [],
      };
    case 'contact':
      return recordEntry({ type: 'ContactRecorded', schemaVersion: 1, data: { ...facts, contactType: r.contactType, childSeen: r.childSeen, outcome: r.outcome } });
    case 'concern':
      return recordEntry({ type: 'ConcernRecorded', schemaVersion: 1, data: { ...facts, categories: r.categories, severity: r.severity } });
    case 'referral': {
      // A referral with no `to` was received by the writer from a person (`source` says who).
      const to: string = r.to ?? writer;
      return recordEntry({ type: 'ReferralMade', schemaVersion: 1, data: { ...facts, from: r.to ? writer : null, to, categories: r.categories } }, [to]);
    }
    case 'information-shared':
      return recordEntry(
        {
          type: 'InformationShared',
          schemaVersion: 2,
          data: {
            ...facts,
            to: r.to,
            about: (r.about as string[]).map((a) => resolveEntryRef(a, writer)),
            categories: r.categories,
            lawfulBasis: r.lawfulBasis,
            consent: r.consent,
          },
        },
        [r.to],
      );
    case 'information-not-shared':
      return recordEntry(
        {
          type: 'InformationNotShared',
          schemaVersion: 1,
          data: {
            ...facts,
            to: r.to,
            about: (r.about as string[]).map((a) => resolveEntryRef(a, writer)),
            categories: r.categories,
            reason: r.reason,
            consent: r.consent,
          },
        },
        [r.to],
      );
    case 'information-request':
      return recordEntry({ type: 'InformationRequested', schemaVersion: 1, data: { ...facts, to: r.to, categories: r.categories } }, [r.to]);
    case 'risk-assessment':
      return recordEntry({ type: 'RiskAssessmentCompleted', schemaVersion: 1, data: { ...facts, riskLevel: r.riskLevel, categoriesConsidered: r.categoriesConsidered } });
    case 'meeting':
      return recordEntry({ type: 'MeetingHeld', schemaVersion: 1, data: { ...facts, kind: r.kind, invited: r.invited, attended: r.attended } }, [...r.invited, ...r.attended]);
    case 'plan-started':
    case 'plan-ended':
      return recordEntry({ type: kind === 'plan-started' ? 'PlanStarted' : 'PlanEnded', schemaVersion: 1, data: { ...facts, child: first, plan: r.plan } });
    case 'serious-incident':
      return recordEntry({ type: 'SeriousIncidentNotified', schemaVersion: 1, data: { ...facts, child: first, kind: r.kind } });
    case 'referral-outcome':
    case 'information-response': {
      const answers = resolveEntryRef(r.refersTo, writer);
      const event =
        kind === 'referral-outcome'
          ? { type: 'ReferralOutcomeRecorded', schemaVersion: 1, data: { ...facts, answers, outcome: r.outcome } }
          : { type: 'InformationRequestAnswered', schemaVersion: 1, data: { ...facts, answers, response: r.response, ...(r.reason && { reason: r.reason }) } };
      return keptWithin(
        {
          streamId: streams.entry(answers),
          binding: bindings.entry,
          command: { type: kind === 'referral-outcome' ? 'AnswerReferral' : 'AnswerRequest', now, event },
          subjects: request.subjects,
          agencies: [],
          refersTo: answers,
        },
        answers,
      );
    }
    case 'correction':
    case 'retraction': {
      const amends = resolveEntryRef(r.refersTo, writer);
      const event =
        kind === 'correction'
          ? { type: 'EntryCorrected', schemaVersion: 1, data: { ...facts, amends, changes: r.changes, reason: r.reason } }
          : { type: 'EntryRetracted', schemaVersion: 1, data: { ...facts, amends, reason: r.reason } };
      return keptWithin(
        {
          streamId: streams.entry(amends),
          binding: bindings.entry,
          command: { type: kind === 'correction' ? 'CorrectEntry' : 'RetractEntry', now, event },
          subjects: request.subjects,
          agencies: [],
          refersTo: amends,
        },
        amends,
      );
    }
    case 'identity-link':
    case 'identity-unlink': {
      const pair = [request.subjects[0], request.subjects[1]] as const;
      const event =
        kind === 'identity-link'
          ? { type: 'SubjectsLinked', schemaVersion: 1, data: { ...facts, pair } }
          : { type: 'SubjectsUnlinked', schemaVersion: 1, data: { ...facts, pair, ...(r.reason && { reason: r.reason }) } };
      return {
        streamId: streams.identity(pair[0] ?? '', pair[1] ?? ''),
        binding: bindings.identity,
        command: { type: kind === 'identity-link' ? 'LinkSubjects' : 'UnlinkSubjects', now, event },
        subjects: request.subjects,
        agencies: [],
      };
    }
    default:
      throw new Error(`No plan for entry kind ${String(kind)}`);
  }
}
