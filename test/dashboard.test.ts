// The dashboard at `/`, served by the real HTTP server and driven in Debian's Chromium
// (/usr/bin/chromium, headless, a fresh temporary profile; `.ci/run` installs it with apt-get,
// nothing is downloaded).
// Screenshots go to test/artifacts/ (ignored by git).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
/** axe-core's browser build, run in the page by evaluation (the page's CSP forbids injected script tags). */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical violations axe-core finds on the page as it is now. */
async function seriousViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

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
  const server: Server = createHttpServer(app, { db: app.db, dashboard });
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
      const data = await graphql<{ program: { gpuTotal: { quantity: number } } }>(
        broken,
        '{ program(slug: "korea-2025") { gpuTotal { quantity } } }',
      );
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
      throw new Error(
        `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium; .ci/run does it). The browser test never downloads a browser.`,
      );
    }
    running = await start(createDashboard().handler);
    mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 30_000,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-quic',
        '--disable-sync',
      ],
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
    // The total as the sources state it, flagged as disputed; the sum of the parts beside it.
    expect(await headline.textContent()).toBe('≈ 260,000');
    expect(await page.textContent('#headline')).toContain('Sources disagree on whether this total is a ceiling or a floor');
    await expect.poll(() => page.getByTestId('headline-sum').textContent(), { timeout: WAIT }).toContain('at least 150,000');
    // National capacity: the stated "30만 개 이상", not a sum no source states; the sum is labelled as ours.
    expect(await page.getByTestId('capacity').textContent()).toBe('≈ 65,000 → at least 300,000');
    expect(await page.getByTestId('capacity-computed').textContent()).toContain('which no source states: ≈ 325,000');

    const bars = page.locator('svg [data-partner-bar]');
    expect(await bars.count()).toBe(5);
    expect(await page.locator('svg [data-partner-bar] rect[data-bound]').count()).toBe(5);
    // A bar whose bound the sources dispute says so, in words; the government's "up to" is undisputed.
    const naver = bars.filter({ hasText: 'NAVER Cloud' });
    expect(await naver.getAttribute('data-disputed')).toBe('true');
    expect(await naver.textContent()).toContain('⚠ sources disagree');
    expect(await naver.textContent()).toContain('≈ 60,000 GPUs');
    expect(await bars.filter({ hasText: 'Government' }).getAttribute('data-disputed')).toBeNull();
    // Each bar's accessible name is its visible text (no aria-label to drift from it).
    expect(await bars.evaluateAll((elements) => elements.filter((element) => element.hasAttribute('aria-label')).length)).toBe(0);
    await page.getByRole('button', { name: /^Hyundai Motor Group ?⚠ sources disagree/ }).waitFor({ timeout: WAIT });
    // The table equivalent has the same five rows.
    expect(await page.locator('#partners table tbody tr').count()).toBe(5);

    // Initiatives without an allocation do not show a "0 GPUs" no source states; domains read as words.
    const initiatives = (await page.textContent('#initiatives')) ?? '';
    expect(initiatives).toContain('no GPU allocation recorded');
    expect(initiatives).not.toMatch(/(^|[^\d,])0 GPUs/);
    expect(initiatives).toContain('Physical AI');
    expect(initiatives).toContain('Sovereign AI');
    expect(initiatives).not.toMatch(/Physical ai|Sovereign ai/);
    // Approximate money has no cents; the co-investors' undisclosed split is said where they are listed.
    const investments = (await page.textContent('#investments')) ?? '';
    expect(investments).toContain('≈ $3,000,000,000');
    expect(investments).not.toContain('.00');
    expect(await page.getByTestId('share-note').textContent()).toContain('not disclosed');
    expect(await page.locator('#investments .badge').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The panels speak words, not API names: the capacity's sources, then the programme's disputes.
    await page.getByTestId('capacity').click();
    await page.locator('dialog[open] li.citation').first().waitFor({ state: 'visible', timeout: WAIT });
    expect(await seriousViolations(page)).toEqual([]);
    const capacityPanel = (await page.textContent('dialog[open]')) ?? '';
    expect(capacityPanel).toContain('30만 개 이상');
    expect(capacityPanel).not.toMatch(/installedBaseGpus|statedCapacityAfter|UP_TO|AT_LEAST/);
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: WAIT });
    await page.locator('#headline .badge').click();
    await page.locator('dialog[open] ul.discrepancies').waitFor({ state: 'visible', timeout: WAIT });
    const disputes = (await page.textContent('dialog[open]')) ?? '';
    expect(disputes).toContain('ceiling');
    expect(disputes).not.toMatch(/\b[A-Z]+_[A-Z_]+\b|allocations\.bound|statedGpuTotal|[Tt]he seed/);
    await page.screenshot({ path: join(artifacts, 'dashboard-disputes.png') });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: WAIT });

    // Keyboard: focus Hyundai's bar and press Enter; its citations open with the Korean quote.
    const hyundai = bars.filter({ hasText: 'Hyundai Motor Group' });
    await hyundai.focus();
    await page.keyboard.press('Enter');
    const quote = page.locator('dialog[open] blockquote[lang="ko"]', { hasText: '최대 5만 개' }).first();
    await quote.waitFor({ state: 'visible', timeout: WAIT });
    expect(await quote.textContent()).toContain('최대 5만 개');
    await page.screenshot({ path: join(artifacts, 'dashboard-citations.png') });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: WAIT });

    // A click on a bar works too (the government's).
    await bars.filter({ hasText: 'Government' }).click();
    await page.locator('dialog[open] blockquote[lang="ko"]').first().waitFor({ state: 'visible', timeout: WAIT });
    await page.keyboard.press('Escape');

    // Live: once subscribed, a write through the API moves the page without a reload.
    await expect.poll(() => page.textContent('#live'), { timeout: WAIT }).toBe('● live');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const ids = await graphql<{ program: { id: string }; kt: { id: string } }>(
      running,
      '{ program(slug: "korea-2025") { id } kt: partner(slug: "kt") { id } }',
    );
    const created = await graphql<{ createAllocation: { __typename: string } }>(
      running,
      'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
      {
        input: {
          programId: ids.program.id,
          partnerId: ids.kt.id,
          quantity: 1234,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2026-02-01',
        },
      },
    );
    expect(created.createAllocation.__typename).toBe('CreateAllocationPayload');
    await expect.poll(() => page.getByTestId('headline-sum').textContent(), { timeout: WAIT }).toContain('≈ 261,234');
    // The stated total stays what the sources state.
    expect(await headline.textContent()).toBe('≈ 260,000');
    expect(await bars.count()).toBe(6);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The currency switch shows the rate used.
    await page.locator('button[data-currency="KRW"]').click();
    // Per unit, and which kind of rate it is.
    await expect.poll(() => page.getByTestId('investment-total').textContent(), { timeout: WAIT }).toContain('₩4,295,100,000,000');
    expect(await page.getByTestId('rate').textContent()).toBe('1 USD = 1,431.7 KRW');
    expect(await page.textContent('#investments')).toContain('market rate of 2025-10-29');

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
    const streamed = graphqlBodies
      .filter((request) => request.path === '/graphql/stream')
      .map(({ body }) => (JSON.parse(body) as { query: string }).query);
    expect(streamed.sort()).toEqual([
      expect.stringMatching(/^subscription AllocationChanged/),
      expect.stringMatching(/^subscription ProgramTotalsChanged/),
    ]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('is readable at phone width (390 px): no page scrolling, a cue on every table that scrolls, no serious axe findings', async () => {
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${running.base}/`, { timeout: WAIT });
      await expect.poll(() => phone.getByTestId('headline-sum').textContent(), { timeout: WAIT }).toContain('261,234');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // A table wider than the screen is marked and preceded by a visible line saying it scrolls.
      const wraps = await phone.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.table-wrap')].map((wrap) => ({
          overflows: wrap.scrollWidth > wrap.clientWidth + 1,
          marked: wrap.classList.contains('scrolls'),
          hint:
            wrap.previousElementSibling?.classList.contains('scroll-hint') === true &&
            (wrap.previousElementSibling as HTMLElement).offsetHeight > 0,
        })),
      );
      expect(wraps.length).toBeGreaterThan(0);
      expect(wraps.filter((wrap) => wrap.overflows !== wrap.marked || wrap.overflows !== wrap.hint)).toEqual([]);
      expect(
        wraps.some((wrap) => wrap.overflows),
        'some table is wider than a phone (else the cue goes untested)',
      ).toBe(true);
      expect(await seriousViolations(phone)).toEqual([]);
      await phone.screenshot({ path: join(artifacts, 'dashboard-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  }, 30_000);
});
