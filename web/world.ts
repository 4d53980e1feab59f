// The world view (`/`): every programme side by side — GPUs with their bounds, money in one
// chosen currency with the rates used, partners — in a table sorted by any column, each figure a
// button to its sources and each programme a link to its own view.
import { request, requestTolerating } from './api.js';
import { byId, type Child, h, markScrollers, nodes } from './dom.js';
import {
  bounded,
  compactMoney,
  datePrecise,
  fullMoney,
  integer,
  megawatts,
  money,
  perUnit,
  programStatusLabels,
  rateKinds,
} from './format.js';
import {
  type CitationPartsFragment,
  type ProgramStatus,
  ProgramFigureCitationsDocument,
  type ProgramFigureCitationsQuery,
  WorldDocument,
  type WorldQuery,
} from './gql/graphql.js';
import { citeButton, showLoadedCitations } from './panel.js';
import { nameOf, type SortKey, state } from './state.js';

type WorldProgram = WorldQuery['programs']['edges'][number]['node'];
type MoneyTotal = NonNullable<WorldProgram['investmentTotal']>;
type Conversion = MoneyTotal['conversions'][number];
type Rate = Conversion['rate'];

/** One rate as a button to its sources, with its kind and date. */
function rateButton(rate: Rate): Child[] {
  return [
    citeButton(perUnit(rate), rate.id, 'Sources: exchange rate', { 'data-rate': rate.id }),
    ` (${rateKinds[rate.kind] ?? 'rate'} of ${rate.asOf})`,
  ];
}
type Power = WorldProgram['powerCapacities']['edges'][number]['node'];

/** The order a programme moves through; paused and called-off ones after the live ones. */
const statusOrder: ProgramStatus[] = ['PROPOSED', 'ANNOUNCED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'ON_HOLD', 'CANCELLED'];
const statusLabels = programStatusLabels;

/** The largest power figure a programme states (a range by its top), or null when it states none. */
function largestPower(program: WorldProgram): Power | null {
  const top = (power: Power) => Number(power.mwHigh ?? power.mw);
  return nodes(program.powerCapacities).reduce<Power | null>(
    (best, power) => (best === null || top(power) > top(best) ? power : best),
    null,
  );
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "South Korea (KR)"; the code alone when the browser has no name for it. */
export function countryName(code: string): string {
  const name = regionNames.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}

/** The figure the world table shows: the total the sources state, else the sum of the allocations. */
function headlineGpus(program: WorldProgram): { quantity: number; bound: WorldProgram['gpuTotal']['bound']; stated: boolean } | null {
  if (program.statedGpuTotal !== null && program.statedGpuTotalBound !== null)
    return { quantity: program.statedGpuTotal, bound: program.statedGpuTotalBound, stated: true };
  if (program.gpuTotal.allocationCount === 0) return null;
  return { quantity: program.gpuTotal.quantity, bound: program.gpuTotal.bound, stated: false };
}

function moneyOf(program: WorldProgram): MoneyTotal | null {
  const total = program.investmentTotal;
  return total && total.investmentCount > 0 ? total : null;
}

/** The value a column sorts by; null sorts last in either direction (an unknown is not a zero). */
function sortValue(program: WorldProgram, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return state.lang === 'ko' && program.nameKo ? program.nameKo : program.name;
    case 'country':
      return countryName(program.country);
    case 'announced':
      return program.announcedOn;
    case 'status':
      return statusOrder.indexOf(program.status);
    case 'power': {
      const power = largestPower(program);
      return power ? Number(power.mwHigh ?? power.mw) : null;
    }
    case 'gpus':
      return headlineGpus(program)?.quantity ?? null;
    case 'money': {
      const total = moneyOf(program);
      return total ? Number(total.amount) : null;
    }
    case 'partners':
      return program.partnerCount;
  }
}

export function sortedPrograms(programs: WorldProgram[]): WorldProgram[] {
  const { key, direction } = state.sort;
  const sign = direction === 'ascending' ? 1 : -1;
  return [...programs].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    if (left === null || right === null) return left === right ? a.name.localeCompare(b.name) : left === null ? 1 : -1;
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
    return order === 0 ? a.name.localeCompare(b.name) : sign * order;
  });
}

