import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, getJson, postJson, type DemoPrincipal, type Role, type Session } from '../api';
import { Failure } from '../components/status';
import { claimsOf } from '../session';
import { useAsync } from '../use-async';

const ROLE_ORDER: readonly Role[] = ['reviewer', 'practitioner', 'leader', 'administrator'];
const ROLE_HELP: Readonly<Record<Role, string>> = {
  reviewer: "Reads the children of the reviews it is assigned to: timelines, flags, what each agency knew; records findings.",
  practitioner: 'Sees what its own agency knew about a child, and when.',
  leader: 'Sees aggregate statistics only, never a child.',
  administrator: 'Opens reviews and assigns reviewers; sees the statistics.',
};

export function SignInScreen({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const [principals, reloadPrincipals] = useAsync(() => getJson<{ principals: DemoPrincipal[] }>(undefined, '/sign-in/demo/principals'), []);
  const [choice, setChoice] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);

  const demo = principals.state === 'ready' ? principals.value.principals : [];
  // The first offered principal (a reviewer, when a review is assigned) is chosen to begin with.
  const current = choice || (demo[0] ? `${demo[0].agency}:${demo[0].role}` : '');
  const demoOff = principals.state === 'failed' && principals.error instanceof ApiError && principals.error.status === 404;
  const empty = principals.state === 'ready' && demo.every((p) => p.role !== 'practitioner');
  const [loadingDemo, setLoadingDemo] = useState(false);

  // After loading, the read models catch up in the background: ask again until the demo review shows.
  useEffect(() => {
    if (!loadingDemo) return;
    if (!empty && demo.some((p) => p.role === 'reviewer')) return setLoadingDemo(false);
    const timer = window.setTimeout(reloadPrincipals, 1_000);
    return () => window.clearTimeout(timer);
  }, [loadingDemo, empty, demo, reloadPrincipals]);

  const loadDemo = async () => {
    setError(undefined);
    setLoadingDemo(true);
    try {
      await postJson(undefined, '/sign-in/demo/load', {});
      reloadPrincipals();
    } catch (e) {
      setLoadingDemo(false);
      setError(e as Error);
    }
  };

  const signInAsDemo = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = demo.find((p) => `${p.agency}:${p.role}` === current);
    if (!chosen) return setError(new Error('Choose who to sign in as.'));
    setBusy(true);
    setError(undefined);
    try {
      const answer = await postJson<{ token: string }>(undefined, '/sign-in/demo/token', { agency: chosen.agency, role: chosen.role });
      onSignIn({ token: answer.token, agency: chosen.agency, role: chosen.role, label: chosen.label });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const signInWithToken = async (event: FormEvent) => {
    event.preventDefault();
    const text = token.trim().replace(/^Bearer\s+/i, '');
    const claims = claimsOf(text);
    if (!claims) return setError(new Error('That is not a Casetrail token (a JWT naming an agency and a role).'));
    setBusy(true);
    setError(undefined);
    try {
      // The API is the judge: /me answers only for a token it verifies.
      const me = await getJson<{ agency: string; role: Role }>({ token: text, agency: claims.agency, role: claims.role, label: '' }, '/me');
      onSignIn({ token: text, agency: me.agency, role: me.role, label: `${me.role} of ${me.agency}` });
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <h1>Sign in</h1>
      <p className="lead">The workbench shows a child's multi-agency timeline, what each agency knew and when, and where information stopped.</p>
      {error && <Failure error={error} what="the sign-in" />}
      {!demoOff && (
        <form onSubmit={signInAsDemo} className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo sign-in</h2>
          <p className="muted">Pick a demo principal: an agency and a role from the demo data (offered in embedded mode only). To see a missed sharing, sign in as the reviewer and open a child flagged "Risk not shared".</p>
          <button type="submit" className="primary" disabled={busy || current === ''}>Sign in as demo principal</button>
          {principals.state === 'loading' && <p role="status">Loading demo principals…</p>}
          {principals.state === 'failed' && !demoOff && <Failure error={principals.error} what="the demo principals" />}
          {(empty || loadingDemo) && (
            <div className="notice">
              <p>No agencies are registered yet: load the synthetic demo cases (16 children, one per detection rule, and a review assigned to a demo reviewer), or run <code>npm run demo</code> before <code>npm start</code>.</p>
              <button type="button" className="primary" onClick={loadDemo} disabled={loadingDemo} data-testid="load-demo">
                {loadingDemo ? 'Loading the demo cases… (about half a minute)' : 'Load the demo data'}
              </button>
            </div>
          )}
          <div className="principal-grid">
          {ROLE_ORDER.map((role) => {
            const ofRole = demo.filter((p) => p.role === role);
            if (ofRole.length === 0) return null;
            return (
              <fieldset key={role} className={`principals principals-${role}`}>
                <legend>{role.charAt(0).toUpperCase() + role.slice(1)}</legend>
                <p className="muted small">{ROLE_HELP[role]}</p>
                {ofRole.map((p) => {
                  const id = `${p.agency}:${p.role}`;
                  return (
                    <label key={id} className="principal">
                      <input type="radio" name="principal" value={id} checked={current === id} onChange={() => setChoice(id)} data-principal={id} />
                      {p.label}
                    </label>
                  );
                })}
              </fieldset>
            );
          })}
          </div>
        </form>
      )}
      <form onSubmit={signInWithToken} className="card" aria-labelledby="token-heading">
        <h2 id="token-heading">Sign in with a bearer token</h2>
        <label htmlFor="token">Token (from your identity provider, or <code>casetrail token</code>)</label>
        <textarea id="token" rows={3} value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} autoComplete="off" />
        <button type="submit" disabled={busy || token.trim() === ''}>Sign in with token</button>
      </form>
    </div>
  );
}
