export * from './event-store.contract';
export * from './builders';
export * from './test-database';
export * from './transaction.contract';
