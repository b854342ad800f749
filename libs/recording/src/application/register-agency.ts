import { isAgencyKind, streams, type AgencyCommand, type AgencyKind } from '@casetrail/domain';
import type { EventMetadata, TransactionalEventStore } from '@casetrail/event-store';
import { z } from 'zod';
import { bindings } from './bindings';
import { executeCommand, type Execution } from './execute-command';

export const registerAgencySchema = z
  .object({
    agencyId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1-63 characters: a-z, 0-9, _ and -'),
    name: z.string().min(1).max(200),
    kind: z.string().refine(isAgencyKind, 'must be an agency kind (police, childrens_social_care, health, education, probation, housing, substance_misuse, voluntary)'),
  })
  .strict();

/** Administrators register agencies before those can record anything. */
export async function registerAgency(
  store: TransactionalEventStore,
  body: unknown,
  metadata: EventMetadata,
  now: Date = new Date(),
): Promise<Execution<unknown>> {
  const request = registerAgencySchema.parse(body);
  const command: AgencyCommand = {
    type: 'RegisterAgency',
    event: {
      type: 'AgencyRegistered',
      schemaVersion: 1,
      data: { agencyId: request.agencyId, name: request.name, kind: request.kind as AgencyKind, registeredAt: now.toISOString() },
    },
  };
  return executeCommand(store, streams.agency(request.agencyId), bindings.agency, command, { metadata });
}
