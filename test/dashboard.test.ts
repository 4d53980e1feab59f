// The dashboard at `/`, served by the real HTTP server and driven in Debian's Chromium
// (/usr/bin/chromium, headless, a fresh temporary profile; `.ci/run` installs it with apt-get,
// nothing is downloaded).
// Screenshots go to test/artifacts/ (ignored by git).
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { buildDashboard, createDashboard, type DashboardHandler } from '../src/server/dashboard.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { attachGraphQLWebSocket } from '../src/server/websocket.js';

const CHROMIUM = '/usr/bin/chromium';
const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url));
const WAIT = 10_000;

interface Running {
  app: App;
  base: string;
  key: string;
  close(): Promise<void>;
}

/** The production set-up in one process: CSRF prevention on, the dashboard, SSE and WebSocket. */
async function start(dashboard: DashboardHandler): Promise<Running> {
  const app = createApp({ databasePath: ':memory:', seedOnStart: true, graphiql: false, logging: false, csrfPrevention: true });
  const key = createApiKey(app.db, { name: 'writer', scopes: ['write'] }).key;
  const server: Server = createHttpServer(app.yoga, { db: app.db, dashboard });
  const sockets = attachGraphQLWebSocket(server, app.yoga);
  const base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  return {
    app,
    base,
    key,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise((resolve) => sockets.close(resolve));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      app.close();
    },
  };
}

