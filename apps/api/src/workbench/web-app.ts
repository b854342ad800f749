import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The paths of the workbench's page: the only answers that carry its Content-Security-Policy. */
export const WORKBENCH_PAGES: readonly string[] = ['/', '/index.html'];

/**
 * Where `vite build` put the workbench (`dist/web`), from the compiled API (`dist/apps/api/src/workbench`)
 * or from its sources (tests run them through swc); `WEB_DIR` overrides both.
 */
export function workbenchRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.WEB_DIR ? [resolve(env.WEB_DIR)] : [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the built workbench at `/` beside the API. The client routes by the URL's fragment
 * (`/#/children/...`), so the server needs no catch-all: a path that is no file falls through to
 * the API's routes, and an unknown one still answers a problem+json 404.
 */
export function serveWorkbench(app: NestExpressApplication, root: string | undefined = workbenchRoot()): void {
  if (root === undefined) {
    app.use((req: { method: string; path: string }, res: { type(t: string): { status(s: number): { send(b: string): void } } }, next: () => void) => {
      if ((req.method === 'GET' || req.method === 'HEAD') && req.path === '/') {
        res.type('text/plain').status(503).send('The workbench is not built: run `npm run build` (or `npm start`, which builds first).\nThe API is up: see /docs.\n');
        return;
      }
      next();
    });
    return;
  }
  app.useStaticAssets(root, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    setHeaders: (res, path) => {
      // Vite names every asset by its content hash; the page itself must be fetched afresh.
      res.setHeader('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
