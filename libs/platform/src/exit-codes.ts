import { EmbeddedStoreLocked } from '@casetrail/event-store';

/** Process exit codes shared by every app, so scripts can tell "busy" from "broken". */
export const EXIT_FAILURE = 1;
/** The embedded data directory is held by another running process (usually the server). */
export const EXIT_LOCKED = 2;

export function exitCodeFor(error: unknown): number {
  return error instanceof EmbeddedStoreLocked ? EXIT_LOCKED : EXIT_FAILURE;
}
