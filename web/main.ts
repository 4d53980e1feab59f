// The dashboard: plain TypeScript and the DOM. It is also the reference client of the API: every
// operation is a document in web/operations/, typed by graphql-codegen (web/gql/). Queries go by
// their SHA-256 hash only (persisted operations); the two subscriptions go over graphql-sse at
// /graphql/stream, which takes document text, and each event triggers a refetch.
import { createClient } from 'graphql-sse';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import {
  AllocationChangedDocument,
  CitationsDocument,
  DashboardDocument,
  InitiativesDocument,
  InvestmentsDocument,
  ProgramTotalsChangedDocument,
  type CitationPartsFragment,
  type DashboardQuery,
  type DiscrepancyPartsFragment,
  type InitiativesQuery,
  type InvestmentsQuery,
  type QuantityBound,
  type TotalsGroupPartsFragment,
  type AllocationChangedSubscriptionVariables,
  type ProgramTotalsChangedSubscriptionVariables,
} from './gql/graphql.js';
import persistedDocuments from './gql/persisted-documents.json' with { type: 'json' };

const SLUG = 'korea-2025';
const ENDPOINT = '/graphql';
/** Yoga's CSRF prevention (on in production) wants this header on every request. */
const CSRF_HEADERS = { 'x-graphql-yoga-csrf': 'dashboard' };

// ---------------------------------------------------------------------------------------------
// Transport: persisted operations by hash.

/** The hash codegen put on a document (`persistedDocuments`, mode replaceDocumentWithHash). */
function hashOf(document: TypedDocumentNode<unknown, never> | object): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('document without a persisted hash: run `npm run codegen`');
  return hash;
}

/** The text codegen hashed, for transports that take text (graphql-sse's handler). */
function textOf(document: object): string {
  const text = (persistedDocuments as Record<string, string>)[hashOf(document)];
  if (!text) throw new Error('document missing from persisted-documents.json: run `npm run codegen`');
  return text;
}

function persistedRequest(
  document: object,
  variables: Record<string, unknown>,
): { extensions: Record<string, unknown>; variables: Record<string, unknown> } {
  return { extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(document) } }, variables };
}

interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function request<TResult, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...CSRF_HEADERS },
    body: JSON.stringify(persistedRequest(document, variables)),
  });
  const body = (await response.json()) as GraphQLResult<TResult>;
  if (body.errors?.length || !body.data) {
    const error = body.errors?.[0];
    throw new Error(error ? `${error.message}${error.extensions?.code ? ` (${error.extensions.code})` : ''}` : `HTTP ${response.status}`);
  }
  return body.data;
}

// ---------------------------------------------------------------------------------------------
// State.

type Lang = 'en' | 'ko';
type Currency = 'USD' | 'KRW';

interface State {
  lang: Lang;
  currency: Currency;
  dashboard: DashboardQuery | null;
  initiatives: InitiativesQuery | null;
  investments: InvestmentsQuery | null;
}

const state: State = { lang: 'en', currency: 'USD', dashboard: null, initiatives: null, investments: null };

// ---------------------------------------------------------------------------------------------
// DOM helpers.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

