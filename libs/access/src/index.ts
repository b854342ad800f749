export * from './domain/access-errors';
export * from './domain/principal';
export * from './domain/require-role';
export * from './domain/token-lifetime';
export * from './infrastructure/bearer-token';
export * from './infrastructure/token-secret';
export * from './application/audit-trail';
