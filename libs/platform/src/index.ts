export * from './describe-store';
export * from './exit-codes';
export * from './logger';
export * from './open-platform';
export * from './platform-projections';
export * from './projection-report';
export * from './startup';
