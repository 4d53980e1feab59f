// The dashboard: plain TypeScript and the DOM. It is also the reference client of the API: every
// operation is a document in web/operations/, typed by graphql-codegen (web/gql/). Queries go by
// their SHA-256 hash only (persisted operations); the subscriptions go over graphql-sse at
// /graphql/stream, which takes document text, and each event triggers a refetch.
// Two views, each with its own URL: the world (`/`) and one programme (`/programs/<slug>`);
// links move between them with the History API, so back and forward work without reloads.
import { createClient } from 'graphql-sse';
import { CSRF_HEADERS, ENDPOINT, request, requestTolerating, textOf } from './api.js';
import { byId, h, markScrollers } from './dom.js';
import {
  AllocationChangedDocument,
  type AllocationChangedSubscriptionVariables,
  DashboardDocument,
  InitiativesDocument,
  InvestmentsDocument,
  ProgramTotalsChangedDocument,
  type ProgramTotalsChangedSubscriptionVariables,
} from './gql/graphql.js';
import { panel } from './panel.js';
import { renderProgram } from './program.js';
import { type Route, state } from './state.js';
import { loadWorld, renderWorld } from './world.js';

const programSections = ['headline', 'phases', 'partners', 'breakdown', 'initiatives', 'investments'];
const SLUG_PATH = /^\/programs\/([a-z0-9][a-z0-9-]{0,79})\/?$/;

// ---------------------------------------------------------------------------------------------
// Routing.

function routeOf(pathname: string): Route | null {
  if (pathname === '/' || pathname === '/index.html') return { view: 'world' };
  const match = SLUG_PATH.exec(pathname);
  return match ? { view: 'program', slug: match[1]! } : null;
}

function sameRoute(a: Route, b: Route): boolean {
  return a.view === b.view && (a.view === 'world' || (b.view === 'program' && a.slug === b.slug));
}

/** The breadcrumb: a way back to the world from a programme, and where the page is. */
function renderCrumbs(): void {
  const crumbs = byId('crumbs');
  crumbs.replaceChildren(
    h(
      'ol',
      {},
      state.route.view === 'world'
        ? h('li', {}, h('a', { href: '/', 'aria-current': 'page' }, 'All programmes'))
        : h('li', {}, h('a', { href: '/', 'data-nav': 'world' }, '← All programmes')),
    ),
  );
}

/** Shows the sections of the current view only, and clears what the other view left. */
function showView(): void {
  const world = state.route.view === 'world';
  byId('world').hidden = !world;
  for (const id of programSections) byId(id).hidden = world || byId(id).childElementCount === 0;
  document.documentElement.dataset.view = state.route.view;
}

function renderAll(): void {
  if (state.route.view === 'world') renderWorld();
  else renderProgram();
}

/** Moves to `route`: clears the other view's data, loads, and (after a navigation) puts focus on the new page. */
async function go(route: Route, focus: boolean): Promise<void> {
  const changed = !sameRoute(state.route, route);
  state.route = route;
  if (changed) {
    Object.assign(state, { dashboard: null, initiatives: null, investments: null });
    for (const id of programSections) {
      byId(id).replaceChildren();
      byId(id).hidden = true;
    }
    followProgramTotals(null);
  }
  renderCrumbs();
  showView();
  setStatus('Loading…');
  await load();
  if (focus) byId('main').focus();
}

/** Same-origin links to a view are followed in the page; modified clicks open tabs as usual. */
function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest('a');
  if (!link || link.target || link.origin !== location.origin) return;
  const route = routeOf(link.pathname);
  if (!route) return;
  event.preventDefault();
  if (link.pathname !== location.pathname) history.pushState(null, '', link.pathname);
  void go(route, true);
}

// ---------------------------------------------------------------------------------------------
// Loading and live updates.

function setStatus(text: string): void {
  const status = byId('status');
  status.textContent = text;
  status.hidden = text === '';
}

let loading: Promise<void> | null = null;
let again = false;

