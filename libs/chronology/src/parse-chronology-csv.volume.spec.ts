import { Readable } from 'node:stream';
import { parseChronologyCsv } from './parse-chronology-csv';
import { FILE, NOW } from './testing/chronology-fixtures';

// 200k rows took 15 s under jest on the shared 2-core machine (6 s in plain node); 100k keeps the suite quick.
const ROWS = 100_000;
const PER_CHUNK = 500;

/** Generated as read, so the test's own memory does not grow with the file either. */
function* syntheticChronology(): Generator<string> {
  yield 'entry_id,agency,date,time,entry_type,subjects,contact_type,child_seen,outcome,summary\r\n';
  for (let start = 0; start < ROWS; start += PER_CHUNK) {
    let chunk = '';
    for (let i = start; i < start + PER_CHUNK; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      chunk += `VOL-${i},health-test,2023-05-${day},10:15,contact,child-syn-${i % 1000};adult-syn-${i % 700},home_visit,${i % 2 ? 'yes' : 'no'},completed,"Synthetic visit ${i}, all well"\r\n`;
    }
    yield chunk;
  }
}

describe(`${parseChronologyCsv.name} at volume`, () => {
  it(`streams ${ROWS.toLocaleString('en-GB')} rows with bounded memory`, async () => {
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let lastLine = 0;
    for await (const row of parseChronologyCsv(Readable.from(syntheticChronology(), { objectMode: false }), { file: FILE, now: NOW })) {
      count++;
      lastLine = row.line;
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    expect(count).toBe(ROWS);
    expect(lastLine).toBe(ROWS + 1);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  }, 30_000);
});
