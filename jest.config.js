/** Tests are tiered by suffix: *.spec.ts (pure), *.int-spec.ts (real PGlite / PostgreSQL), *.e2e-spec.ts (the app over HTTP). */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];
const moduleNameMapper = {
  '^@casetrail/event-store/testing$': '<rootDir>/libs/event-store/src/testing',
  '^@casetrail/(domain|event-store|projections|access|config|platform|recording|chronology|synthetic)$': '<rootDir>/libs/$1/src',
};
const base = { transform: { '^.+\\.ts$': swc }, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
