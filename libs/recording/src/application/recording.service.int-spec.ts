import { EmbeddedDatabase, PgliteEventStore, START, type EventStore } from '@casetrail/event-store';
import { uniqueName } from '@casetrail/event-store/testing';
import { ZodError } from 'zod';
import { ENTRY_KIND_NAMES, type EntryKind } from './entry-request.schemas';
import { RecordingService } from './recording.service';
import { registerAgency } from './register-agency';

const NOW = new Date('2024-06-01T12:00:00.000Z');
const CHILD = 'subj-child-0101';
const ADULT = 'subj-adult-0102';
const TWIN = 'subj-child-0103';
const police = { agency: 'police-north', metadata: { correlationId: 'corr-1', actor: { agencyId: 'police-north', role: 'practitioner' } } };
const csc = { agency: 'csc-north', metadata: { correlationId: 'corr-2', actor: { agencyId: 'csc-north', role: 'practitioner' } } };
const base = (entryId: string, extra: object = {}) => ({
  entryId,
  subjects: [CHILD],
  occurred: { date: '2024-05-01', time: '09:30' },
  ...extra,
});

let database: EmbeddedDatabase;
let store: EventStore;
let sut: RecordingService;

beforeAll(async () => {
  database = await EmbeddedDatabase.open();
}, 60_000);
afterAll(() => database.close());

beforeEach(async () => {
  await database.useSchema(uniqueName('svc'));
  store = await PgliteEventStore.open(database);
  sut = new RecordingService(store, () => NOW);
  const admin = { correlationId: 'setup' };
  for (const [agencyId, kind] of [['police-north', 'police'], ['csc-north', 'childrens_social_care'], ['probation-north', 'probation']]) {
    await registerAgency(store, { agencyId, name: `${agencyId} (synthetic)`, kind }, admin, NOW);
  }
  await sut.record('person', base('CSC-P1', { kind: 'child' }), csc);
  await sut.record('person', base('CSC-P2', { subjects: [ADULT], kind: 'adult' }), csc);
  await sut.record('person', base('CSC-P3', { subjects: [TWIN], kind: 'child' }), csc);
});

const count = async () => (await store.readAll({ after: START, limit: 10_000 })).length;

