import { Readable } from 'node:stream';
import { parseChronologyCsv } from './parse-chronology-csv';
import { FILE, NOW } from './testing/chronology-fixtures';

// 200k rows took 15 s under jest on the shared 2-core machine (6 s in plain node); 100k keeps the suite quick.
const ROWS = 100_000;
const PER_CHUNK = 500;

/**
 * Streaming, measured by what cannot flake: how far the source has been read ahead of the rows
 * handed out. A parser that buffered the file would read all of it before the first row; a
 * streaming one stays a few chunks ahead whatever the file's size. (Heap figures measure the
 * garbage collector's mood; the CLI's 100 MB import under a 160 MB heap cap covers memory.)
 */
describe(`${parseChronologyCsv.name} at volume`, () => {
  it(`streams ${ROWS.toLocaleString('en-GB')} rows, reading only a few chunks ahead of the rows it yields`, async () => {
    let chunksRead = 0;
    function* syntheticChronology(): Generator<string> {
      yield 'entry_id,agency,date,time,entry_type,subjects,contact_type,child_seen,outcome,summary\r\n';
      for (let start = 0; start < ROWS; start += PER_CHUNK) {
        let chunk = '';
        for (let i = start; i < start + PER_CHUNK; i++) {
          const day = String((i % 28) + 1).padStart(2, '0');
          chunk += `VOL-${i},health-test,2023-05-${day},10:15,contact,child-syn-${i % 1000};adult-syn-${i % 700},home_visit,${i % 2 ? 'yes' : 'no'},completed,"Synthetic visit ${i}, all well"\r\n`;
        }
        chunksRead += 1;
        yield chunk;
      }
    }
    let count = 0;
    let lastLine = 0;
    let furthestAhead = 0;
    for await (const row of parseChronologyCsv(Readable.from(syntheticChronology(), { objectMode: false }), { file: FILE, now: NOW })) {
      count++;
      lastLine = row.line;
      furthestAhead = Math.max(furthestAhead, chunksRead - Math.floor(count / PER_CHUNK));
    }
    expect(count).toBe(ROWS);
    expect(lastLine).toBe(ROWS + 1);
    expect(chunksRead).toBe(ROWS / PER_CHUNK);
    // Stream buffers hold 16 KiB or so: a chunk here is ~55 KB, so a few chunks is generous.
    expect(furthestAhead).toBeLessThan(20);
  }, 30_000);
});
