// GraphiQL in Debian's Chromium: the page loads its linked script, styles and Monaco workers
// (served from /graphiql/, not inlined), renders its editors without a console error, and a
// second visit takes every asset from the browser's cache.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startRealServer, type RealServer } from './real-server.js';

const CHROMIUM = '/usr/bin/chromium';
let server: RealServer;
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`).toBe(true);
  server = await startRealServer({ graphiql: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('renders GraphiQL from cacheable assets, and the second visit downloads none of them', async () => {
  const context = await browser.newContext();
  const visits: { errors: string[]; assets: { file: string; fromCache: boolean }[] }[] = [];
  for (let visit = 0; visit < 2; visit += 1) {
    const page = await context.newPage();
    const errors: string[] = [];
    const assets: { file: string; fromCache: boolean }[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/graphiql/')) {
        void request
          .sizes()
          .then((sizes) => assets.push({ file: url.pathname, fromCache: sizes.responseHeadersSize <= 0 || sizes.responseBodySize <= 0 }));
      }
    });
    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.graphiql-container .monaco-editor', { timeout: 60_000 });
    await page.waitForTimeout(1000);
    visits.push({ errors, assets });
    await page.close();
  }
  await context.close();
  expect(visits[0]!.errors).toEqual([]);
  expect(visits[1]!.errors).toEqual([]);
  // The script, the styles, the icon and the three Monaco workers (Monaco may start a worker
  // twice while the page settles, so each distinct file counts once).
  const files = [...new Set(visits[0]!.assets.map((asset) => asset.file))];
  expect(files.map((file) => file.split('-')[0]).sort()).toEqual([
    '/graphiql/editor.worker',
    '/graphiql/favicon',
    '/graphiql/graphiql',
    '/graphiql/graphiql',
    '/graphiql/graphql.worker',
    '/graphiql/json.worker',
  ]);
  expect(visits[0]!.assets.some((asset) => !asset.fromCache)).toBe(true);
  expect(visits[1]!.assets.length).toBeGreaterThan(0);
  expect(visits[1]!.assets.filter((asset) => !asset.fromCache)).toEqual([]);
}, 120_000);