async function loadProgram(slug: string): Promise<void> {
  const [dashboard, initiatives, investments] = await Promise.all([
    request(DashboardDocument, { slug }),
    request(InitiativesDocument, { slug }),
    // A missing rate blanks the total alone; the view says so where the total would be.
    requestTolerating(InvestmentsDocument, { slug, currency: state.currency }, ['EXCHANGE_RATE_MISSING']).then(({ data }) => data),
  ]);
  if (state.route.view !== 'program' || state.route.slug !== slug) return;
  if (!dashboard.program) {
    setStatus('');
    byId('title').textContent = 'No such programme';
    document.title = 'No such programme';
    byId('headline').replaceChildren(
      h('h2', { id: 'headline-title' }, `No programme "${slug}"`),
      h('p', {}, 'The dataset holds no programme with this address. ', h('a', { href: '/' }, 'See all programmes'), '.'),
    );
    byId('headline').hidden = false;
    return;
  }
  Object.assign(state, { dashboard, initiatives, investments });
  followProgramTotals(slug);
  setStatus('');
  renderProgram();
  showView();
}

async function loadCurrentWorld(): Promise<void> {
  const world = await loadWorld();
  if (state.route.view !== 'world') return;
  state.world = world;
  setStatus('');
  renderWorld();
}

/** Refetches the current view; calls during a load coalesce into one more load after it. */
function load(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      if (state.route.view === 'world') await loadCurrentWorld();
      else await loadProgram(state.route.slug);
      document.body.dataset.loadedAt = String(Date.now());
    } catch (error) {
      setStatus(`Could not load the data: ${(error as Error).message}`);
    } finally {
      loading = null;
      if (again) {
        again = false;
        void load();
      }
    }
  })();
  return loading;
}

let client: ReturnType<typeof createClient> | null = null;

function changedSink() {
  const live = byId('live');
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    next: () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 100);
    },
    error: (error: unknown) => {
      live.textContent = 'live updates unavailable';
      live.className = 'live off';
      console.error(error);
    },
    complete: () => undefined,
  };
}

let allocationsDisposer: (() => void) | null = null;
let programTotals: { slug: string; dispose: () => void } | null = null;

/**
 * Any allocation change refreshes either view; a programme's view also follows its totals, once
 * the programme is known to exist (the server refuses a subscription to a slug it lacks).
 */
function followAllocations(): void {
  if (!client || allocationsDisposer) return;
  const allocations: AllocationChangedSubscriptionVariables = {};
  allocationsDisposer = client.subscribe({ query: textOf(AllocationChangedDocument), variables: allocations }, changedSink());
}

function followProgramTotals(slug: string | null): void {
  if (programTotals?.slug === slug) return;
  programTotals?.dispose();
  programTotals = null;
  if (!client || !slug) return;
  const variables: ProgramTotalsChangedSubscriptionVariables = { slug };
  programTotals = { slug, dispose: client.subscribe({ query: textOf(ProgramTotalsChangedDocument), variables }, changedSink()) };
}

function subscribe(): void {
  const live = byId('live');
  // graphql-sse's "single connection" mode: one event stream for every subscription, reconnected
  // with back-off when the server goes away.
  client = createClient({
    url: `${ENDPOINT}/stream`,
    singleConnection: true,
    headers: CSRF_HEADERS,
    retryAttempts: Number.POSITIVE_INFINITY,
    retry: async (retries: number) => new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 1000 * 2 ** Math.min(retries, 5)))),
    on: {
      connected: () => {
        live.textContent = '● live';
        live.className = 'live on';
      },
      connecting: () => {
        live.textContent = 'connecting…';
        live.className = 'live';
      },
    },
  });
  followAllocations();
}

function setup(): void {
  const toggle = byId<HTMLButtonElement>('lang-toggle');
  toggle.addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'ko' : 'en';
    toggle.setAttribute('aria-pressed', String(state.lang === 'ko'));
    toggle.textContent = state.lang === 'ko' ? 'English names' : '한국어 이름';
    toggle.lang = state.lang === 'ko' ? 'en' : 'ko';
    renderAll();
  });
  toggle.lang = 'ko';
  byId('panel-close').addEventListener('click', () => panel().close());
  panel().addEventListener('click', (event) => {
    // A click on the backdrop (outside the panel's box) closes it.
    if (event.target === panel()) panel().close();
  });
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', () => {
    if (panel().open) panel().close();
    void go(routeOf(location.pathname) ?? { view: 'world' }, true);
  });
  window.addEventListener('resize', markScrollers);
  state.route = routeOf(location.pathname) ?? { view: 'world' };
  subscribe();
  void go(state.route, false);
}

setup();
