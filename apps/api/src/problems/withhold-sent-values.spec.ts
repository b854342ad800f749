import type { ProblemDetails } from './problem';
import { WITHHELD, withholdSentValues } from './withhold-sent-values';

function aProblem(overrides: Partial<ProblemDetails> = {}): ProblemDetails {
  return { type: 'urn:casetrail:problem:subject.not_found', title: 'Not Found', status: 404, detail: 'No subject subj-7', code: 'SUBJECT.NOT_FOUND', ...overrides };
}

describe(withholdSentValues.name, () => {
  it('withholds a value of the body from the detail and every field message, keeping codes and fields', () => {
    const problem = aProblem({ errors: [{ field: 'subjects.0', message: 'No subject subj-7' }] });

    expect(withholdSentValues(problem, { subjects: ['subj-7'] })).toEqual({
      ...problem,
      detail: `No subject ${WITHHELD}`,
      errors: [{ field: 'subjects.0', message: `No subject ${WITHHELD}` }],
    });
  });

  it('finds values at any depth, in arrays and objects', () => {
    const body = { entries: [{ kind: 'concern', entry: { categories: ['Jane Doe told us'] } }] };

    expect(withholdSentValues(aProblem({ detail: '"Jane Doe told us" is not a risk category' }), body).detail).toBe(`"${WITHHELD}" is not a risk category`);
  });

  it('withholds the longest value first, so no part of it is left behind', () => {
    const detail = withholdSentValues(aProblem({ detail: 'A writer for police cannot record as police-north' }), { agency: 'police-north', kind: 'police' }).detail;

    expect(detail).toBe(`A writer for ${WITHHELD} cannot record as ${WITHHELD}`);
  });

  it('withholds whole tokens only: a sent `police` leaves the word inside `police-north` alone', () => {
    expect(withholdSentValues(aProblem({ detail: 'Agency police-north is registered' }), { kind: 'police' }).detail).toBe('Agency police-north is registered');
  });

  it('withholds values holding characters that mean something in a pattern', () => {
    expect(withholdSentValues(aProblem({ detail: 'No subject a.b*(c)+[d]$1 here' }), { subject: 'a.b*(c)+[d]$1' }).detail).toBe(`No subject ${WITHHELD} here`);
  });

  it('leaves one- and two-character values, numbers and booleans, which identify no one', () => {
    const problem = aProblem({ detail: 'evidence[1] of 12 is no use: true' });

    expect(withholdSentValues(problem, { index: '1', count: 12, no: 'no', flag: true })).toEqual(problem);
  });

  it('leaves a problem alone when nothing was sent', () => {
    const problem = aProblem();

    expect(withholdSentValues(problem, undefined)).toBe(problem);
    expect(withholdSentValues(problem, {})).toBe(problem);
  });
});
