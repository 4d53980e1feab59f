// The dashboard, served by the real HTTP server: the world view at `/` (with the made-up programmes
// of test/fixtures/world-test-programmes.json beside the seed's, so there is something to compare)
// and each programme's view at `/programs/<slug>`, and driven in Debian's Chromium
// (/usr/bin/chromium, headless, a fresh temporary profile; `.ci/run` installs it with apt-get,
// nothing is downloaded).
// Screenshots go to test/artifacts/ (ignored by git).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDashboard, createDashboard, type DashboardHandler } from '../src/server/dashboard.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { addWorldFixture } from './fixtures/world.js';
import { graphql } from './helpers.js';
import { startRealServer, type RealServer } from './real-server.js';

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

/**
 * The production set-up in one process: CSRF prevention on, the dashboard, SSE and WebSocket,
 * seeded as at a first start (every bundled programme). With `fixture`, Korea alone and the
 * fixture's made-up programmes beside it, so the comparisons have known answers.
 */
function start(dashboard: DashboardHandler, options: { fixture?: boolean } = {}): Promise<RealServer> {
  return startRealServer({
    seedOnStart: !options.fixture,
    seedDatasets: undefined,
    csrfPrevention: true,
    http: { dashboard },
    setup: (app) => {
      if (!options.fixture) return;
      seedDatabase(app.db, { only: ['korea-2025'] });
      addWorldFixture(app.db);
    },
  });
}

