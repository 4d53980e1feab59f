import { builder } from './builder.js';
import { CitationStance, QuoteKind } from './enums.js';
import { Versioned } from './versioned.js';

export const Citation = builder.drizzleNode('citations', {
  name: 'Citation',
  description: "A fact's link to a source: the source's words and what they state.",
  id: { column: (citation) => citation.id },
  interfaces: [Versioned],
  fields: (t) => ({
    source: t.relation('source', { description: 'The source quoted.' }),
    quote: t.exposeString('quote', {
      description: "The source's words in its original language (see `quoteKind` for whether they are verbatim).",
    }),
    quoteKind: t.expose('quoteKind', { type: QuoteKind, description: 'Whether `quote` is verbatim or a paraphrase.' }),
    locator: t.exposeString('locator', {
      nullable: true,
      description: 'Where the quote sits, e.g. `Q3` of the fact-sheet quote register.',
    }),
    field: t.exposeString('field', {
      nullable: true,
      description: 'The field of the subject the citation is about (`quantity`, `bound`…); null for the subject as a whole.',
    }),
    statement: t.exposeString('statement', { description: 'What the quote states, in English.' }),
    stance: t.expose('stance', { type: CitationStance, description: 'Whether the source supports the stored value.' }),
  }),
});
