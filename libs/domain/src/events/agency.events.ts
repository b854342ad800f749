import type { AgencyKind } from '../vocabulary/agency-kinds';

export interface AgencyRegistered {
  readonly type: 'AgencyRegistered';
  readonly schemaVersion: 1;
  readonly data: { readonly agencyId: string; readonly name: string; readonly kind: AgencyKind; readonly registeredAt: string };
}

export type AgencyEvent = AgencyRegistered;