function setAttrs(element: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  setAttrs(element, attrs);
  append(element, children);
  return element;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from index.html`);
  return element as T;
}

// ---------------------------------------------------------------------------------------------
// Formatting.

const integer = new Intl.NumberFormat('en-US');
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

const boundPrefix: Record<QuantityBound, string> = { EXACT: '', APPROXIMATE: '≈ ', AT_LEAST: 'at least ', UP_TO: 'up to ' };
const boundWords: Record<QuantityBound, string> = { EXACT: 'exact', APPROXIMATE: 'approximate', AT_LEAST: 'at least', UP_TO: 'up to' };

function bounded(quantity: number, bound: QuantityBound): string {
  return `${boundPrefix[bound]}${integer.format(quantity)}`;
}

/** An amount with its bound; an inexact one without cents, since "about USD 3 billion" has none. */
function money(amount: string, currency: string, bound: QuantityBound = 'EXACT'): string {
  const value = Number(amount);
  const cents = bound === 'EXACT' && currency !== 'KRW';
  const full = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: cents ? 2 : 0,
    maximumFractionDigits: cents ? 2 : 0,
  }).format(value);
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return `${boundPrefix[bound]}${full} (${compact})`;
}

/** A rate per unit of the base currency: "1 USD = 1,431.7 KRW". */
function perUnit(rate: { baseCurrency: string; quoteCurrency: string; rate: string }): string {
  const value = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 }).format(Number(rate.rate));
  return `1 ${rate.baseCurrency} = ${value} ${rate.quoteCurrency}`;
}

const rateKinds: Record<string, string> = {
  MARKET: 'market rate',
  SOURCE_CONVERSION: "a source's own rounded conversion",
};

/** Words for the fields citations and discrepancies are about, instead of API field names. */
const fieldLabels: Record<string, string> = {
  quantity: 'the GPU figure',
  bound: 'how the figure is bounded',
  gpuModel: 'the GPU model',
  gpuModels: 'the GPU models',
  installedBaseGpus: 'capacity before the programme',
  statedCapacityAfter: 'capacity after the programme',
  statedGpuTotal: 'the programme total',
  statedGpuTotalBound: 'how the programme total is bounded',
  announcedOn: 'the announcement date',
  amount: 'the amount',
  investors: 'who invests',
  participants: 'who takes part',
  technologies: 'technologies',
};

function fieldLabel(field: string): string {
  return fieldLabels[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const domainLabels: Record<string, string> = {
  SOVEREIGN_AI: 'Sovereign AI',
  SEMICONDUCTORS: 'Semiconductors',
  INDUSTRIAL_CLOUD: 'Industrial cloud',
  MOBILITY: 'Mobility',
  PHYSICAL_AI: 'Physical AI',
  TELECOMMUNICATIONS: 'Telecommunications',
  QUANTUM_COMPUTING: 'Quantum computing',
  OTHER: 'Other',
};

interface Named {
  name: string;
  nameKo?: string | null;
}

/** The name in the chosen language, marked up with its language. */
function nameOf(named: Named): HTMLSpanElement {
  const korean = state.lang === 'ko' && named.nameKo ? named.nameKo : null;
  return h('span', { lang: korean ? 'ko' : 'en', class: 'name' }, korean ?? named.name);
}

function labelOf(group: { label: string; labelKo?: string | null }): string {
  return state.lang === 'ko' && group.labelKo ? group.labelKo : group.label;
}

function humanize(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
}

// ---------------------------------------------------------------------------------------------
// The panel: citations and discrepancies.

const panel = (): HTMLDialogElement => byId<HTMLDialogElement>('panel');

function openPanel(title: string, content: Node): void {
  byId('panel-title').textContent = title;
  const body = byId('panel-body');
  body.replaceChildren(content);
  const dialog = panel();
  if (!dialog.open) dialog.showModal();
}

function citationItem(citation: CitationPartsFragment): HTMLLIElement {
  const source = citation.source;
  const quoteLang = HANGUL.test(citation.quote) ? 'ko' : 'en';
  return h(
    'li',
    { class: `citation ${citation.stance === 'CONTRADICTS' ? 'contradicts' : 'supports'}`, 'data-citation': citation.id },
    h(
      'p',
      { class: 'source' },
      h('strong', {}, source.publisher),
      source.title ? h('span', { lang: HANGUL.test(source.title) ? 'ko' : 'en' }, ` — ${source.title}`) : null,
      citation.locator ? h('span', { class: 'muted' }, ` (${citation.locator})`) : null,
    ),
    h('blockquote', { lang: quoteLang, class: citation.quoteKind === 'VERBATIM' ? 'verbatim' : 'paraphrase' }, citation.quote),
    h(
      'p',
      { class: 'statement' },
      h('span', { class: `stance ${citation.stance.toLowerCase()}` }, citation.stance === 'CONTRADICTS' ? 'Contradicts' : 'Supports'),
      citation.field ? h('span', { class: 'about' }, ` about ${fieldLabel(citation.field)}:`) : null,
      ' ',
      citation.statement,
      citation.quoteKind === 'PARAPHRASE' ? h('span', { class: 'muted' }, ' (paraphrase)') : null,
    ),
    source.url ? h('p', {}, h('a', { href: source.url, rel: 'noopener noreferrer', target: '_blank' }, 'Open the source ↗')) : null,
  );
}

function citationList(citations: CitationPartsFragment[]): HTMLElement {
  if (citations.length === 0) return h('p', {}, 'No citations recorded for this figure.');
  return h('ul', { class: 'citations' }, ...citations.map(citationItem));
}

function discrepancyList(discrepancies: DiscrepancyPartsFragment[]): HTMLElement {
  return h(
    'ul',
    { class: 'discrepancies' },
    ...discrepancies.map((discrepancy) =>
      h(
        'li',
        {},
        h('p', {}, h('strong', {}, `About ${fieldLabel(discrepancy.field)}: `), discrepancy.description),
        h('p', { class: 'resolution' }, h('strong', {}, 'Resolution: '), discrepancy.resolution),
      ),
    ),
  );
}

type Edges<T> = { edges: { node: T }[] };
const nodes = <T>(connection: Edges<T>): T[] => connection.edges.map((edge) => edge.node);

/** Loads and shows the citations behind one figure: a programme, a partner's allocations, an investment, a rate… */
async function showCitations(id: string, title: string, filter?: (citation: CitationPartsFragment) => boolean): Promise<void> {
  openPanel(title, h('p', { role: 'status' }, 'Loading citations…'));
  try {
    const { node } = await request(CitationsDocument, { id });
    let citations: CitationPartsFragment[] = [];
    if (node && 'citations' in node) citations = nodes(node.citations);
    if (node?.__typename === 'Partner' && 'allocations' in node) {
      // The bar's number is the partner's allocations in this programme: their citations first.
      const allocations = nodes(node.allocations).filter((allocation) => allocation.program.slug === SLUG);
      citations = [...allocations.flatMap((allocation) => nodes(allocation.citations)), ...citations];
    }
    if (filter) citations = citations.filter(filter);
    const unique = [...new Map(citations.map((citation) => [citation.id, citation])).values()];
    if (panel().open && byId('panel-title').textContent === title) byId('panel-body').replaceChildren(citationList(unique));
  } catch (error) {
    byId('panel-body').replaceChildren(h('p', { role: 'alert' }, `Could not load the citations: ${(error as Error).message}`));
  }
}

function citeButton(
  label: Child,
  id: string,
  title: string,
  attrs: Attrs = {},
  filter?: (citation: CitationPartsFragment) => boolean,
): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'cite',
      title: 'Show the sources',
      'aria-haspopup': 'dialog',
      ...attrs,
      onclick: () => void showCitations(id, title, filter),
    },
    label,
  );
}

function discrepancyBadge(discrepancies: DiscrepancyPartsFragment[], about: string): HTMLButtonElement | null {
  if (discrepancies.length === 0) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'badge',
      'aria-haspopup': 'dialog',
      'data-discrepancies': discrepancies.length,
      onclick: () => openPanel(`Where sources disagree: ${about}`, discrepancyList(discrepancies)),
    },
    `⚠ sources disagree (${discrepancies.length})`,
  );
}

// ---------------------------------------------------------------------------------------------
// Views.

type Program = NonNullable<DashboardQuery['program']>;
type PartnerGroup = DashboardQuery['byPartner']['groups'][number];

function renderHeadline(program: Program): void {
  const total = program.gpuTotal;
  const capacity = program.nationalCapacity;
  const section = byId('headline');
  const programName = nameOf(program);
  byId('title').replaceChildren(programName);
  document.title = `${program.name}: ${bounded(total.quantity, total.bound)} GPUs`;
  const discrepancies = nodes(program.discrepancies);
  // The figures the sources state, when they state one; the sums of the parts come second.
  const statedTotal =
    program.statedGpuTotal !== null && program.statedGpuTotalBound !== null
      ? bounded(program.statedGpuTotal, program.statedGpuTotalBound)
      : null;
  const headlineTotal = statedTotal ?? bounded(total.quantity, total.bound);
  const totalDisputed = discrepancies.some((discrepancy) => discrepancy.field.startsWith('statedGpuTotal'));
  const after = capacity.stated !== null && capacity.statedBound !== null ? bounded(capacity.stated, capacity.statedBound) : null;
  section.replaceChildren(
    h('h2', { id: 'headline-title', class: 'visually-hidden' }, 'Headline'),
    h(
      'div',
      { class: 'cards' },
      h(
        'div',
        { class: 'card big' },
        h('p', { class: 'label' }, 'GPUs committed'),
        h(
          'p',
          { class: 'figure' },
          citeButton(
            headlineTotal,
            program.id,
            'Sources: GPUs committed',
            { 'data-testid': 'headline-total' },
            (citation) => statedTotal === null || (citation.field ?? '').startsWith('statedGpuTotal'),
          ),
        ),
        totalDisputed ? h('p', { class: 'flag' }, '⚠ Sources disagree on whether this total is a ceiling or a floor.') : null,
        h(
          'p',
          { class: 'sub', 'data-testid': 'headline-sum' },
          `Sum of the partners' figures: ${bounded(total.quantity, total.bound)}`,
          total.exact ? '' : `, of which at least ${integer.format(total.lowerBound)} is a floor the sources support`,
          total.upperBound !== null && !total.exact ? `, at most ${integer.format(total.upperBound)}` : null,
          '.',
        ),
        h(
          'p',
          { class: 'sub' },
          'Made of: ',
          total.byBound.map((part) => `${integer.format(part.quantity)} ${boundWords[part.bound]}`).join(' + '),
          ` · supplier ${program.supplier.name} · announced ${program.announcedOn}`,
        ),
        discrepancyBadge(discrepancies, 'the programme'),
      ),
      h(
        'div',
        { class: 'card' },
        h('p', { class: 'label' }, 'National AI-GPU capacity'),
        h(
          'p',
          { class: 'figure capacity' },
          citeButton(
            [
              capacity.before === null ? 'unknown' : bounded(capacity.before, capacity.beforeBound ?? 'EXACT'),
              ' → ',
              after ?? 'not stated',
            ].join(''),
            program.id,
            'Sources: national capacity',
            { 'data-testid': 'capacity' },
            (citation) => citation.field === 'installedBaseGpus' || citation.field === 'statedCapacityAfter',
          ),
        ),
        h('p', { class: 'sub' }, 'installed before the programme → after it, as the sources state it'),
        capacity.after === null
          ? null
          : h(
              'p',
              { class: 'sub', 'data-testid': 'capacity-computed' },
              `Our sum of the parts, which no source states: ${bounded(capacity.after, capacity.afterBound ?? 'EXACT')}`,
              capacity.afterLowerBound !== null ? ` (at least ${integer.format(capacity.afterLowerBound)})` : null,
              '.',
            ),
      ),
    ),
  );
  section.hidden = false;
}

