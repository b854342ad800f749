import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per stream: how many events, the last one, and the span of time it covers. */
@Entity({ name: 'rm_stream_catalogue' })
export class StreamCatalogueRow {
  @PrimaryColumn({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ name: 'event_count', type: 'integer' })
  eventCount!: number;

  @Column({ name: 'last_revision', type: 'bigint' })
  lastRevision!: string;

  @Column({ name: 'last_type', type: 'text' })
  lastType!: string;

  @Column({ name: 'first_occurred_at', type: 'timestamptz', nullable: true })
  firstOccurredAt!: Date | null;

  @Column({ name: 'last_occurred_at', type: 'timestamptz', nullable: true })
  lastOccurredAt!: Date | null;
}
