// One programme's view (`/programs/<slug>`): the headline (GPUs, capacity, power, status), the
// phases, GPUs by partner, the breakdowns, initiatives and investments, each figure a button to its sources.
import { request, requestTolerating } from './api.js';
import { byId, h, markScrollers, nodes, s } from './dom.js';
import {
  bounded,
  boundWords,
  datePrecise,
  domainLabels,
  humanize,
  integer,
  megawatts,
  money,
  perUnit,
  phaseStatusLabels,
  programStatusLabels,
  rateKinds,
} from './format.js';
import {
  type CitationPartsFragment,
  CitationsDocument,
  type DashboardQuery,
  type DiscrepancyPartsFragment,
  type InitiativesQuery,
  InvestmentsDocument,
  type InvestmentsQuery,
  type QuantityBound,
  type TotalsGroupPartsFragment,
} from './gql/graphql.js';
import { citeButton, discrepancyBadge, showCitations, showLoadedCitations } from './panel.js';
import { labelOf, nameOf, state } from './state.js';

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
      statusCard(program),
      powerCard(program),
    ),
  );
  section.hidden = false;
}

/**
 * The citations stating the programme's status; where none does (a status of ANNOUNCED rests
 * on the announcement), those of the programme as a whole and of its announcement.
 */
async function statusCitations(programId: string): Promise<CitationPartsFragment[]> {
  const { node } = await request(CitationsDocument, { id: programId });
  const all = node && 'citations' in node ? nodes(node.citations) : [];
  const stated = all.filter((citation) => citation.field === 'status');
  return stated.length > 0 ? stated : all.filter((citation) => citation.field === null || citation.field === 'announcedOn');
}

function statusCard(program: Program): HTMLElement {
  const label = programStatusLabels[program.status];
  return h(
    'div',
    { class: 'card' },
    h('p', { class: 'label' }, 'Status'),
    h(
      'p',
      { class: 'figure' },
      h(
        'button',
        {
          type: 'button',
          class: 'cite',
          title: 'Show the sources',
          'aria-haspopup': 'dialog',
          'data-testid': 'program-status',
          'data-status': program.status,
          onclick: () =>
            void showLoadedCitations(
              'Sources: status',
              h('p', { class: 'sub' }, `${label}: the sources stating it, or, where none does, those of the announcement.`),
              () => statusCitations(program.id),
            ),
        },
        label,
      ),
    ),
    h('p', { class: 'sub' }, 'where the programme stands as a whole, as its sources describe it'),
  );
}

/** Every power figure the sources state, in MW with its bound or range, each a button to its sources. */
function powerCard(program: Program): HTMLElement {
  const figures = nodes(program.powerCapacities);
  return h(
    'div',
    { class: 'card', 'data-testid': 'power' },
    h('p', { class: 'label' }, 'Power capacity'),
    figures.length === 0
      ? h('p', { class: 'sub muted' }, 'No power figure stated.')
      : h(
          'ul',
          { class: 'power', 'aria-label': 'Power figures' },
          ...figures.map((power) =>
            h(
              'li',
              {},
              citeButton(megawatts(power), power.id, `Sources: ${megawatts(power)}, ${power.scope}`, { 'data-power': power.id }),
              h(
                'span',
                { class: 'sub block' },
                power.scope,
                power.location ? ` · ${power.location}` : null,
                power.phase ? ` · phase: ${power.phase.name}` : null,
              ),
            ),
          ),
        ),
  );
}

/** The programme's phases, earliest target first, each target date a button to the phase's sources. */
function renderPhases(program: Program): void {
  const phases = nodes(program.phases);
  const section = byId('phases');
  if (phases.length === 0) {
    section.replaceChildren();
    section.hidden = true;
    return;
  }
  section.replaceChildren(
    h('h2', { id: 'phases-title' }, 'Phases'),
    scroller(
      h(
        'table',
        {},
        h('caption', {}, 'Phases and their target dates'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Phase'), h('th', { scope: 'col' }, 'Target'), h('th', { scope: 'col' }, 'Status')),
        ),
        h(
          'tbody',
          {},
          ...phases.map((phase) =>
            h(
              'tr',
              { 'data-phase-row': phase.id },
              h('th', { scope: 'row' }, phase.name),
              h(
                'td',
                {},
                citeButton(
                  phase.targetDate && phase.targetPrecision
                    ? h('time', { datetime: phase.targetDate }, datePrecise(phase.targetDate, phase.targetPrecision))
                    : 'no date stated',
                  phase.id,
                  `Sources: ${phase.name}`,
                  { 'data-phase': phase.id },
                ),
              ),
              h(
                'td',
                { 'data-phase-status': phase.status },
                phaseStatusLabels[phase.status],
                phase.achievedOn ? ` on ${phase.achievedOn}` : null,
              ),
            ),
          ),
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

export function boundLegend(): HTMLElement {
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
export function scroller(table: HTMLTableElement): HTMLDivElement {
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
            void loadInvestments(program.id);
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

/** Renders the programme view from the state's last load. */
export function renderProgram(): void {
  const program = state.dashboard?.program;
  if (state.dashboard && program) {
    renderHeadline(program);
    renderPhases(program);
    renderPartners(state.dashboard);
    renderBreakdown(state.dashboard);
  }
  if (state.initiatives) renderInitiatives(state.initiatives);
  if (state.investments) renderInvestments(state.investments);
  markScrollers();
}

/** Reloads the investments in the programme view's currency, unless the page has moved on. */
async function loadInvestments(programId: string): Promise<void> {
  const slug = state.route.view === 'program' ? state.route.slug : null;
  if (!slug) return;
  const { data: investments } = await requestTolerating(InvestmentsDocument, { slug, currency: state.currency }, ['EXCHANGE_RATE_MISSING']);
  if (investments.program?.id !== programId || state.route.view !== 'program' || state.route.slug !== slug) return;
  state.investments = investments;
  renderProgram();
}