/**
 * A horizontal bar chart in SVG, one row per group: the label and its bounded figure on a line,
 * the bar under it, sized in percent so the chart reflows from phone to desktop width. Rows are
 * buttons when `onBar` is given.
 */
function barChart(
  title: string,
  rows: {
    key: string;
    label: string;
    lang: string;
    quantity: number;
    bound: QuantityBound;
    disputed?: boolean;
    onBar?: () => void;
    testAttr?: string;
  }[],
): SVGSVGElement {
  const max = Math.max(1, ...rows.map((row) => row.quantity));
  const rowHeight = 48;
  const svg = s('svg', { width: '100%', height: rows.length * rowHeight + 4, class: 'chart', role: 'group', 'aria-label': title });
  rows.forEach((row, index) => {
    const y = index * rowHeight + 2;
    // Bars take at most 45% of the width: "at least 50,000 GPUs" after the longest bar still fits at 375 px.
    const percent = Math.max(0.5, (45 * row.quantity) / max);
    const figure = bounded(row.quantity, row.bound);
    const group = s(
      'g',
      row.onBar
        ? {
            class: 'bar interactive',
            role: 'button',
            tabindex: 0,
            'aria-haspopup': 'dialog',
            // No aria-label: the name is the visible text (label, flag, figure), so what a
            // speech-input user reads is what the bar is called (WCAG 2.5.3).
            ...(row.disputed ? { 'data-disputed': 'true' } : {}),
            ...(row.testAttr ? { [row.testAttr]: row.key } : {}),
          }
        : { class: 'bar', 'aria-hidden': 'true' },
      // A transparent hit area the width of the row, so the whole row answers a click.
      s('rect', { x: 0, y, width: '100%', height: rowHeight - 4, class: 'hit' }),
      s(
        'text',
        { x: 0, y: y + 15, class: 'bar-label' },
        s('tspan', { lang: row.lang }, row.label),
        row.disputed ? s('tspan', { class: 'bar-badge', dx: 8 }, '⚠ sources disagree') : null,
      ),
      s('rect', {
        x: 0,
        y: y + 22,
        width: `${percent}%`,
        height: 18,
        rx: 3,
        class: `value bound-${row.bound.toLowerCase()}`,
        'data-bound': row.bound,
      }),
      s('text', { x: `${percent}%`, dx: 8, y: y + 36, class: 'bar-value' }, `${figure} GPUs`),
    );
    if (row.onBar) {
      const activate = row.onBar;
      group.addEventListener('click', activate);
      group.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          activate();
        }
      });
    }
    svg.append(group);
  });
  return svg;
}

