import { describeStore } from './describe-store';

describe(describeStore.name, () => {
  it('names the embedded directory', () => {
    expect(describeStore({ kind: 'embedded', pgliteDir: '/srv/data/pglite' })).toBe('embedded PGlite in /srv/data/pglite');
  });

  it('names server addresses without their credentials', () => {
    const text = describeStore({
      kind: 'eventstoredb',
      connectionString: 'esdb://admin:changeit@es.internal:2113?tls=false',
      readModels: { databaseUrl: 'postgres://casetrail:hunter2@db.internal:5432/casetrail', schema: 'rm' },
    });

    expect(text).toBe('EventStoreDB esdb://es.internal:2113, read models in PostgreSQL postgres://db.internal:5432/casetrail (schema rm)');
    expect(describeStore({ kind: 'postgres', databaseUrl: 'postgres://u:p@h/db' })).toBe('PostgreSQL postgres://h/db (schema public)');
  });
});
