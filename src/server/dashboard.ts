// The dashboard at `/` (the world view) and `/programs/<slug>` (one programme's view, the same
// page routed in the browser): web/main.ts bundled by esbuild once, in memory, when the server starts
// (no build step, no files written, nothing from a CDN), and served with web/index.html and
// web/styles.css. A failed build leaves the API running and `/` answering 503.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Logger } from './log.js';

const webDir = fileURLToPath(new URL('../../web/', import.meta.url));

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

export interface DashboardAssets {
  html: Asset;
  script: Asset;
  styles: Asset;
}

/** Answers dashboard paths and returns true; returns false for every other path. */
export type DashboardHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

function asset(body: Buffer | string, type: string): Asset {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  return { body: buffer, type, etag: `"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"` };
}

/** Bundles web/main.ts (ESM, minified, ES2022) and reads the page and its styles. */
export async function buildDashboard(): Promise<DashboardAssets> {
  const [result, html, styles] = await Promise.all([
    build({
      entryPoints: [`${webDir}main.ts`],
      bundle: true,
      format: 'esm',
      minify: true,
      target: 'es2022',
      platform: 'browser',
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    }),
    readFile(`${webDir}index.html`),
    readFile(`${webDir}styles.css`),
  ]);
  const script = result.outputFiles[0];
  if (!script) throw new Error('esbuild produced no output');
  return {
    html: asset(html, 'text/html; charset=utf-8'),
    script: asset(Buffer.from(script.contents), 'text/javascript; charset=utf-8'),
    styles: asset(styles, 'text/css; charset=utf-8'),
  };
}

/** Only this origin: the bundle, the styles and the API; no inline script, no other host. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const unavailable = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Dashboard unavailable</title>
<h1>Dashboard unavailable</h1><p>The dashboard could not be built; the GraphQL API at <a href="/graphql">/graphql</a> still works. See the server log.</p></html>`;

/** A programme's own view: the page itself, routed by web/main.ts; the slug rule is the database's. */
const programPath = /^\/programs\/[a-z0-9][a-z0-9-]{0,79}\/?$/;

const isPage = (path: string) => path === '/' || path === '/index.html' || programPath.test(path);

/**
 * Starts building at once and answers `/`, `/index.html`, `/programs/<slug>`, `/assets/main.js`
 * and `/assets/styles.css` (GET and HEAD); requests that arrive during the build wait for it.
 */
export function createDashboard(options: { logger?: Logger; assets?: Promise<DashboardAssets> } = {}): {
  handler: DashboardHandler;
  ready: Promise<boolean>;
} {
  const started = Date.now();
  const assets = (options.assets ?? buildDashboard()).then(
    (built) => {
      options.logger?.info('dashboard built', { ms: Date.now() - started, scriptBytes: built.script.body.length });
      return built;
    },
    (error: unknown) => {
      options.logger?.error('dashboard build failed; / answers 503', { error: error instanceof Error ? error.message : String(error) });
      return null;
    },
  );
  const handler: DashboardHandler = async (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!isPage(path) && !path.startsWith('/assets/')) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('Method Not Allowed');
      return true;
    }
    const built = await assets;
    const headers = {
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (!built) {
      response.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : unavailable);
      return true;
    }
    const file = isPage(path)
      ? built.html
      : path === '/assets/main.js'
        ? built.script
        : path === '/assets/styles.css'
          ? built.styles
          : null;
    if (!file) {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not Found');
      return true;
    }
    // Revalidate every time (the bundle changes with each start); a matching ETag costs a 304.
    const common = { ...headers, 'cache-control': 'no-cache', etag: file.etag };
    if (request.headers['if-none-match'] === file.etag) {
      response.writeHead(304, common);
      response.end();
      return true;
    }
    response.writeHead(200, { ...common, 'content-type': file.type, 'content-length': String(file.body.length) });
    response.end(request.method === 'HEAD' ? undefined : file.body);
    return true;
  };
  return { handler, ready: assets.then((built) => built !== null) };
}
