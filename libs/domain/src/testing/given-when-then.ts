import type { Decider } from '../deciders/decider';
import { fold } from '../deciders/decider';

/**
 * Decider specs read as the practice rule they state:
 *   spec(entryDecider).given([referralMade()]).when(answerReferral()).then([outcomeRecorded()])
 */
export function spec<C, E, S>(decider: Decider<C, E, S>) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            then(expected: readonly E[]) {
              expect(run()).toEqual(expected);
            },
            thenRejects(code: string, field?: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toMatchObject(field ? { code, field } : { code });
            },
          };
        },
      };
    },
  };
}