function boundLegend(): HTMLElement {
  return h(
    'p',
    { class: 'legend', 'aria-hidden': 'true' },
    ...(['EXACT', 'APPROXIMATE', 'AT_LEAST', 'UP_TO'] as const).map((bound) =>
      h('span', { class: `key bound-${bound.toLowerCase()}` }, boundWords[bound]),
    ),
  );
}

function renderPartners(data: DashboardQuery): void {
  const program = data.program;
  if (!program) return;
  const discrepanciesByPartner = new Map<string, DiscrepancyPartsFragment[]>();
  // A bar is flagged when the sources disagree on its figure or on how the figure is bounded.
  const disputedByPartner = new Map<string, number>();
  for (const allocation of nodes(program.allocations)) {
    const list = discrepanciesByPartner.get(allocation.partner.id) ?? [];
    const found = nodes(allocation.discrepancies);
    list.push(...found);
    discrepanciesByPartner.set(allocation.partner.id, list);
    const disputed = found.filter((discrepancy) => discrepancy.field === 'bound' || discrepancy.field === 'quantity').length;
    disputedByPartner.set(allocation.partner.id, (disputedByPartner.get(allocation.partner.id) ?? 0) + disputed);
  }
  const groups = data.byPartner.groups.filter(
    (group): group is PartnerGroup & { partner: NonNullable<PartnerGroup['partner']> } => group.partner !== null,
  );
  const showSources = (group: (typeof groups)[number]) => () => void showCitations(group.partner.id, `Sources: ${labelOf(group)}`);
  const section = byId('partners');
  section.replaceChildren(
    h('h2', { id: 'partners-title' }, 'GPUs by partner'),
    boundLegend(),
    barChart(
      'GPUs by partner: activate a bar for its sources',
      groups.map((group) => ({
        key: group.partner.id,
        label: labelOf(group),
        lang: state.lang === 'ko' && group.labelKo ? 'ko' : 'en',
        quantity: group.gpuTotal.quantity,
        bound: group.gpuTotal.bound,
        disputed: (disputedByPartner.get(group.partner.id) ?? 0) > 0,
        onBar: showSources(group),
        testAttr: 'data-partner-bar',
      })),
    ),
    scroller(
      h(
        'table',
        {},
        h('caption', {}, 'GPUs by partner (the chart as a table)'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Partner'),
            h('th', { scope: 'col' }, 'Kind'),
            h('th', { scope: 'col', class: 'num' }, 'GPUs'),
            h('th', { scope: 'col', class: 'num' }, 'Share'),
            h('th', { scope: 'col' }, 'Notes'),
          ),
        ),
        h(
          'tbody',
          {},
          ...groups.map((group) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, nameOf(group.partner)),
              h('td', {}, humanize(group.partner.kind)),
              h(
                'td',
                { class: 'num' },
                citeButton(bounded(group.gpuTotal.quantity, group.gpuTotal.bound), group.partner.id, `Sources: ${labelOf(group)}`),
              ),
              h('td', { class: 'num' }, `${(group.share * 100).toFixed(1)}%`),
              h('td', {}, discrepancyBadge(discrepanciesByPartner.get(group.partner.id) ?? [], labelOf(group))),
            ),
          ),
        ),
      ),
    ),
  );
  section.hidden = false;
}

