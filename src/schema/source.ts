import { builder } from './builder.js';
import { citationsConnection } from './shared-connections.js';
import { CitationFilter, citationFilterSpec } from './citation.js';
import { SourceKind } from './enums.js';
import { countWhere, enumFilter, IDFilter, StringFilter, toWhere, type FilterInput, type FilterSpec } from './filters.js';
import { orderInput } from './ordering.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from './validators.js';
import { defineWrites } from './writes.js';
import { sources as sourcesTable } from '../db/schema.js';

export const sourceFilterSpec: FilterSpec = {
  typename: 'Source',
  table: 'sources',
  columns: { slug: 'slug', kind: 'kind', language: 'language', publisher: 'publisher' },
  relations: { citations: ['citations', () => citationFilterSpec] },
  searchColumns: (table) => [table.title!, table.publisher!],
};

const SourceKindFilter = enumFilter('SourceKindFilter', SourceKind, 'a kind of source');

export const SourceFilter = builder.inputRef<FilterInput>('SourceFilter').implement({
  description: 'Which sources to return; all given conditions must hold.',
  fields: (t) => ({
    id: t.field({ type: IDFilter, description: 'By global ID.' }),
    slug: t.field({ type: StringFilter, description: 'By slug.' }),
    kind: t.field({ type: SourceKindFilter, description: 'By kind of document.' }),
    language: t.field({ type: StringFilter, description: 'By language tag, e.g. `{ eq: "ko" }`.' }),
    publisher: t.field({ type: StringFilter, description: 'By publisher, exactly.' }),
    citations: t.field({ type: CitationFilter, description: 'Sources cited at least once as this describes.' }),
    search: t.string({ description: 'Case-insensitive text in the title or publisher.' }),
    AND: t.field({ type: [SourceFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [SourceFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: SourceFilter, description: 'This filter does not hold.' }),
  }),
});

export const sourceOrder = orderInput('Source', {
  SLUG: { column: 'slug', description: 'Slug.' },
  PUBLISHER: { column: 'publisher', description: 'Publisher.' },
});

export const Source = builder.drizzleNode('sources', {
  name: 'Source',
  description: 'A document a fact comes from: an article, a press release, a blog post.',
  id: { column: (source) => source.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'Short stable key of the source, e.g. `newspim-2025-10-31`.' }),
    url: t.exposeString('url', { nullable: true, description: 'Web address; null when only an archived copy is known.' }),
    title: t.exposeString('title', { nullable: true, description: 'Headline or title in the original language; null when not recorded.' }),
    publisher: t.exposeString('publisher', { description: 'Who published it.' }),
    kind: t.expose('kind', { type: SourceKind, description: 'What kind of document it is.' }),
    publishedAt: t.exposeString('publishedAt', {
      nullable: true,
      description: 'When it was published: an ISO 8601 date, or a date-time with offset when the time is known.',
    }),
    language: t.exposeString('language', { description: 'BCP 47 language tag of its text, e.g. `ko`.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'What else is known about the source and its availability.' }),
    missingMetadataReason: t.exposeString('missingMetadataReason', {
      nullable: true,
      description:
        'Why its URL, title or publication date is missing (e.g. "the stored copy shows no headline"); null when none is. Every source lacking one says why.',
    }),
    citations: citationsConnection(t, 'The facts this source is cited for.'),
  }),
});

builder.queryField('sources', (t) =>
  t.drizzleConnection({
    type: 'sources',
    description: 'Every source the dataset cites.',
    args: {
      filter: t.arg({ type: SourceFilter, description: 'Which sources to return.' }),
      orderBy: t.arg({ type: [sourceOrder.input], description: 'Sort keys, applied in order.' }),
    },
    totalCount: (_root, args, context) => countWhere(context.db, 'sources', toWhere(sourceFilterSpec, args.filter)),
    resolve: (query, _root, args, context) =>
      context.db.query.sources.findMany(
        query({
          where: toWhere(sourceFilterSpec, args.filter),
          ...sourceOrder.toQuery(args.orderBy, [{ field: 'SLUG', direction: 'ASC' }]),
        }),
      ),
  }),
);

defineWrites({
  typename: 'Source',
  table: sourcesTable,
  node: Source,
  payloadField: 'source',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'Short stable key, e.g. `newspim-2025-10-31`.' },
    url: { type: 'String', nullable: true, validate: rules.url, description: 'Web address, an http(s) URL.' },
    title: { type: 'String', nullable: true, validate: rules.name, description: 'Headline or title.' },
    publisher: { type: 'String', required: true, validate: rules.name, description: 'Who published it.' },
    kind: { type: SourceKind, required: true, description: 'What kind of document it is.' },
    publishedAt: { type: 'String', nullable: true, validate: rules.publishedAt, description: 'ISO 8601 date or date-time with offset.' },
    language: { type: 'String', required: true, validate: rules.language, description: 'BCP 47 language tag, e.g. `ko`.' },
    notes: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What else is known about it.' },
    missingMetadataReason: {
      type: 'String',
      nullable: true,
      validate: rules.optionalText,
      description: 'Why its URL, title or publication date is missing.',
    },
  },
});