/** `graphql()` with the server's writer key and the CSRF header; the data, or a thrown error. */
async function answer<T>(running: RealServer, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { body } = await graphql<T>(running, query, variables, {
    key: running.writeKey,
    headers: { 'x-graphql-yoga-csrf': 'test' },
    accept: null,
  });
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

describe('dashboard assets', () => {
  let running: RealServer;
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
      const response = await fetch(`${running.origin}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const etag = response.headers.get('etag')!;
      expect((await fetch(`${running.origin}${path}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    }
    const html = await (await fetch(`${running.origin}/`)).text();
    // Offline: the page loads nothing from another host.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await fetch(`${running.origin}/assets/nope.js`)).status).toBe(404);
    // A programme's own view is the same page, routed in the browser; a path no slug can have is not.
    const programPage = await fetch(`${running.origin}/programs/korea-2025`);
    expect(programPage.status).toBe(200);
    expect(programPage.headers.get('content-type')).toContain('text/html');
    expect(await programPage.text()).toBe(html);
    expect((await fetch(`${running.origin}/programs/Not_A_Slug`)).status).toBe(404);
    expect((await fetch(`${running.origin}/programs/korea-2025/partners`)).status).toBe(404);
    // The API is untouched.
    expect((await fetch(`${running.origin}/health`)).status).toBe(200);
  });

  it('a failed build leaves the API running and answers 503 at /', async () => {
    const broken = await start(createDashboard({ assets: Promise.reject(new Error('esbuild exploded')) }).handler);
    try {
      const page = await fetch(`${broken.origin}/`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('/graphql');
      const data = await answer<{ program: { gpuTotal: { quantity: number } } }>(
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
  let running: RealServer;
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
    running = await start(createDashboard().handler, { fixture: true });
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

  /** The programme slugs of the world table's rows, top to bottom. */
  const rowOrder = (target: Page = page) =>
    target.locator('#world tbody tr[data-program-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-program-row')));
  const figure = (slug: string, kind: 'gpus' | 'money') => page.locator(`#world [data-figure="${kind}"][data-program="${slug}"]`);
  /** The figure as it reads on screen (its button also holds hidden words for its accessible name). */
  const shown = (slug: string, kind: 'gpus' | 'money') => figure(slug, kind).locator('[data-shown]').textContent();
  const closePanel = async () => {
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached', timeout: WAIT });
  };
  const KOREA = 'korea-2025';
  const EXAMPLELAND = 'test-exampleland-2025';
  const SAMPLESTAN = 'test-samplestan-2024';

  it('compares the programmes at /: bounds in words, money in one currency with its rates, keyboard sorting with aria-sort', async () => {
    await page.goto(`${running.origin}/`, { timeout: WAIT });
    await expect.poll(() => rowOrder(), { timeout: WAIT }).toHaveLength(3);
    expect(await page.textContent('h1')).toBe('National AI-factory programmes');
    // Largest first: the fixture's floor, Korea's stated "about", the fixture's ceiling.
    expect(await rowOrder()).toEqual([SAMPLESTAN, KOREA, EXAMPLELAND]);
    expect(await page.locator('#world th[aria-sort]').count()).toBe(1);
    expect(await page.locator('#world th[aria-sort="descending"]').textContent()).toContain('GPUs');
    expect(await shown(KOREA, 'gpus')).toBe('≈ 260,000');
    expect(await shown(EXAMPLELAND, 'gpus')).toBe('up to 10,000');
    expect(await shown(SAMPLESTAN, 'gpus')).toBe('at least 302,000');
    // Korea's stated total comes with the sum of its parts and the floor the sources support.
    const koreaRow = page.locator(`#world tr[data-program-row="${KOREA}"]`);
    expect(await koreaRow.textContent()).toContain('stated total; allocations: ≈ 260,000 (at least 150,000)');
    expect(await page.locator(`#world tr[data-program-row="${SAMPLESTAN}"]`).textContent()).toContain('sum of the allocations');
    // Each figure is a button whose name starts with what it shows and says what it is.
    await page.getByRole('button', { name: 'up to 10,000 GPUs in Exampleland sovereign compute (test data), show the sources' }).waitFor();

    // Money in the chosen currency, the currency named; a programme whose money has no rate says so, alone.
    expect(await page.locator('#world th', { hasText: 'Money in USD' }).count()).toBe(1);
    expect(await shown(KOREA, 'money')).toBe('≈ $3B');
    expect(await shown(EXAMPLELAND, 'money')).toBe('≈ $1.1B');
    // The full amount is in the figure's name.
    await page
      .getByRole('button', { name: '≈ $1.1B (≈ $1,140,000,000) invested in Exampleland sovereign compute (test data), show the sources' })
      .waitFor();
    expect(await page.locator(`[data-money-missing="${SAMPLESTAN}"]`).textContent()).toBe('no rate to USD');
    const rates = (await page.getByTestId('rates-used').textContent()) ?? '';
    expect(rates).toContain('1 EUR = 1.14 USD');
    expect(rates).toContain('market rate of 2025-06-02');
    expect(rates).toContain('no stored rate converts GBP to USD');
    expect(await seriousViolations(page)).toEqual([]);

    // Sorting by keyboard: focus a header's button, press Enter; focus stays on it and aria-sort follows.
    const byName = page.locator('#world button[data-sort="name"]');
    await byName.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#world th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('#world th[aria-sort]').textContent()).toContain('Programme');
    expect(await rowOrder()).toEqual([EXAMPLELAND, KOREA, SAMPLESTAN]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-sort'))).toBe('name');
    expect(await page.textContent('#announce')).toBe('Sorted by Programme, ascending.');
    await page.keyboard.press(' ');
    await expect.poll(() => rowOrder()).toEqual([SAMPLESTAN, KOREA, EXAMPLELAND]);
    expect(await page.locator('#world th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    // A programme without a total sorts last both ways: an unknown is not a zero.
    await page.locator('#world button[data-sort="money"]').click();
    expect(await rowOrder()).toEqual([KOREA, EXAMPLELAND, SAMPLESTAN]);
    await page.locator('#world button[data-sort="money"]').click();
    expect(await rowOrder()).toEqual([EXAMPLELAND, KOREA, SAMPLESTAN]);
    await page.locator('#world button[data-sort="announced"]').click();
    expect(await rowOrder()).toEqual([KOREA, EXAMPLELAND, SAMPLESTAN]);
    expect(await seriousViolations(page)).toEqual([]);

    // Another currency: amounts stated in it are not converted; the rate used is shown (here inverted).
    await page.selectOption('#world-currency', 'EUR');
    await expect.poll(() => shown(EXAMPLELAND, 'money'), { timeout: WAIT }).toBe('≈ €1B');
    expect(await page.locator('#world th', { hasText: 'Money in EUR' }).count()).toBe(1);
    // Korea's dollars at the nearest rate (the fixture's, inverted), and the rate named.
    expect(await shown(KOREA, 'money')).toBe('≈ €2.6B');
    expect(await page.getByTestId('rates-used').textContent()).toContain('Exchange rates used for EUR1 EUR = 1.14 USD');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('world-currency');
    await page.selectOption('#world-currency', 'GBP');
    await expect.poll(() => page.locator(`[data-money-missing="${KOREA}"]`).textContent(), { timeout: WAIT }).toBe('no rate to GBP');
    expect(await shown(SAMPLESTAN, 'money')).toBe('£500M');
    await page.screenshot({ path: join(artifacts, 'dashboard-world.png'), fullPage: true });
    await page.selectOption('#world-currency', 'USD');
    await expect.poll(() => shown(KOREA, 'money'), { timeout: WAIT }).toBe('≈ $3B');
  }, 60_000);

  it('opens the citations behind each world figure: a stated total, a sum of allocations, money with its rates', async () => {
    await page.goto(`${running.origin}/`, { timeout: WAIT });
    await figure(EXAMPLELAND, 'gpus').waitFor({ timeout: WAIT });
    // A stated total: the programme's citations on that figure.
    await figure(EXAMPLELAND, 'gpus').click();
    const dialog = page.locator('dialog[open]');
    await dialog.locator('li.citation').first().waitFor({ state: 'visible', timeout: WAIT });
    expect(await dialog.locator('#panel-title').textContent()).toBe('Sources: GPUs in Exampleland sovereign compute (test data)');
    expect(await dialog.textContent()).toContain('The programme total as the sources state it: up to 10,000.');
    expect(await dialog.locator('li.citation').count()).toBe(1);
    expect(await dialog.locator('blockquote').textContent()).toBe('Test data: Exampleland plans up to 10,000 GPUs.');
    expect(await dialog.textContent()).toContain('Example News (test data)');
    expect(await seriousViolations(page)).toEqual([]);
    await closePanel();
    // Focus returns to the figure that opened the panel.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-program'))).toBe(EXAMPLELAND);

    // No stated total: the citations of the allocations summed, by keyboard.
    await figure(SAMPLESTAN, 'gpus').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.locator('li.citation').count(), { timeout: WAIT }).toBe(2);
    expect(await dialog.textContent()).toContain('No source states a programme total: this is the sum of its 2 allocations');
    expect(await dialog.textContent()).toContain('at least 300,000 GPUs');
    await closePanel();

    // Money: the rates used first, each a button to its own source, then the investments' citations.
    await figure(EXAMPLELAND, 'money').click();
    await dialog.locator('li.citation').first().waitFor({ state: 'visible', timeout: WAIT });
    expect(await dialog.locator('ul.rates').textContent()).toContain('1 EUR = 1.14 USD');
    expect(await dialog.locator('blockquote').textContent()).toBe('Test data: about EUR 1 billion for Exampleland.');
    await dialog.locator('ul.rates button.cite').click();
    await expect.poll(() => dialog.locator('#panel-title').textContent(), { timeout: WAIT }).toBe('Sources: exchange rate');
    await dialog.locator('blockquote', { hasText: '1.14 dollars' }).waitFor({ timeout: WAIT });
    await closePanel();

    // Korea's stated total opens its citations (the seed's Korean quotes among them).
    await figure(KOREA, 'gpus').click();
    await dialog.locator('blockquote[lang="ko"]').first().waitFor({ state: 'visible', timeout: WAIT });
    await closePanel();
  }, 60_000);

  it('gives each programme its own URL: a link opens it, back and forward move between the views', async () => {
    await page.goto(`${running.origin}/`, { timeout: WAIT });
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.locator(`#world a[data-program-link="${EXAMPLELAND}"]`).click();
    await page.waitForURL(`${running.origin}/programs/${EXAMPLELAND}`, { timeout: WAIT });
    await expect.poll(() => page.getByTestId('headline-total').textContent(), { timeout: WAIT }).toBe('up to 10,000');
    expect(await page.textContent('h1')).toBe('Exampleland sovereign compute (test data)');
    expect(await page.locator('#world').isHidden()).toBe(true);
    expect(await page.locator('#partners table tbody tr').count()).toBe(1);
    // Focus moves to the new page's content, and the breadcrumb leads back.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.locator('#crumbs a').textContent()).toBe('← All programmes');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goBack();
    await page.waitForURL(`${running.origin}/`, { timeout: WAIT });
    await expect.poll(() => rowOrder(), { timeout: WAIT }).toHaveLength(3);
    expect(await page.locator('#headline').isHidden()).toBe(true);
    expect(await page.textContent('h1')).toBe('National AI-factory programmes');
    await page.goForward();
    await page.waitForURL(`${running.origin}/programs/${EXAMPLELAND}`, { timeout: WAIT });
    await expect.poll(() => page.getByTestId('headline-total').textContent(), { timeout: WAIT }).toBe('up to 10,000');
    // All of it without a reload.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // The breadcrumb goes back to the world; each programme's view opens by its URL directly.
    await page.locator('#crumbs a').click();
    await page.waitForURL(`${running.origin}/`, { timeout: WAIT });
    await expect.poll(() => rowOrder(), { timeout: WAIT }).toHaveLength(3);
    await page.goto(`${running.origin}/programs/${SAMPLESTAN}`, { timeout: WAIT });
    await expect.poll(() => page.getByTestId('headline-total').textContent(), { timeout: WAIT }).toBe('at least 302,000');
    expect(await page.textContent('#investments')).toContain('No total in USD');
    await page.goto(`${running.origin}/programs/no-such-programme`, { timeout: WAIT });
    await expect.poll(() => page.textContent('#headline'), { timeout: WAIT }).toContain('No programme "no-such-programme"');
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('compares the bundled programmes as a first start loads them: status, power, countries, numbers without a figure, sorted by each', async () => {
    const real = await start(createDashboard().handler);
    const view = await context.newPage();
    try {
      const { programs } = await answer<{
        programs: { totalCount: number; edges: { node: { slug: string; countries: unknown[]; commitments: { totalCount: number } } }[] };
      }>(real, '{ programs(first: 100) { totalCount edges { node { slug countries { country } commitments { totalCount } } } } }');
      expect(programs.totalCount).toBeGreaterThan(12);
      await view.goto(`${real.origin}/`, { timeout: WAIT });
      await expect.poll(() => rowOrder(view).then((rows) => rows.length), { timeout: WAIT }).toBe(programs.totalCount);
      expect(await seriousViolations(view)).toEqual([]);
      // Every row has a status, and each country a programme spans is listed.
      expect(await view.locator('#world td[data-status]').count()).toBe(programs.totalCount);
      const countries = programs.edges.reduce((sum, edge) => sum + edge.node.countries.length, 0);
      expect(await view.locator('#world [data-country]').count()).toBe(countries);
      // A commitment without a number shows in its own words, never as a number.
      const unnumbered = programs.edges.filter((edge) => edge.node.commitments.totalCount > 0).length;
      expect(unnumbered).toBeGreaterThan(0);
      expect(await view.locator('#world [data-unnumbered] button').count()).toBeGreaterThanOrEqual(unnumbered);

      /** The shown figures of one column, top to bottom, as numbers; null where none is stated. */
      const column = (kind: 'gpus' | 'power') =>
        view.locator('#world tbody tr').evaluateAll(
          (rows, figureKind) =>
            rows.map((row) => {
              const shown = row.querySelector(`[data-figure="${figureKind}"] [data-shown]`)?.textContent;
              // A range ("15–20 MW") sorts by its top: read the last number.
              const numbers = shown?.match(/\d[\d,.]*/g);
              return numbers ? Number(numbers[numbers.length - 1]!.replace(/,/g, '')) : null;
            }),
          kind,
        );
      const isDescending = (values: (number | null)[]) => {
        const known = values.filter((value): value is number => value !== null);
        // Unknowns last, the rest largest first (a range by its low end may tie with a figure).
        return values.slice(known.length).every((value) => value === null) && known.every((value, i) => i === 0 || value <= known[i - 1]!);
      };
      expect(isDescending(await column('gpus'))).toBe(true);
      await view.locator('#world button[data-sort="power"]').click();
      await expect.poll(() => view.locator('#world th[aria-sort]').textContent()).toContain('Power (MW)');
      const power = await column('power');
      expect(power.filter((value) => value !== null).length).toBeGreaterThan(3);
      // Sorted by the largest figure: the first row's shown figure is the largest of all.
      expect(power[0]).toBe(Math.max(...power.filter((value): value is number => value !== null)));
      // The largest power figure opens every power figure of its programme, with their sources.
      await view.locator('#world tbody tr').first().locator('[data-figure="power"]').click();
      await view.locator('dialog[open] li.citation').first().waitFor({ state: 'visible', timeout: WAIT });
      expect(await view.locator('dialog[open] ul[aria-label="Power figures"] li').count()).toBeGreaterThan(0);
      expect(await seriousViolations(view)).toEqual([]);
      await view.keyboard.press('Escape');
      await view.locator('#world button[data-sort="status"]').press('Enter');
      await expect.poll(() => view.locator('#world th[aria-sort]').textContent()).toContain('Status');
      await view.screenshot({ path: join(artifacts, 'dashboard-world-bundled.png'), fullPage: true });
    } finally {
      await view.close();
      await real.close();
    }
  }, 90_000);

  it('shows the headline, five partner bars, a Korean quote on a bar, and a write without reload', async () => {
    await page.goto(`${running.origin}/programs/korea-2025`, { timeout: WAIT });
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
    const ids = await answer<{ program: { id: string }; kt: { id: string } }>(
      running,
      '{ program(slug: "korea-2025") { id } kt: partner(slug: "kt") { id } }',
    );
    const created = await answer<{ createAllocation: { __typename: string } }>(
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
    // subscriptions went as text, over graphql-sse (again on each view the page moved to).
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
    expect([...new Set(streamed)].sort()).toEqual([
      expect.stringMatching(/^subscription AllocationChanged/),
      expect.stringMatching(/^subscription ProgramTotalsChanged/),
    ]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("shows a programme's status, power capacity in MW with bounds and phases with target dates, each opening its citations", async () => {
    const real = await start(createDashboard().handler);
    const view = await context.newPage();
    const errors: string[] = [];
    view.on('pageerror', (error) => errors.push(error.message));
    try {
      interface Cited {
        citations: { edges: { node: { id: string; field: string | null } }[] };
      }
      interface Power extends Cited {
        id: string;
        mw: string;
        mwHigh: string | null;
        bound: 'EXACT' | 'UP_TO' | 'AT_LEAST' | 'APPROXIMATE';
      }
      interface Phase extends Cited {
        id: string;
        name: string;
        targetDate: string | null;
        status: string;
      }
      interface WorldProgram extends Cited {
        slug: string;
        status: string;
        phases: { edges: { node: Phase }[] };
        powerCapacities: { edges: { node: Power }[] };
      }
      const cited = 'citations(first: 30) { edges { node { id field } } }';
      // A programme the seed gives all three: a status a source states, power figures, dated phases.
      const { programs } = await answer<{
        programs: {
          edges: {
            node: {
              slug: string;
              citations: { edges: { node: { field: string | null } }[] };
              phases: { edges: { node: { targetDate: string | null } }[] };
              powerCapacities: { totalCount: number };
            };
          }[];
        };
      }>(
        real,
        `{ programs(first: 30) { edges { node { slug citations(first: 50) { edges { node { field } } }
          phases(first: 10) { edges { node { targetDate } } } powerCapacities { totalCount } } } } }`,
      );
      const slug = programs.edges
        .map((edge) => edge.node)
        .sort((a, b) => a.slug.localeCompare(b.slug))
        .find(
          (candidate) =>
            candidate.citations.edges.some((edge) => edge.node.field === 'status') &&
            candidate.powerCapacities.totalCount > 0 &&
            candidate.phases.edges.some((edge) => edge.node.targetDate !== null),
        )?.slug;
      expect(slug, 'a bundled programme with a cited status, power figures and dated phases').toBeDefined();
      const { program } = await answer<{ program: WorldProgram }>(
        real,
        `query ($slug: String!) { program(slug: $slug) { slug status citations(first: 50) { edges { node { id field } } }
          phases(first: 30) { edges { node { id name targetDate status ${cited} } } }
          powerCapacities(first: 20) { edges { node { id mw mwHigh bound ${cited} } } } } }`,
        { slug },
      );
      const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);
      const phases = program!.phases.edges.map((edge) => edge.node);
      const powers = program!.powerCapacities.edges.map((edge) => edge.node);

      await view.goto(`${real.origin}/programs/${program!.slug}`, { timeout: WAIT });
      const status = view.getByTestId('program-status');
      await status.waitFor({ state: 'visible', timeout: WAIT });
      expect(await status.getAttribute('data-status')).toBe(program!.status);
      expect((await status.textContent())!.toLowerCase()).toBe(program!.status.replace(/_/g, ' ').toLowerCase());

      // Power: every figure the API holds, in order, its MW and bound in words.
      const powerButtons = view.locator('#headline [data-power]');
      expect(await powerButtons.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-power')))).toEqual(
        powers.map((power) => power.id),
      );
      const prefix = { EXACT: '', UP_TO: 'up to ', AT_LEAST: 'at least ', APPROXIMATE: '≈ ' } as const;
      const mw = (value: string) => Number(value).toLocaleString('en-US', { maximumFractionDigits: 3 });
      for (const [index, power] of powers.entries()) {
        const text = await powerButtons.nth(index).textContent();
        if (power.mwHigh === null) expect(text).toBe(`${prefix[power.bound]}${mw(power.mw)} MW`);
        else expect(text).toBe(`${power.bound === 'APPROXIMATE' ? '≈ ' : ''}${mw(power.mw)}–${mw(power.mwHigh)} MW`);
      }

      // Phases: each in the API's order, its target date on a <time>, its status.
      const rows = view.locator('#phases tbody tr[data-phase-row]');
      expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-phase-row')))).toEqual(ids(program!.phases));
      for (const [index, phase] of phases.entries()) {
        const row = rows.nth(index);
        expect(await row.locator('th').textContent()).toBe(phase.name);
        expect(await row.locator('[data-phase-status]').getAttribute('data-phase-status')).toBe(phase.status);
        if (phase.targetDate === null) expect(await row.locator('[data-phase]').textContent()).toBe('no date stated');
        else {
          expect(await row.locator('[data-phase] time').getAttribute('datetime')).toBe(phase.targetDate);
          expect(await row.locator('[data-phase] time').textContent()).toContain(phase.targetDate.slice(0, 4));
        }
      }
      expect(await seriousViolations(view)).toEqual([]);

      /** Clicks a figure and reads the ids of the citations its panel lists. */
      const panelCitations = async (button: ReturnType<Page['locator']>) => {
        await button.click();
        await view.locator('dialog[open] li.citation').first().waitFor({ state: 'visible', timeout: WAIT });
        const shown = await view
          .locator('dialog[open] li.citation')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-citation')));
        return shown;
      };
      const closeView = async () => {
        await view.keyboard.press('Escape');
        await view.locator('dialog[open]').waitFor({ state: 'detached', timeout: WAIT });
      };
      const citationIds = (subject: Cited, field?: string) =>
        subject.citations.edges.filter((edge) => field === undefined || edge.node.field === field).map((edge) => edge.node.id);

      expect((await panelCitations(status)).sort()).toEqual(citationIds(program!, 'status').sort());
      expect(await seriousViolations(view)).toEqual([]);
      await closeView();
      for (const [index, power] of powers.entries()) {
        expect((await panelCitations(powerButtons.nth(index))).sort(), power.id).toEqual(citationIds(power).sort());
        await closeView();
      }
      const dated = phases.findIndex((phase) => phase.targetDate !== null);
      expect((await panelCitations(rows.nth(dated).locator('[data-phase]'))).sort()).toEqual(citationIds(phases[dated]!).sort());
      await closeView();
      await view.screenshot({ path: join(artifacts, 'dashboard-programme-power-phases.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await view.close();
      await real.close();
    }
  }, 90_000);

  it('is readable at phone width (390 px), both views: no page scrolling, a cue on every table that scrolls, no serious axe findings', async () => {
    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${running.origin}/programs/korea-2025`, { timeout: WAIT });
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
      // The world view too: its table scrolls in its own box, with the cue, not the page.
      await phone.goto(`${running.origin}/`, { timeout: WAIT });
      await expect.poll(() => phone.locator('#world tbody tr').count(), { timeout: WAIT }).toBe(3);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await phone.locator('#world .table-wrap.scrolls').count()).toBe(1);
      expect(await phone.locator('#world .scroll-hint').isVisible()).toBe(true);
      expect(await seriousViolations(phone)).toEqual([]);
      await phone.screenshot({ path: join(artifacts, 'dashboard-world-phone.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  }, 30_000);
});
