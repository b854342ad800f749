/** The API is the workbench's only source of data; every call carries the signed-in principal's token. */

export type Role = 'practitioner' | 'reviewer' | 'leader' | 'administrator';

export interface Session {
  readonly token: string;
  readonly agency: string;
  readonly role: Role;
  readonly label: string;
}

export interface EntryRef {
  readonly agency: string;
  readonly entryId: string;
}

export interface TimelineEntry {
  readonly eventId: string;
  readonly position: string;
  readonly entry: EntryRef;
  readonly type: string;
  readonly eventType: string;
  readonly occurred: { readonly at: string; readonly precision: 'day' | 'month' | 'year' | 'approximate' };
  readonly recordedAt: string;
  readonly subjects: readonly string[];
  readonly householdAdult?: string;
  readonly variantGroup?: string;
  readonly details: Readonly<Record<string, unknown>> & { readonly summary?: string };
  readonly corrected: boolean;
  readonly history: readonly Amendment[];
}

export interface Timeline {
  readonly child: string;
  readonly perspective: { readonly kind: string; readonly agency?: string; readonly asOf?: string };
  readonly household: readonly { readonly adult: string; readonly relation: string; readonly from: string; readonly to?: string }[];
  readonly entries: readonly TimelineEntry[];
  readonly retracted: readonly TimelineEntry[];
  readonly total: number;
}

export interface Flag {
  readonly id: string;
  readonly rule: string;
  readonly theme: string;
  readonly child: string;
  readonly agencies: readonly string[];
  readonly evidence: readonly { readonly eventId: string; readonly entry: EntryRef; readonly role: string }[];
  readonly at: string;
  readonly dueBy?: string;
  readonly missing?: string;
  readonly delayDays?: number;
  readonly severity?: string;
  readonly explanation: string;
}

export interface Review {
  readonly reviewId: string;
  readonly kind: string;
  readonly title: string;
  readonly children: readonly string[];
  readonly period: { readonly from: string; readonly to: string };
  readonly status: 'open' | 'concluded';
  readonly openedAt: string;
  readonly concludedAt?: string;
  readonly summary?: string;
  readonly reviewers?: readonly { readonly agencyId: string; readonly practitionerRef?: string; readonly assignedAt: string }[];
  readonly findings?: readonly { readonly findingId: string; readonly theme: string; readonly text: string; readonly evidence: readonly { readonly eventId?: string; readonly entry: EntryRef }[]; readonly recordedBy?: { readonly agencyId: string }; readonly recordedAt?: string }[];
}

export interface DemoPrincipal {
  readonly agency: string;
  readonly agencyName: string;
  readonly role: Role;
  readonly label: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** Set by the app: what to do when the API says the token no longer works. */
let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: string; detail?: string };
    return new ApiError(response.status, body.code ?? `HTTP.${response.status}`, body.detail ?? response.statusText);
  } catch {
    return new ApiError(response.status, `HTTP.${response.status}`, response.statusText);
  }
}

export async function request(session: Session | undefined, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    const error = await problemOf(response);
    if (response.status === 401 && session) onUnauthorized();
    throw error;
  }
  return response;
}

export async function getJson<T>(session: Session | undefined, path: string): Promise<T> {
  return (await (await request(session, 'GET', path)).json()) as T;
}

export async function postJson<T>(session: Session | undefined, path: string, body: unknown): Promise<T> {
  return (await (await request(session, 'POST', path, body)).json()) as T;
}

export function query(params: Readonly<Record<string, string | readonly string[] | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join(',');
    if (text !== '') search.set(key, text);
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export const enc = encodeURIComponent;

export interface Amendment {
  readonly kind: 'corrected' | 'retracted';
  readonly eventId: string;
  readonly entry: EntryRef;
  readonly recordedAt: string;
  readonly reason: string;
  readonly changes?: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>>;
}