async function graphql<T>(running: Running, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${running.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${running.key}`, 'x-graphql-yoga-csrf': 'test' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

describe('dashboard assets', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start(createDashboard().handler);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('serves the page, the bundle and the styles with their types, no-cache and a self-only CSP', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/assets/main.js', 'text/javascript'],
      ['/assets/styles.css', 'text/css'],
    ] as const) {
      const response = await fetch(`${running.base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const etag = response.headers.get('etag')!;
      expect((await fetch(`${running.base}${path}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
    const html = await (await fetch(`${running.base}/`)).text();
    // Offline: the page loads nothing from another host.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await fetch(`${running.base}/assets/nope.js`)).status).toBe(404);
    // The API is untouched.
    expect((await fetch(`${running.base}/health`)).status).toBe(200);
  });

  it('a failed build leaves the API running and answers 503 at /', async () => {
    const broken = await start(createDashboard({ assets: Promise.reject(new Error('esbuild exploded')) }).handler);
    try {
      const page = await fetch(`${broken.base}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('/graphql');
      const data = await graphql<{ program: { gpuTotal: { quantity: number } } }>(broken, '{ program(slug: "korea-2025") { gpuTotal { quantity } } }');
      expect(data.program.gpuTotal.quantity).toBe(260_000);
    } finally {
      await broken.close();
    }
  });

  it('builds in well under a second', async () => {
    const started = Date.now();
    const built = await buildDashboard();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(built.script.body.length).toBeGreaterThan(1000);
  });
});

// A failing test, not only a failed hook with skipped tests, when the browser is absent.
describe("Debian's Chromium", () => {
  it(`is installed at ${CHROMIUM}`, () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`).toBe(true);
  });
});

describe('dashboard in Chromium', () => {
  let running: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const graphqlBodies: { path: string; body: string }[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium; .ci/run does it). The browser test never downloads a browser.`);
    }
    running = await start(createDashboard().handler);
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(WAIT);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // CSP violations, failed loads and the page's own errors all land on the console.
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/graphql') && request.method() === 'POST') graphqlBodies.push({ path, body: request.postData() ?? '' });
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await running?.close();
  });

  it('shows the headline, five partner bars, a Korean quote on a bar, and a write without reload', async () => {
    await page.goto(`${running.base}/`, { timeout: WAIT });
    const headline = page.getByTestId('headline-total');
    await expect.poll(() => headline.textContent(), { timeout: WAIT }).toContain('260,000');
    expect(await headline.textContent()).toBe('≈ 260,000');
    await expect.poll(() => page.textContent('#headline'), { timeout: WAIT }).toContain('at least 210,000');
    expect(await page.getByTestId('capacity').textContent()).toBe('≈ 65,000 → ≈ 325,000');

    const bars = page.locator('svg [data-partner-bar]');
    expect(await bars.count()).toBe(5);
    expect(await page.locator('svg [data-partner-bar] rect[data-bound]').count()).toBe(5);
    // The table equivalent has the same five rows.
    expect(await page.locator('#partners table tbody tr').count()).toBe(5);

    // Keyboard: focus Hyundai's bar and press Enter; its citations open with the Korean quote.
    const hyundai = page.locator('svg [data-partner-bar][aria-label^="Hyundai Motor Group"]');
    await hyundai.focus();
    await page.keyboard.press('Enter');
    const quote = page.locator('dialog[open] blockquote[lang="ko"]', { hasText: '최대 5만 개' }).first();
    await quote.waitFor({ state: 'visible', timeout: WAIT });
    expect(await quote.textContent()).toContain('최대 5만 개');
    await page.screenshot({ path: join(artifacts, 'dashboard-citations.png') });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: WAIT });

    // A click on a bar works too (the government's).
    await page.locator('svg [data-partner-bar][aria-label^="Government"]').click();
    await page.locator('dialog[open] blockquote[lang="ko"]').first().waitFor({ state: 'visible', timeout: WAIT });
    await page.keyboard.press('Escape');

    // Live: once subscribed, a write through the API moves the page without a reload.
    await expect.poll(() => page.textContent('#live'), { timeout: WAIT }).toBe('● live');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const ids = await graphql<{ program: { id: string }; kt: { id: string } }>(running, '{ program(slug: "korea-2025") { id } kt: partner(slug: "kt") { id } }');
    const created = await graphql<{ createAllocation: { __typename: string } }>(
      running,
      'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
      { input: { programId: ids.program.id, partnerId: ids.kt.id, quantity: 1234, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-02-01' } },
    );
    expect(created.createAllocation.__typename).toBe('CreateAllocationPayload');
    await expect.poll(() => headline.textContent(), { timeout: WAIT }).toBe('≈ 261,234');
    expect(await bars.count()).toBe(6);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The currency switch shows the rate used.
    await page.locator('button[data-currency="KRW"]').click();
    await expect.poll(() => page.getByTestId('investment-total').textContent(), { timeout: WAIT }).toContain('₩4,000,000,000,000');
    expect(await page.textContent('#investments')).toContain('3,000,000,000 USD = 4,000,000,000,000 KRW');

    // Korean names.
    await page.locator('#lang-toggle').click();
    expect(await page.locator('#partners table tbody th[scope=row] [lang="ko"]').count()).toBe(6);

    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });

    // Every query the page made went by persisted hash, never as document text; only the two
    // subscriptions went as text, over graphql-sse.
    const queries = graphqlBodies.filter((request) => request.path === '/graphql');
    expect(queries.length).toBeGreaterThan(3);
    for (const { body } of queries) {
      const parsed = JSON.parse(body) as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
      expect(parsed.query).toBeUndefined();
      expect(parsed.extensions?.persistedQuery?.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const streamed = graphqlBodies.filter((request) => request.path === '/graphql/stream').map(({ body }) => (JSON.parse(body) as { query: string }).query);
    expect(streamed.sort()).toEqual([expect.stringMatching(/^subscription AllocationChanged/), expect.stringMatching(/^subscription ProgramTotalsChanged/)]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('is readable at phone width (375 px) without sideways scrolling', async () => {
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 375, height: 812 });
      await phone.goto(`${running.base}/`, { timeout: WAIT });
      await expect.poll(() => phone.getByTestId('headline-total').textContent(), { timeout: WAIT }).toContain('261,234');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await phone.screenshot({ path: join(artifacts, 'dashboard-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  }, 30_000);
});
