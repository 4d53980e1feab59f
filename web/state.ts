// What the page shows: the route, the language of names, the chosen currencies, the sort of the
// world table, and the data last loaded for the current view.
import { h } from './dom.js';
import type { DashboardQuery, InitiativesQuery, InvestmentsQuery, WorldQuery } from './gql/graphql.js';

export type Lang = 'en' | 'ko';
export type Currency = 'USD' | 'KRW';

/** `/` is the world view; `/programs/<slug>` one programme's. */
export type Route = { view: 'world' } | { view: 'program'; slug: string };

/** The world table's sortable columns. */
export type SortKey = 'name' | 'country' | 'announced' | 'status' | 'gpus' | 'money' | 'power' | 'partners';

export interface State {
  route: Route;
  lang: Lang;
  /** The programme view's currency switch. */
  currency: Currency;
  /** The world view's currency: any the stored rates and investments name. */
  worldCurrency: string;
  sort: { key: SortKey; direction: 'ascending' | 'descending' };
  dashboard: DashboardQuery | null;
  initiatives: InitiativesQuery | null;
  investments: InvestmentsQuery | null;
  world: WorldQuery | null;
  /** Programme ids whose money could not be totalled in `worldCurrency`, with the API's message. */
  worldMoneyMissing: Map<string, string>;
}

export const state: State = {
  route: { view: 'world' },
  lang: 'en',
  currency: 'USD',
  worldCurrency: 'USD',
  sort: { key: 'gpus', direction: 'descending' },
  dashboard: null,
  initiatives: null,
  investments: null,
  world: null,
  worldMoneyMissing: new Map(),
};

/** The programme the page shows, or null on the world view. */
export function currentSlug(): string | null {
  return state.route.view === 'program' ? state.route.slug : null;
}

interface Named {
  name: string;
  nameKo?: string | null;
}

/** The name in the chosen language, marked up with its language. */
export function nameOf(named: Named): HTMLSpanElement {
  const korean = state.lang === 'ko' && named.nameKo ? named.nameKo : null;
  return h('span', { lang: korean ? 'ko' : 'en', class: 'name' }, korean ?? named.name);
}

export function labelOf(group: { label: string; labelKo?: string | null }): string {
  return state.lang === 'ko' && group.labelKo ? group.labelKo : group.label;
}
