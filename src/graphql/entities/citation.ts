import { builder } from '../builder.js';
import { CitationStance, QuoteKind } from '../enums.js';
import { defineFilter, enumFilter } from '../conventions/filters.js';
import { citationSubjectTypes, loadedSubject, subjectColumnValues, subjectRelations } from '../features/subject.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { citations as citationsTable } from '../../db/schema.js';
import { citationSubjects, subjectTypeList } from '../../db/subjects.js';

export const citationFilter = defineFilter({
  typename: 'Citation',
  table: 'citations',
  description: 'Which citations to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    source: { filter: 'Source', description: 'Citations of sources matching this.' },
    field: { kind: 'string', description: 'By the field of the subject they are about, e.g. `quantity`.' },
    quoteKind: {
      kind: enumFilter('QuoteKindFilter', QuoteKind, 'how a quote relates to its source'),
      description: 'Verbatim quotes or paraphrases.',
    },
    stance: {
      kind: enumFilter('CitationStanceFilter', CitationStance, 'whether a citation supports the stored value'),
      description: 'Supporting or contradicting the stored value.',
    },
    locator: { kind: 'string', description: 'By locator, e.g. `Q3`.' },
    search: {
      search: (table) => [table.quoteFolded!, table.statementFolded!],
      description: 'Case-insensitive text in the quote or its English statement.',
    },
  },
});
export const { input: CitationFilter, spec: citationFilterSpec } = citationFilter;

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
      description: `The fact cited: the ID of a ${subjectTypeList(citationSubjects)}.`,
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
