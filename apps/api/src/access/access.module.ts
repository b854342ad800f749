import { AuditTrail } from '@casetrail/access';
import type { CasetrailConfig } from '@casetrail/config';
import { EVENT_STORE, type EventStore } from '@casetrail/event-store';
import { Global, Module } from '@nestjs/common';
import { TimelineCache } from '../timelines/timeline-cache';
import { APP_CONFIG } from '../tokens';
import { AccessController } from './access.controller';
import { ChildReadAccess } from './child-read-access';

/** Access to personal data: who may read a child's record, break-glass, and the audit of every read. */
@Global()
@Module({
  controllers: [AccessController],
  providers: [
    {
      provide: AuditTrail,
      useFactory: (store: EventStore, config: CasetrailConfig) => new AuditTrail(store, config.breakGlassMinutes),
      inject: [EVENT_STORE, APP_CONFIG],
    },
    ChildReadAccess,
    TimelineCache,
  ],
  exports: [AuditTrail, ChildReadAccess, TimelineCache],
})
export class AccessModule {}
