import { builder } from './builder.js';
import { discrepanciesConnection } from './shared-connections.js';
import { CitationStance, QuoteKind } from './enums.js';
import { enumFilter, IDFilter, StringFilter, type FilterInput, type FilterSpec } from './filters.js';
import { SourceFilter, sourceFilterSpec } from './source.js';
import { loadedSubject, subjectRelations } from './subject.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from './validators.js';
import { defineWrites } from './writes.js';
import { citations as citationsTable } from '../db/schema.js';
import { citationSubjectTypes, subjectColumnValues } from './subject.js';

export const citationFilterSpec: FilterSpec = {
  typename: 'Citation',
  table: 'citations',
  columns: { field: 'field', quoteKind: 'quoteKind', stance: 'stance', locator: 'locator' },
  relations: { source: ['source', () => sourceFilterSpec] },
  searchColumns: (table) => [table.quote!, table.statement!],
};

const QuoteKindFilter = enumFilter('QuoteKindFilter', QuoteKind, 'how a quote relates to its source');
const CitationStanceFilter = enumFilter('CitationStanceFilter', CitationStance, 'whether a citation supports the stored value');

export const CitationFilter = builder.inputRef<FilterInput>('CitationFilter').implement({
  description: 'Which citations to return; all given conditions must hold.',
  fields: (t) => ({
    id: t.field({ type: IDFilter, description: 'By global ID.' }),
    source: t.field({ type: SourceFilter, description: 'Citations of sources matching this.' }),
    field: t.field({ type: StringFilter, description: 'By the field of the subject they are about, e.g. `quantity`.' }),
    quoteKind: t.field({ type: QuoteKindFilter, description: 'Verbatim quotes or paraphrases.' }),
    stance: t.field({ type: CitationStanceFilter, description: 'Supporting or contradicting the stored value.' }),
    locator: t.field({ type: StringFilter, description: 'By locator, e.g. `Q3`.' }),
    search: t.string({ description: 'Case-insensitive text in the quote or its English statement.' }),
    AND: t.field({ type: [CitationFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [CitationFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: CitationFilter, description: 'This filter does not hold.' }),
  }),
});

export const Citation = builder.drizzleNode('citations', {
  name: 'Citation',
  description: "A fact's link to a source: the source's words and what they state.",
  id: { column: (citation) => citation.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    source: t.relation('source', { description: 'The source quoted.' }),
    subject: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The object the citation is about: a programme, partner, allocation, initiative, investment…',
      select: { with: subjectRelations(true) },
      resolve: (citation) => loadedSubject(citation as Record<string, unknown>, 'citation'),
    }),
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
    discrepancies: discrepanciesConnection(t, 'Discrepancies this citation is evidence in.'),
  }),
});

defineWrites({
  typename: 'Citation',
  table: citationsTable,
  node: Citation,
  payloadField: 'citation',
  fields: {
    sourceId: { type: 'ID', required: true, references: 'Source', description: 'The source quoted: a Source ID.' },
    subjectId: {
      type: 'ID',
      required: true,
      description: 'The fact cited: the ID of a Program, Partner, GpuModel, Allocation, Initiative, Investment, InitiativeParticipant, InvestmentInvestor or ExchangeRate.',
    },
    field: { type: 'String', nullable: true, validate: rules.name, description: 'The field of the subject it is about, e.g. `quantity`.' },
    quote: { type: 'String', required: true, validate: rules.longText, description: "The source's words, in its language." },
    quoteKind: { type: QuoteKind, required: true, description: 'VERBATIM, or PARAPHRASE where the text was not available.' },
    locator: { type: 'String', nullable: true, validate: rules.name, description: 'Where the quote sits in the source.' },
    statement: { type: 'String', required: true, validate: rules.longText, description: 'What the quote states, in English.' },
    stance: { type: CitationStance, description: 'SUPPORTS (the default) or CONTRADICTS the stored value.' },
  },
  prepare: (values, input, _before, tx) => {
    const { subjectId, ...rest } = values;
    if (subjectId === undefined) return rest;
    return { ...rest, ...subjectColumnValues(tx, String(input.subjectId), citationSubjectTypes) };
  },
});