const columns: { key: SortKey; label: () => string; numeric: boolean; firstDirection: 'ascending' | 'descending' }[] = [
  { key: 'name', label: () => 'Programme', numeric: false, firstDirection: 'ascending' },
  { key: 'gpus', label: () => 'GPUs', numeric: true, firstDirection: 'descending' },
  { key: 'money', label: () => `Money in ${state.worldCurrency}`, numeric: true, firstDirection: 'descending' },
  { key: 'power', label: () => 'Power (MW)', numeric: true, firstDirection: 'descending' },
  { key: 'status', label: () => 'Status', numeric: false, firstDirection: 'descending' },
  { key: 'country', label: () => 'Country', numeric: false, firstDirection: 'ascending' },
  { key: 'announced', label: () => 'Announced', numeric: false, firstDirection: 'descending' },
  { key: 'partners', label: () => 'Partners', numeric: true, firstDirection: 'descending' },
];

/** Says the new order in the page's polite live region, since a re-sorted table says nothing. */
function announce(text: string): void {
  byId('announce').textContent = text;
}

function sortBy(key: SortKey): void {
  const column = columns.find((candidate) => candidate.key === key)!;
  const direction = state.sort.key === key ? (state.sort.direction === 'ascending' ? 'descending' : 'ascending') : column.firstDirection;
  state.sort = { key, direction };
  renderWorld();
  // The header was re-created: give focus back to the button just pressed.
  document.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)?.focus();
  announce(`Sorted by ${column.label()}, ${direction}.`);
}

