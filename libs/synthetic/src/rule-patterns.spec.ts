import { generateCases, RULE_IDS } from '@casetrail/synthetic';
import { flagsOf } from './testing/fixtures';

/**
 * Judged by the reference reading in testing/rule-oracle.ts, which takes the stricter side of
 * every ambiguity in the rules: a test of the detectors can then demand "every injected pattern
 * found, nothing unlabelled" of these cases.
 */
const rounds = 3;
const { cases } = generateCases({ seed: 77, injected: RULE_IDS.length * rounds, controls: 36 });
const injected = cases.filter((c) => !c.control);
const controls = cases.filter((c) => c.control);

describe('injected patterns', () => {
  it.each(RULE_IDS)('every rule has injected cases: %s', (rule) => {
    expect(injected.filter((c) => c.truth.some((t) => t.rule === rule))).toHaveLength(rounds);
  });

  it.each(injected.map((c) => [c.truth.map((t) => t.rule).join(', '), c.caseId, c] as const))('%s (%s): flagged as labelled, nothing else', (_rule, _id, c) => {
    const flags = flagsOf(c);
    expect([...new Set(flags.map((f) => f.rule))].sort()).toEqual(c.truth.map((t) => t.rule).sort());
    for (const truth of c.truth) {
      const cited = flags.filter((f) => f.rule === truth.rule).flatMap((f) => f.evidence);
      expect(cited).toEqual(expect.arrayContaining(truth.evidence.map((e) => `${e.agency}:${e.entryId}`)));
    }
  });
});

describe('control cases', () => {
  it.each(RULE_IDS)('no control trips %s', (rule) => {
    const tripped = controls.flatMap((c) => flagsOf(c).filter((f) => f.rule === rule).map((f) => ({ caseId: c.caseId, evidence: f.evidence })));
    expect(tripped).toEqual([]);
  });
});
