import { useEffect, useState } from 'react';

/**
 * Routes live in the URL's fragment (`#/children/c-1`), so the server serves one page at `/` and
 * never has to tell a page path from an API path.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'sign-in' }
  | { readonly name: 'child'; readonly child: string; readonly review?: string }
  | { readonly name: 'review'; readonly review: string }
  | { readonly name: 'dashboard' }
  | { readonly name: 'not-found'; readonly path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'sign-in' && parts.length === 1) return { name: 'sign-in' };
  if (parts[0] === 'dashboard' && parts.length === 1) return { name: 'dashboard' };
  if (parts[0] === 'children' && parts.length === 2) return { name: 'child', child: parts[1] };
  if (parts[0] === 'reviews' && parts.length === 2) return { name: 'review', review: parts[1] };
  if (parts[0] === 'reviews' && parts[2] === 'children' && parts.length === 4) return { name: 'child', review: parts[1], child: parts[3] };
  return { name: 'not-found', path };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.name) {
    case 'home':
      return '#/';
    case 'sign-in':
      return '#/sign-in';
    case 'dashboard':
      return '#/dashboard';
    case 'review':
      return `#/reviews/${e(route.review)}`;
    case 'child':
      return route.review ? `#/reviews/${e(route.review)}/children/${e(route.child)}` : `#/children/${e(route.child)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
