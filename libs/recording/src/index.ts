export * from './application/event-ids';
export * from './application/execute-command';
export * from './application/bindings';
export * from './application/entry-request.schemas';
export * from './application/plan-entry';
export * from './application/recording.service';
export * from './application/register-agency';