/** Tables scroll sideways in their own box at phone width instead of widening the page. */
function scroller(table: HTMLTableElement): HTMLDivElement {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': table.caption?.textContent ?? 'table' }, table);
}

function groupTable(
  caption: string,
  head: string,
  groups: {
    label: string;
    labelKo: string | null;
    share: number;
    allocationCount: number;
    gpuTotal: { quantity: number; bound: QuantityBound };
  }[],
): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, head),
        h('th', { scope: 'col', class: 'num' }, 'GPUs'),
        h('th', { scope: 'col', class: 'num' }, 'Share'),
        h('th', { scope: 'col', class: 'num' }, 'Allocations'),
      ),
    ),
    h(
      'tbody',
      {},
      ...groups.map((group) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', lang: state.lang === 'ko' && group.labelKo ? 'ko' : 'en' }, labelOf(group)),
          h('td', { class: 'num' }, bounded(group.gpuTotal.quantity, group.gpuTotal.bound)),
          h('td', { class: 'num' }, `${(group.share * 100).toFixed(1)}%`),
          h('td', { class: 'num' }, group.allocationCount),
        ),
      ),
    ),
  );
}

function renderBreakdown(data: DashboardQuery): void {
  const chartRows = (groups: TotalsGroupPartsFragment[]) =>
    groups.map((group) => ({
      key: group.label,
      label: labelOf(group),
      lang: state.lang === 'ko' && group.labelKo ? 'ko' : 'en',
      quantity: group.gpuTotal.quantity,
      bound: group.gpuTotal.bound,
    }));
  const section = byId('breakdown');
  section.replaceChildren(
    h('h2', { id: 'breakdown-title' }, 'Breakdown'),
    h(
      'div',
      { class: 'two' },
      h(
        'div',
        {},
        h('h3', {}, 'By partner kind'),
        barChart('GPUs by partner kind', chartRows(data.byKind.groups)),
        scroller(groupTable('GPUs by partner kind (table)', 'Partner kind', data.byKind.groups)),
      ),
      h(
        'div',
        {},
        h('h3', {}, 'By GPU model'),
        barChart('GPUs by GPU model', chartRows(data.byModel.groups)),
        scroller(groupTable('GPUs by GPU model (table)', 'GPU model', data.byModel.groups)),
      ),
    ),
  );
  section.hidden = false;
}

