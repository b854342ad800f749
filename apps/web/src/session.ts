import type { Role, Session } from './api';

const KEY = 'casetrail.session';

/** The token lives for the browser tab only (sessionStorage): closing the tab signs out. */
export function loadSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Session;
    return expired(session.token) ? undefined : session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** What a token says of itself (not verified here: the API verifies every call). */
export function claimsOf(token: string): { agency: string; role: Role; exp?: number } | undefined {
  const [, payload] = token.split('.');
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { agency?: unknown; role?: unknown; exp?: unknown };
    if (typeof json.agency !== 'string' || typeof json.role !== 'string') return undefined;
    return { agency: json.agency, role: json.role as Role, ...(typeof json.exp === 'number' ? { exp: json.exp } : {}) };
  } catch {
    return undefined;
  }
}

function expired(token: string): boolean {
  const exp = claimsOf(token)?.exp;
  return exp !== undefined && exp * 1000 < Date.now();
}

/** The access model, as the workbench applies it before asking: what a role may not see is not fetched. */
export const may = {
  readChild: (role: Role) => role === 'reviewer' || role === 'practitioner',
  readFlags: (role: Role) => role === 'reviewer',
  readIntegrated: (role: Role) => role === 'reviewer',
  listReviews: (role: Role) => role === 'reviewer' || role === 'administrator',
  manageReviews: (role: Role) => role === 'administrator',
  /** Concluding is the administrator's: a reviewer reads and records findings. */
  concludeReviews: (role: Role) => role === 'administrator',
  recordFindings: (role: Role) => role === 'reviewer',
  export: (role: Role) => role === 'reviewer',
  readStatistics: (role: Role) => role === 'leader' || role === 'administrator',
};
