import { StreamCatalogue1764140000001 } from '../infrastructure/migrations/1764140000001-stream-catalogue';
import { Timeline1764140000002 } from '../infrastructure/migrations/1764140000002-timeline';
import { Flags1764150000000 } from '../infrastructure/migrations/1764150000000-flags';
import { ReviewStatistics1764150000001 } from '../infrastructure/migrations/1764150000001-review-statistics';
import { Reviews1764140000010 } from '../infrastructure/migrations/1764140000010-reviews';
import { AuditTrail1764160000000 } from '../infrastructure/migrations/1764160000000-audit-trail';
import type { ReadModelTarget } from '../infrastructure/read-model-data-source';
import { StreamCatalogueRow } from './stream-catalogue/stream-catalogue.entity';

export { StreamCatalogueRow } from './stream-catalogue/stream-catalogue.entity';
export { evolveStreamCatalogue, streamCatalogueProjection } from './stream-catalogue/stream-catalogue.projection';
export * from './timeline';
export * from './flags';
export * from './statistics';
export * from './reviews';
export * from './audit';

/** Every read model the platform serves: entities and their migrations, in order. */
export const READ_MODELS: ReadModelTarget = {
  entities: [StreamCatalogueRow],
  migrations: [StreamCatalogue1764140000001, Timeline1764140000002, Reviews1764140000010, Flags1764150000000, ReviewStatistics1764150000001, AuditTrail1764160000000],
};
