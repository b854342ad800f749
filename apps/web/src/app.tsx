import { useEffect, useMemo, useState } from 'react';
import { getJson, whenUnauthorized, type DemoPrincipal, type Session } from './api';
import { AgencyNames } from './agencies';
import { href, navigate, useRoute } from './router';
import { ChildScreen } from './screens/child';
import { DashboardScreen } from './screens/dashboard';
import { HomeScreen } from './screens/home';
import { ReviewScreen } from './screens/review';
import { SignInScreen } from './screens/sign-in';
import { loadSession, may, saveSession } from './session';

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  const signIn = (next: Session) => {
    saveSession(next);
    setSession(next);
    navigate({ name: 'home' });
  };
  const signOut = () => {
    saveSession(undefined);
    setSession(undefined);
    navigate({ name: 'sign-in' });
  };

  useEffect(() => whenUnauthorized(signOut), []);
  // Agency names come with the demo principals (public, embedded mode); elsewhere the lanes show ids.
  useEffect(() => {
    getJson<{ principals: DemoPrincipal[] }>(undefined, '/sign-in/demo/principals').then(
      ({ principals }) => setNames(new Map(principals.map((p) => [p.agency, p.agencyName]))),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    document.title = `${titleOf(route.name)} - Casetrail review workbench`;
  }, [route]);

  const screen = useMemo(() => {
    if (!session || route.name === 'sign-in') return <SignInScreen onSignIn={signIn} />;
    switch (route.name) {
      case 'home':
        return <HomeScreen session={session} />;
      case 'child':
        return <ChildScreen key={`${route.child}/${route.review ?? ''}`} session={session} child={route.child} review={route.review} />;
      case 'review':
        return <ReviewScreen key={route.review} session={session} reviewId={route.review} />;
      case 'dashboard':
        return <DashboardScreen session={session} />;
      case 'not-found':
        return (
          <div className="notice" role="alert">
            <strong>No such page</strong> <a href={href({ name: 'home' })}>Go to the start</a>
          </div>
        );
    }
  }, [route, session]);

  return (
    <AgencyNames.Provider value={names}>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href={href({ name: 'home' })}>Casetrail <span>review workbench</span></a>
        {session && (
          <nav aria-label="Main">
            <a href={href({ name: 'home' })}>Start</a>
            {may.readStatistics(session.role) && <a href={href({ name: 'dashboard' })}>Dashboard</a>}
            <a href="/docs" target="_blank" rel="noreferrer">API docs</a>
          </nav>
        )}
        {session && (
          <div className="who" data-testid="signed-in-as">
            Signed in as <strong>{session.label}</strong>
            <button type="button" className="link-button" onClick={signOut}>Sign out</button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>{screen}</main>
      <footer className="app-footer">All people shown here are synthetic. Casetrail keeps every entry; what you may see depends on your role.</footer>
    </AgencyNames.Provider>
  );
}

function titleOf(name: string): string {
  return { home: 'Start', 'sign-in': 'Sign in', child: 'Child timeline', review: 'Review', dashboard: 'Leadership dashboard', 'not-found': 'Not found' }[name] ?? 'Casetrail';
}
