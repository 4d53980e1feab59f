// The panel: the citations behind a figure, and where the sources disagree.
import { request } from './api.js';
import { type Attrs, byId, type Child, h, nodes } from './dom.js';
import { fieldLabel, HANGUL } from './format.js';
import { CitationsDocument, type CitationPartsFragment, type DiscrepancyPartsFragment } from './gql/graphql.js';
import { currentSlug } from './state.js';

export const panel = (): HTMLDialogElement => byId<HTMLDialogElement>('panel');

export function openPanel(title: string, content: Node): void {
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

/** Loads and shows the citations behind one figure: a programme, a partner's allocations, an investment, a rate… */
export async function showCitations(id: string, title: string, filter?: (citation: CitationPartsFragment) => boolean): Promise<void> {
  await showLoadedCitations(title, null, async () => {
    const { node } = await request(CitationsDocument, { id });
    let citations: CitationPartsFragment[] = [];
    if (node && 'citations' in node) citations = nodes(node.citations);
    if (node?.__typename === 'Partner' && 'allocations' in node) {
      // The bar's number is the partner's allocations in this programme: their citations first.
      const allocations = nodes(node.allocations).filter((allocation) => allocation.program.slug === currentSlug());
      citations = [...allocations.flatMap((allocation) => nodes(allocation.citations)), ...citations];
    }
    return filter ? citations.filter(filter) : citations;
  });
}

/**
 * Opens the panel on `title` with `lead` (what the figure is made of, e.g. the rates used) and
 * the citations `load` finds, each once.
 */
export async function showLoadedCitations(title: string, lead: Node | null, load: () => Promise<CitationPartsFragment[]>): Promise<void> {
  const loading = h('p', { role: 'status' }, 'Loading citations…');
  openPanel(title, lead ? h('div', {}, lead, loading) : loading);
  try {
    const citations = await load();
    const unique = [...new Map(citations.map((citation) => [citation.id, citation])).values()];
    if (panel().open && byId('panel-title').textContent === title) loading.replaceWith(citationList(unique));
  } catch (error) {
    loading.replaceWith(h('p', { role: 'alert' }, `Could not load the citations: ${(error as Error).message}`));
  }
}

export function citeButton(
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

export function discrepancyBadge(discrepancies: DiscrepancyPartsFragment[], about: string): HTMLButtonElement | null {
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
