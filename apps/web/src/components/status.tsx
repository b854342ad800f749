import type { ReactNode } from 'react';
import { ApiError } from '../api';
import type { Async } from '../use-async';

/** Loading and failure, said once for every screen (failures carry the API's problem code). */
export function Loaded<T>({ value, children, what }: { value: Async<T>; what: string; children: (value: T) => ReactNode }) {
  if (value.state === 'loading') return <p role="status" className="muted">Loading {what}…</p>;
  if (value.state === 'failed') return <Failure error={value.error} what={what} />;
  return <>{children(value.value)}</>;
}

export function Failure({ error, what }: { error: Error; what: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <div role="alert" className="notice notice-error" data-testid="failure">
      <strong>{status === 403 ? `Not allowed: ${what}` : status === 404 ? `Not found: ${what}` : `Could not load ${what}`}</strong>
      <p>{error.message}</p>
      {code && <p className="muted">Code {code}{status ? ` (HTTP ${status})` : ''}</p>}
    </div>
  );
}