function headerCell(column: (typeof columns)[number]): HTMLTableCellElement {
  const sorted = state.sort.key === column.key;
  return h(
    'th',
    { scope: 'col', class: column.numeric ? 'num' : null, 'aria-sort': sorted ? state.sort.direction : null },
    h(
      'button',
      { type: 'button', class: 'sort', 'data-sort': column.key, onclick: () => sortBy(column.key) },
      column.label(),
      h('span', { class: 'arrow', 'aria-hidden': 'true' }, sorted ? (state.sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'),
    ),
  );
}

/** Hidden words after a figure, so its button says what it is out of the table too. */
function hiddenContext(text: string): HTMLSpanElement {
  return h('span', { class: 'visually-hidden' }, text);
}

type FigureNode = Extract<NonNullable<ProgramFigureCitationsQuery['node']>, { __typename: 'Program' }>;

async function figureCitations(program: WorldProgram): Promise<FigureNode> {
  const { node } = await request(ProgramFigureCitationsDocument, { id: program.id });
  if (node?.__typename !== 'Program') throw new Error('the programme is gone');
  return node;
}

/** The floor and ceiling of a sum, where they say more than its bound already does: " (at least 150,000)". */
function boundsOf(total: WorldProgram['gpuTotal']): string {
  if (total.exact) return '';
  const parts: string[] = [];
  if (total.lowerBound > 0 && !(total.bound === 'AT_LEAST' && total.lowerBound === total.quantity))
    parts.push(`at least ${integer.format(total.lowerBound)}`);
  if (total.upperBound !== null && !(total.bound === 'UP_TO' && total.upperBound === total.quantity))
    parts.push(`at most ${integer.format(total.upperBound)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function gpuCell(program: WorldProgram): HTMLTableCellElement {
  const figure = headlineGpus(program);
  const stated = unnumbered(program, 'GPUS');
  if (!figure) return h('td', { class: 'num' }, h('span', { class: 'muted' }, 'no GPU figure recorded'), stated);
  const total = program.gpuTotal;
  const text = bounded(figure.quantity, figure.bound);
  const title = `Sources: GPUs in ${program.name}`;
  const lead = h(
    'p',
    { class: 'sub' },
    figure.stated
      ? `The programme total as the sources state it: ${text}.`
      : `No source states a programme total: this is the sum of its ${total.allocationCount} allocations, ${text}.`,
  );
  const sum = total.allocationCount > 0 ? `${bounded(total.quantity, total.bound)}${boundsOf(total)}` : null;
  return h(
    'td',
    { class: 'num' },
    h(
      'button',
      {
        type: 'button',
        class: 'cite figure-cell',
        'aria-haspopup': 'dialog',
        'data-figure': 'gpus',
        'data-program': program.slug,
        'data-bound': figure.bound,
        onclick: () =>
          void showLoadedCitations(title, lead, async () => {
            const node = await figureCitations(program);
            if (figure.stated) return nodes(node.citations).filter((citation) => (citation.field ?? '').startsWith('statedGpuTotal'));
            return nodes(node.allocations).flatMap((allocation) => nodes(allocation.citations));
          }),
      },
      h('span', { 'data-shown': '' }, text),
      hiddenContext(` GPUs in ${program.name}, show the sources`),
    ),
    h(
      'span',
      { class: 'sub block' },
      figure.stated
        ? `stated total; ${sum ? `allocations: ${sum}` : 'no allocations recorded'}`
        : `sum of the allocations${boundsOf(total)}`,
    ),
    stated,
  );
}

function conversionLine(conversion: Conversion, currency: string): HTMLLIElement {
  return h(
    'li',
    {},
    `${money(conversion.original.amount, conversion.original.currency, 'APPROXIMATE')} → ${money(conversion.converted, currency, 'APPROXIMATE')} at `,
    ...rateButton(conversion.rate),
    // No rate joins the two currencies: the part went through USD, with a second rate.
    ...(conversion.viaRate ? [' then, via USD, ', ...rateButton(conversion.viaRate)] : []),
  );
}

function moneyCell(program: WorldProgram): HTMLTableCellElement {
  const missing = state.worldMoneyMissing.get(program.id);
  if (missing)
    return h('td', { class: 'num' }, h('span', { class: 'warn', 'data-money-missing': program.slug }, `no rate to ${state.worldCurrency}`));
  const total = moneyOf(program);
  const stated = unnumbered(program, 'MONEY');
  if (!total) return h('td', { class: 'num' }, stated ?? h('span', { class: 'muted' }, 'no investment recorded'));
  const text = money(total.amount, total.currency, total.bound);
  const title = `Sources: money in ${program.name}`;
  const lead = h(
    'div',
    {},
    h(
      'p',
      { class: 'sub' },
      `${total.investmentCount} investment${total.investmentCount === 1 ? '' : 's'}, totalled in ${total.currency}: ${text}.`,
    ),
    total.conversions.length
      ? h(
          'ul',
          { class: 'rates', 'aria-label': 'Exchange rates used' },
          ...total.conversions.map((conversion) => conversionLine(conversion, total.currency)),
        )
      : h('p', { class: 'sub' }, `No conversion: every amount is in ${total.currency}.`),
  );
  const from = [...new Set(total.conversions.map((conversion) => conversion.original.currency))];
  return h(
    'td',
    { class: 'num' },
    h(
      'button',
      {
        type: 'button',
        class: 'cite figure-cell',
        'aria-haspopup': 'dialog',
        'data-figure': 'money',
        'data-program': program.slug,
        onclick: () =>
          void showLoadedCitations(title, lead, async () => {
            const node = await figureCitations(program);
            return nodes(node.investments).flatMap((investment): CitationPartsFragment[] => nodes(investment.citations));
          }),
      },
      h('span', { 'data-shown': '' }, compactMoney(total.amount, total.currency, total.bound)),
      hiddenContext(` (${fullMoney(total.amount, total.currency, total.bound)}) invested in ${program.name}, show the sources`),
    ),
    h('span', { class: 'sub block' }, from.length ? `converted from ${from.join(', ')}` : `in ${total.currency} as stated`),
    stated,
  );
}

/** "supplier NVIDIA", or "suppliers NVIDIA, AMD" with the others the sources name. */
function suppliersLine(program: WorldProgram): HTMLSpanElement {
  const suppliers = [program.supplier, ...program.otherSuppliers.map((other) => other.partner)];
  return h(
    'span',
    { class: 'sub block' },
    suppliers.length === 1 ? 'supplier ' : 'suppliers ',
    ...suppliers.flatMap((supplier, index) => [index ? ', ' : '', nameOf(supplier)]),
  );
}

/** The host first, then the other countries the programme spans, each with its role when it hosts nothing. */
function countriesCell(program: WorldProgram): HTMLTableCellElement {
  const entries = program.countries.length ? program.countries : [{ country: program.country, role: 'HOST' as const, primary: true }];
  return h(
    'td',
    {},
    ...entries.map((entry, index) =>
      h(
        'span',
        { class: index ? 'sub block' : 'block', 'data-country': entry.country },
        countryName(entry.country),
        entry.role === 'PARTICIPANT' ? ' (participant)' : '',
      ),
    ),
  );
}

/**
 * Amounts the sources commit without a number, in their words ("several hundred thousand"), as
 * a button to the commitments' sources; null when there are none.
 */
function unnumbered(program: WorldProgram, subject: 'GPUS' | 'MONEY'): HTMLElement | null {
  const phrases = nodes(program.commitments)
    .filter((commitment) => commitment.subject === subject)
    .map((commitment) => `“${commitment.statedPhrase}”${commitment.currency ? ` (${commitment.currency})` : ''}`);
  if (phrases.length === 0) return null;
  const what = subject === 'GPUS' ? 'GPUs' : 'money';
  const title = `Sources: ${what} in ${program.name} stated without a number`;
  return h(
    'span',
    { class: 'sub block', 'data-unnumbered': subject.toLowerCase() },
    'without a number: ',
    h(
      'button',
      {
        type: 'button',
        class: 'cite',
        'aria-haspopup': 'dialog',
        onclick: () =>
          void showLoadedCitations(
            title,
            h('p', { class: 'sub' }, `Stated without a number, so never counted in a total: ${phrases.join(', ')}.`),
            async () =>
              nodes((await figureCitations(program)).commitments)
                .filter((commitment) => commitment.subject === subject)
                .flatMap((commitment) => nodes(commitment.citations)),
          ),
      },
      phrases.join(', '),
      hiddenContext(` ${what} in ${program.name}, show the sources`),
    ),
  );
}

function powerCell(program: WorldProgram): HTMLTableCellElement {
  const largest = largestPower(program);
  if (!largest) return h('td', { class: 'num' }, h('span', { class: 'muted' }, 'none stated'));
  const all = nodes(program.powerCapacities);
  const more = program.powerCapacities.totalCount - 1;
  const title = `Sources: power in ${program.name}`;
  const lead = h(
    'div',
    {},
    h('p', { class: 'sub' }, 'The power figures the sources state, each with what it covers; none is a sum of the others.'),
    h(
      'ul',
      { class: 'rates', 'aria-label': 'Power figures' },
      ...all.map((power) =>
        h('li', {}, h('strong', {}, megawatts(power)), ` — ${power.scope}${power.location ? ` (${power.location})` : ''}`),
      ),
    ),
  );
  return h(
    'td',
    { class: 'num' },
    h(
      'button',
      {
        type: 'button',
        class: 'cite figure-cell',
        'aria-haspopup': 'dialog',
        'data-figure': 'power',
        'data-program': program.slug,
        onclick: () =>
          void showLoadedCitations(title, lead, async () => {
            const node = await figureCitations(program);
            return nodes(node.powerCapacities).flatMap((power) => nodes(power.citations));
          }),
      },
      h('span', { 'data-shown': '' }, megawatts(largest)),
      hiddenContext(` of power in ${program.name}, show the sources`),
    ),
    h('span', { class: 'sub block' }, largest.scope, more > 0 ? `; ${more} more figure${more === 1 ? '' : 's'}` : null),
  );
}

function programLink(program: WorldProgram): HTMLAnchorElement {
  return h('a', { href: `/programs/${encodeURIComponent(program.slug)}`, 'data-program-link': program.slug }, nameOf(program));
}

function currencyPicker(data: WorldQuery): HTMLElement {
  const offered = new Set<string>([state.worldCurrency, 'USD']);
  for (const rate of nodes(data.exchangeRates)) offered.add(rate.baseCurrency).add(rate.quoteCurrency);
  for (const investment of nodes(data.investments)) offered.add(investment.amount.currency);
  const select = h(
    'select',
    {
      id: 'world-currency',
      onchange: (event: Event) => {
        state.worldCurrency = (event.target as HTMLSelectElement).value;
        void reloadWorld();
      },
    },
    ...[...offered].sort().map((currency) => h('option', { value: currency, selected: currency === state.worldCurrency }, currency)),
  );
  return h('p', { class: 'picker' }, h('label', { for: 'world-currency' }, 'Money in '), select);
}

/** The distinct rates all programmes' totals used, once each, with their sources. */
function ratesUsed(programs: WorldProgram[]): HTMLElement {
  const seen = new Map<string, Rate>();
  for (const program of programs)
    for (const conversion of moneyOf(program)?.conversions ?? [])
      for (const rate of [conversion.rate, conversion.viaRate]) if (rate) seen.set(rate.id, rate);
  const missing = programs.filter((program) => state.worldMoneyMissing.has(program.id));
  const items: Child[] = [...seen.values()].map((rate) => h('li', {}, ...rateButton(rate)));
  return h(
    'div',
    { class: 'card', 'data-testid': 'rates-used' },
    h('h3', {}, `Exchange rates used for ${state.worldCurrency}`),
    items.length
      ? h('ul', { class: 'rates' }, ...items)
      : h('p', { class: 'sub' }, `No conversion: every amount shown is in ${state.worldCurrency}.`),
    ...missing.map((program) =>
      h(
        'p',
        { class: 'sub' },
        `${program.name}: ${state.worldMoneyMissing.get(program.id) ?? 'no exchange rate'}, so its money is not totalled in ${state.worldCurrency}.`,
      ),
    ),
  );
}

/** Renders the world view from the state's last load. */
export function renderWorld(): void {
  const data = state.world;
  if (!data) return;
  const programs = nodes(data.programs);
  const section = byId('world');
  byId('title').textContent = 'National AI-factory programmes';
  document.title = `AI-factory GPUs: ${programs.length} programmes compared`;
  section.replaceChildren(
    h('h2', { id: 'world-title' }, 'Programmes side by side'),
    h(
      'p',
      { class: 'sub' },
      `${programs.length} programme${programs.length === 1 ? '' : 's'}. GPUs are the total the sources state, else the sum of the allocations; "at least", "up to" and ≈ are what the sources support. Sort by any column; open a programme for its partners, initiatives and investments.`,
    ),
    currencyPicker(data),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Programmes side by side' },
      h(
        'table',
        { class: 'world' },
        h('caption', {}, 'Programmes side by side; column headers sort'),
        h('thead', {}, h('tr', {}, ...columns.map(headerCell))),
        h(
          'tbody',
          {},
          ...sortedPrograms(programs).map((program) =>
            h(
              'tr',
              { 'data-program-row': program.slug },
              h('th', { scope: 'row' }, programLink(program), suppliersLine(program)),
              gpuCell(program),
              moneyCell(program),
              powerCell(program),
              h('td', { 'data-status': program.status }, statusLabels[program.status]),
              countriesCell(program),
              h('td', {}, h('time', { datetime: program.announcedOn }, datePrecise(program.announcedOn, program.announcedOnPrecision))),
              h('td', { class: 'num' }, program.partnerCount),
            ),
          ),
        ),
      ),
    ),
    ratesUsed(programs),
  );
  section.hidden = false;
  markScrollers();
}

/** Loads every programme with its money in the chosen currency; a missing rate blanks that programme's money alone. */
export async function loadWorld(): Promise<WorldQuery> {
  const { data, failed } = await requestTolerating(WorldDocument, { currency: state.worldCurrency }, ['EXCHANGE_RATE_MISSING']);
  const missing = new Map<string, string>();
  const programs = nodes(data.programs);
  for (const failure of failed) {
    // programs.edges.<index>.node.investmentTotal
    const match = /^programs\.edges\.(\d+)\.node\.investmentTotal$/.exec(failure.path);
    const program = match ? programs[Number(match[1])] : undefined;
    if (!program) throw new Error(`${failure.message} (${failure.code})`);
    const { from, to } = failure.extensions;
    missing.set(
      program.id,
      typeof from === 'string' && typeof to === 'string' ? `no stored rate converts ${from} to ${to}` : failure.message,
    );
  }
  state.worldMoneyMissing = missing;
  return data;
}

async function reloadWorld(): Promise<void> {
  state.world = await loadWorld();
  if (state.route.view === 'world') {
    renderWorld();
    document.getElementById('world-currency')?.focus();
  }
}