function renderInitiatives(data: InitiativesQuery): void {
  const initiatives = data.program ? nodes(data.program.initiatives) : [];
  const section = byId('initiatives');
  section.replaceChildren(
    h('h2', { id: 'initiatives-title' }, 'Initiatives'),
    h(
      'ul',
      { class: 'initiatives' },
      ...initiatives.map((initiative) =>
        h(
          'li',
          { class: 'card' },
          h('h3', {}, nameOf(initiative)),
          h(
            'p',
            { class: 'sub' },
            domainLabels[initiative.domain] ?? humanize(initiative.domain),
            ' · ',
            // No allocation is not a sourced zero: say that none is recorded.
            initiative.gpuTotal.allocationCount === 0
              ? h('span', { class: 'muted', 'data-testid': 'no-allocation' }, 'no GPU allocation recorded')
              : citeButton(
                  `${bounded(initiative.gpuTotal.quantity, initiative.gpuTotal.bound)} GPUs`,
                  initiative.id,
                  `Sources: ${initiative.name}`,
                ),
          ),
          h(
            'ul',
            { class: 'participants', 'aria-label': 'Participants and roles' },
            ...nodes(initiative.participants).map((participant) =>
              h(
                'li',
                {},
                h('span', { class: `role role-${participant.role.toLowerCase()}` }, humanize(participant.role)),
                ' ',
                nameOf(participant.partner),
                participant.contribution ? h('span', { class: 'muted' }, ` — ${participant.contribution}`) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  section.hidden = false;
}

function renderInvestments(data: InvestmentsQuery): void {
  const program = data.program;
  const section = byId('investments');
  if (!program) return;
  const total = program.investmentTotal;
  const switcher = h(
    'div',
    { class: 'switch', role: 'group', 'aria-label': 'Currency' },
    ...(['USD', 'KRW'] as const).map((currency) =>
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': String(state.currency === currency),
          'data-currency': currency,
          onclick: () => {
            if (state.currency === currency) return;
            state.currency = currency;
            void loadInvestments();
          },
        },
        currency,
      ),
    ),
  );
  section.replaceChildren(
    h('h2', { id: 'investments-title' }, 'Investments'),
    switcher,
    total
      ? h(
          'div',
          { class: 'card' },
          h('p', { class: 'label' }, `Total in ${total.currency}`),
          h('p', { class: 'figure', 'data-testid': 'investment-total' }, money(total.amount, total.currency, total.bound)),
          total.conversions.length
            ? h(
                'ul',
                { class: 'rates', 'aria-label': 'Exchange rates used' },
                ...total.conversions.map((conversion) =>
                  h(
                    'li',
                    {},
                    `${money(conversion.original.amount, conversion.original.currency, 'APPROXIMATE')} → ${money(conversion.converted, total.currency, 'APPROXIMATE')} at `,
                    citeButton(perUnit(conversion.rate), conversion.rate.id, 'Sources: exchange rate', { 'data-testid': 'rate' }),
                    ` (${rateKinds[conversion.rate.kind] ?? 'rate'} of ${conversion.rate.asOf})`,
                  ),
                ),
              )
            : h('p', { class: 'sub' }, `No conversion: every amount is in ${total.currency}.`),
        )
      : h('p', { role: 'alert' }, `No total in ${state.currency}: an amount has no exchange rate.`),
    h(
      'ul',
      { class: 'investments' },
      ...nodes(program.investments).map((investment) =>
        h(
          'li',
          { class: 'card' },
          h('h3', {}, state.lang === 'ko' && investment.titleKo ? h('span', { lang: 'ko' }, investment.titleKo) : investment.title),
          h(
            'p',
            {},
            citeButton(
              money(investment.amount.amount, investment.amount.currency, investment.bound),
              investment.id,
              `Sources: ${investment.title}`,
            ),
            ` · announced ${investment.announcedOn}`,
          ),
          h(
            'p',
            { class: 'sub' },
            'Investors: ',
            ...nodes(investment.investors).flatMap((investor, index) => [index ? ', ' : '', nameOf(investor.partner)]),
          ),
          investorShareNote(nodes(investment.investors)),
          discrepancyBadge(nodes(investment.discrepancies), investment.title),
        ),
      ),
    ),
  );
  section.hidden = false;
}

/** A co-investment whose split no source states: each investor's share is at most the whole. */
function investorShareNote(investors: { shareDisclosed: boolean }[]): HTMLElement | null {
  if (investors.length < 2 || investors.every((investor) => investor.shareDisclosed)) return null;
  return h(
    'p',
    { class: 'sub', 'data-testid': 'share-note' },
    'The split between the investors is not disclosed: each share is at most the whole.',
  );
}

/** Marks each table box that scrolls sideways, so a visible cue says there is more to the right. */
function markScrollers(): void {
  for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap')) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    wrap.classList.toggle('scrolls', scrolls);
    const hint = wrap.previousElementSibling?.classList.contains('scroll-hint') ? wrap.previousElementSibling : null;
    if (scrolls && !hint)
      wrap.before(h('p', { class: 'scroll-hint', 'aria-hidden': 'true' }, 'Scroll the table sideways for more columns →'));
    if (!scrolls && hint) hint.remove();
  }
}

function renderAll(): void {
  const program = state.dashboard?.program;
  if (state.dashboard && program) {
    renderHeadline(program);
    renderPartners(state.dashboard);
    renderBreakdown(state.dashboard);
  }
  if (state.initiatives) renderInitiatives(state.initiatives);
  if (state.investments) renderInvestments(state.investments);
  markScrollers();
}

// ---------------------------------------------------------------------------------------------
// Loading and live updates.

function setStatus(text: string): void {
  const status = byId('status');
  status.textContent = text;
  status.hidden = text === '';
}

async function loadInvestments(): Promise<void> {
  state.investments = await request(InvestmentsDocument, { slug: SLUG, currency: state.currency });
  renderAll();
}

let loading: Promise<void> | null = null;
let again = false;

/** Refetches everything; calls during a load coalesce into one more load after it. */
function load(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      const [dashboard, initiatives, investments] = await Promise.all([
        request(DashboardDocument, { slug: SLUG }),
        request(InitiativesDocument, { slug: SLUG }),
        request(InvestmentsDocument, { slug: SLUG, currency: state.currency }),
      ]);
      if (!dashboard.program) throw new Error(`no programme "${SLUG}"`);
      Object.assign(state, { dashboard, initiatives, investments });
      setStatus('');
      renderAll();
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

function subscribe(): void {
  const live = byId('live');
  // graphql-sse's "single connection" mode: one event stream for both subscriptions, reconnected
  // with back-off when the server goes away.
  const client = createClient({
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 100);
  };
  const sink = {
    next: changed,
    error: (error: unknown) => {
      live.textContent = 'live updates unavailable';
      live.className = 'live off';
      console.error(error);
    },
    complete: () => undefined,
  };
  const programTotals: ProgramTotalsChangedSubscriptionVariables = { slug: SLUG };
  const allocations: AllocationChangedSubscriptionVariables = {};
  client.subscribe({ query: textOf(ProgramTotalsChangedDocument), variables: programTotals }, sink);
  client.subscribe({ query: textOf(AllocationChangedDocument), variables: allocations }, sink);
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
  window.addEventListener('resize', markScrollers);
  void load();
  subscribe();
}

setup();
