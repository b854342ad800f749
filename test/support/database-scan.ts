/** Runs SQL and returns rows: a PGlite database, a pg pool, the platform's store executor. */
export type RunQuery = <Row>(sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export interface Finding {
  readonly table: string;
  readonly needle: string;
  /** Where it was seen: the row's text, or a bytea value decoded. */
  readonly in: 'text' | 'bytea';
}

/**
 * Every row of every table in the given schemas (the event table, the keys, every read model,
 * checkpoints, audit: whatever exists when it runs) dumped to text with `row::text`, which
 * covers every column of every type (text, json/jsonb, arrays, bytea as hex); each bytea value
 * is also decoded and searched as bytes. Returns every place a needle was found.
 */
export async function scanDatabase(query: RunQuery, schemas: readonly string[], needles: readonly string[]): Promise<{ tables: string[]; findings: Finding[] }> {
  const tables = await query<{ table_schema: string; table_name: string }>(
    `select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema = any($1::text[]) order by 1, 2`,
    [schemas],
  );
  const findings: Finding[] = [];
  const names: string[] = [];
  for (const { table_schema, table_name } of tables) {
    const name = `"${table_schema}"."${table_name}"`;
    names.push(`${table_schema}.${table_name}`);
    const rows = await query<{ row: string }>(`select t::text as row from ${name} t`);
    for (const { row } of rows) {
      for (const needle of needles) {
        if (row.includes(needle) || row.includes(JSON.stringify(needle).slice(1, -1))) findings.push({ table: name, needle, in: 'text' });
        for (const hex of row.match(/\\\\x([0-9a-f]+)|\\x([0-9a-f]+)/g) ?? []) {
          if (Buffer.from(hex.replace(/^\\+x/, ''), 'hex').includes(Buffer.from(needle))) findings.push({ table: name, needle, in: 'bytea' });
        }
      }
    }
  }
  return { tables: names, findings };
}