describe(RecordingService.name, () => {
  it('records an entry, and a retried request appends nothing and answers with the original revision', async () => {
    const first = await sut.record('contact', base('P-1', { contactType: 'police_callout', childSeen: true }), police);
    const retry = await sut.record('contact', base('P-1', { contactType: 'police_callout', childSeen: true }), police);

    expect(first).toMatchObject({ streamId: 'entry-police-north:P-1', alreadyApplied: false });
    expect(retry.alreadyApplied).toBe(true);
    expect(retry.appended).toEqual(first.appended.map(({ eventId, revision }) => ({ eventId, revision })));
    const [stored] = await store.readStream('entry-police-north:P-1');
    expect(stored.data).toMatchObject({ occurred: { at: '2024-05-01T09:30:00.000Z', precision: 'day' }, recordedAt: NOW.toISOString() });
  });

  it.each<[string, EntryKind, object, object, string, string]>([
    ['an unregistered writing agency', 'contact', base('X-1', { contactType: 'home_visit' }), { agency: 'housing-none' }, 'AGENCY.NOT_REGISTERED.FORBIDDEN', 'agency'],
    ['an unknown subject', 'contact', base('P-2', { subjects: ['subj-nobody'], contactType: 'home_visit' }), {}, 'SUBJECT.NOT_FOUND', 'subjects'],
    ['a referral to an unregistered agency', 'referral', base('P-3', { to: 'school-none' }), {}, 'AGENCY.NOT_FOUND', 'to'],
    ['a date in the future', 'concern', base('P-4', { occurred: { date: '2024-07-01' }, categories: ['4'], severity: 'high' }), {}, 'ENTRY.OCCURRED_IN_FUTURE.INVALID', 'occurred.at'],
    ['a body naming another agency', 'contact', base('P-5', { agency: 'csc-north', contactType: 'home_visit' }), {}, 'AGENCY.MISMATCH.FORBIDDEN', 'agency'],
    ['an outcome of an unknown referral', 'referral-outcome', base('P-6', { refersTo: 'csc-north:NOPE', outcome: 'assessment' }), {}, 'ENTRY.NOT_FOUND', 'refersTo'],
  ])('refuses %s and writes nothing', async (_label, kind, body, writer, code, field) => {
    const before = await count();
    await expect(sut.record(kind, body, { ...police, ...writer })).rejects.toMatchObject({ code, field });
    expect(await count()).toBe(before);
  });

  it.each<[string, object, string]>([
    ['an unknown contact type', base('P-7', { contactType: 'carrier_pigeon' }), 'contactType'],
    ['an impossible date', base('P-8', { occurred: { date: '2023-02-30' }, contactType: 'home_visit' }), 'occurred'],
    ['a field the kind does not have', base('P-9', { contactType: 'home_visit', severity: 'high' }), ''],
    ['no subjects', { ...base('P-10', { contactType: 'home_visit' }), subjects: [] }, 'subjects'],
  ])('rejects %s with the field at fault', async (_label, body, path) => {
    const error = await sut.record('contact', body, police).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path.join('.')).some((p) => p.startsWith(path))).toBe(true);
  });

  it('only the agency a referral went to records its outcome', async () => {
    await sut.record('referral', base('P-20', { to: 'csc-north', categories: ['domestic_abuse'] }), police);
    await expect(sut.record('referral-outcome', base('P-21', { refersTo: 'police-north:P-20', outcome: 'assessment' }), police)).rejects.toMatchObject({
      code: 'ENTRY.NOT_ADDRESSEE.FORBIDDEN',
    });
    const answered = await sut.record('referral-outcome', base('C-21', { refersTo: 'police-north:P-20', outcome: 'no_further_action' }), csc);
    expect(answered.streamId).toBe('entry-police-north:P-20');
  });

  const valid: Record<EntryKind, object> = {
    person: base('K-person', { subjects: ['subj-new-0001'], kind: 'adult' }),
    'local-identifier': base('K-lid', { scheme: 'police_id', value: 'PN-000123' }),
    relationship: base('K-rel', { related: ADULT, relation: 'partner_of_parent' }),
    'relationship-ended': base('K-rel-end', { related: ADULT, relation: 'partner_of_parent' }),
    'involvement-opened': base('K-inv-open', { lead: false }),
    'involvement-closed': base('K-inv-close'),
    contact: base('K-contact', { contactType: 'home_visit', childSeen: false, outcome: 'no_access' }),
    concern: base('K-concern', { categories: ['sexual_offence_history', '3B'], severity: 'high', source: 'family' }),
    referral: base('K-ref', { to: 'csc-north', categories: ['domestic_abuse'] }),
    'referral-outcome': base('K-ref-out', { refersTo: 'csc-north:SEED-REF', outcome: 'early_help' }),
    'information-shared': base('K-shared', { to: 'csc-north', about: ['K-concern'], lawfulBasis: 'safeguarding_condition' }),
    'information-not-shared': base('K-not-shared', { to: 'csc-north', about: ['K-concern'], reason: 'consent_refused', consent: 'refused' }),
    'information-request': base('K-req', { to: 'csc-north', categories: ['violent_offence_history'] }),
    'information-response': base('K-resp', { refersTo: 'csc-north:SEED-REQ', response: 'declined', reason: 'data_protection' }),
    'risk-assessment': base('K-ra', { riskLevel: 'medium', categoriesConsidered: ['domestic_abuse'] }),
    meeting: base('K-meet', { kind: 'strategy_discussion', invited: ['csc-north', 'probation-north'], attended: ['csc-north'] }),
    'plan-started': base('K-plan', { plan: 'child_protection' }),
    'plan-ended': base('K-plan-end', { plan: 'child_protection' }),
    'serious-incident': base('K-si', { kind: 'serious_harm' }),
    'identity-link': base('K-link', { subjects: [CHILD, TWIN] }),
    'identity-unlink': base('K-unlink', { subjects: [CHILD, TWIN] }),
    correction: base('K-corr', { refersTo: 'SEED-CONCERN', changes: { severity: 'medium' }, reason: 'mis-keyed' }),
    retraction: base('K-retr', { refersTo: 'SEED-CONTACT', reason: 'wrong child' }),
  };

  it.each(ENTRY_KIND_NAMES)('records a valid %s', async (kind) => {
    // What the kinds that answer, close or amend something need to find first.
    await sut.record('referral', base('SEED-REF', { to: 'police-north', categories: [] }), csc);
    await sut.record('information-request', base('SEED-REQ', { to: 'police-north' }), csc);
    await sut.record('involvement-opened', base('K-inv-seed'), police);
    await sut.record('identity-link', base('K-link-seed', { subjects: [CHILD, TWIN] }), csc);
    await sut.record('concern', base('SEED-CONCERN', { categories: ['mental_health'], severity: 'high' }), police);
    await sut.record('contact', base('SEED-CONTACT', { contactType: 'phone_call' }), police);
    if (kind === 'identity-link') await sut.record('identity-unlink', base('K-unlink-seed', { subjects: [CHILD, TWIN] }), csc);
    if (kind === 'involvement-opened') await sut.record('involvement-closed', base('K-inv-seed-close'), police);

    const result = await sut.record(kind, valid[kind], police);

    expect(result.alreadyApplied).toBe(false);
    expect(result.appended).toHaveLength(1);
  });
});
