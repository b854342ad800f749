export * from './application/event-ids';
export * from './application/execute-command';
export * from './application/bindings';
