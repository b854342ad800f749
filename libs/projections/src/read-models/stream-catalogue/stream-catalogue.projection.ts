import type { RecordedEvent } from '@casetrail/event-store';
import { KeyedRowProjection } from '../../application/keyed-row-projection';
import { StreamCatalogueRow } from './stream-catalogue.entity';

/** Pure: the catalogue row of a stream after one more of its events. */
export function evolveStreamCatalogue(row: StreamCatalogueRow | null, event: RecordedEvent): StreamCatalogueRow {
  const occurred = event.occurredAt;
  const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
  const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
  return Object.assign(new StreamCatalogueRow(), {
    streamId: event.streamId,
    eventCount: (row?.eventCount ?? 0) + 1,
    lastRevision: event.revision.toString(),
    lastType: event.type,
    firstOccurredAt: earliest(row?.firstOccurredAt ?? null, occurred),
    lastOccurredAt: latest(row?.lastOccurredAt ?? null, occurred),
  });
}

/** The simplest useful read model: by default it catalogues every stream in the log. */
export function streamCatalogueProjection(eventTypes: readonly string[] | 'all' = 'all'): KeyedRowProjection<StreamCatalogueRow> {
  return new KeyedRowProjection<StreamCatalogueRow>({
    name: 'stream-catalogue',
    handles: eventTypes,
    entity: StreamCatalogueRow,
    keyColumn: 'streamId',
    keyOf: (event) => event.streamId,
    evolve: evolveStreamCatalogue,
    tables: ['rm_stream_catalogue'],
  });
}
