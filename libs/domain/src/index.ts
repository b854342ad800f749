export * from './vocabulary/practice-themes';
export * from './vocabulary/risk-categories';
export * from './vocabulary/agency-kinds';
