import { EmbeddedDatabase, PgliteEventStore, type EventStore } from '@casetrail/event-store';
import { AuditTrail, AuditUnavailable } from './audit-trail';

const practitioner = { agencyId: 'health-east', role: 'practitioner' as const, practitionerRef: 'HE-7' };
const CHILD = 'subj-child-0001';

describe(AuditTrail.name, () => {
  let database: EmbeddedDatabase;
  let store: EventStore;
  let now: Date;
  let sut: AuditTrail;
  let ids = 0;

  beforeAll(async () => {
    database = await EmbeddedDatabase.open();
    store = await PgliteEventStore.open(database);
  }, 60_000);
  afterAll(() => database.close());
  beforeEach(() => {
    now = new Date('2024-06-01T12:00:00.000Z');
    sut = new AuditTrail(store, 60, () => now, () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`);
  });

  it('appends each read to a stream of its own, so concurrent reads never contend for a revision', async () => {
    const read = { reader: practitioner, resource: 'timeline' as const, children: [CHILD], purpose: 'direct-work', channel: 'api' as const, correlationId: 'c-1' };
    const eventIds = await Promise.all(Array.from({ length: 20 }, () => sut.recordRead(read)));
    expect(new Set(eventIds).size).toBe(20);
    const [stored] = await store.readStream(`audit-${eventIds[0]}`);
    expect(stored).toMatchObject({
      type: 'PersonalDataRead',
      data: { reader: practitioner, resource: 'timeline', children: [CHILD], purpose: 'direct-work', channel: 'api', correlationId: 'c-1', at: '2024-06-01T12:00:00.000Z' },
      metadata: { correlationId: 'c-1', actor: practitioner },
    });
  });

  it('lets a grant in for its time and no longer, reading the log rather than a read model', async () => {
    const grant = await sut.breakGlass({ child: CHILD, grantee: practitioner, reason: 'Out-of-hours ED attendance', minutes: 30, correlationId: 'c-2' });
    expect(await sut.grantInForce(CHILD, practitioner)).toEqual(grant);
    now = new Date('2024-06-01T12:29:59.000Z');
    expect(await sut.grantInForce(CHILD, practitioner)).toEqual(grant);
    now = new Date('2024-06-01T12:30:00.000Z');
    expect(await sut.grantInForce(CHILD, practitioner)).toBeUndefined();
    expect(await sut.grantInForce(CHILD, { ...practitioner, practitionerRef: 'HE-8' })).toBeUndefined();
    expect(await sut.grantInForce('subj-child-0002', practitioner)).toBeUndefined();
  });

  it('a later grant is the one in force', async () => {
    await sut.breakGlass({ child: 'subj-child-0003', grantee: practitioner, reason: 'First emergency contact', minutes: 5, correlationId: 'c-3' });
    now = new Date('2024-06-01T12:10:00.000Z');
    expect(await sut.grantInForce('subj-child-0003', practitioner)).toBeUndefined();
    const second = await sut.breakGlass({ child: 'subj-child-0003', grantee: practitioner, reason: 'Second emergency contact', minutes: 5, correlationId: 'c-4' });
    expect(await sut.grantInForce('subj-child-0003', practitioner)).toEqual(second);
  });

  it('refuses the read when the store cannot record it', async () => {
    const broken = new AuditTrail({ ...store, append: () => Promise.reject(new Error('connection lost')) } as EventStore, 60);
    const read = { reader: practitioner, resource: 'flags' as const, children: [CHILD], purpose: 'break-glass', channel: 'api' as const, correlationId: 'c-5' };
    await expect(broken.recordRead(read)).rejects.toBeInstanceOf(AuditUnavailable);
  });
});
