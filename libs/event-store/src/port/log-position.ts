/**
 * A place in the global log. Ordered by (commit, prepare), like EventStoreDB's Position.
 * On PostgreSQL/PGlite `commit` is the appending transaction's id and `prepare` the event's
 * sequence number: ordering by transaction first is what lets a catch-up reader never skip an
 * event whose transaction committed after a later-numbered one (see sql/README in this folder).
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START: LogPosition = Object.freeze({ commit: -1n, prepare: -1n });

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function formatPosition(p: LogPosition): string {
  return `${p.commit}/${p.prepare}`;
}

export function parsePosition(text: string): LogPosition {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text.trim());
  if (!match) throw new TypeError(`Not a log position: "${text}" (expected "<commit>/<prepare>")`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
