import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { SourceKind } from '../enums.js';
import { defineFilter, enumFilter } from '../conventions/filters.js';
import { orderInput } from '../conventions/ordering.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { sources as sourcesTable } from '../../db/schema.js';

export const sourceFilter = defineFilter({
  typename: 'Source',
  table: 'sources',
  description: 'Which sources to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    kind: { kind: enumFilter('SourceKindFilter', SourceKind, 'a kind of source'), description: 'By kind of document.' },
    language: { kind: 'string', description: 'By language tag, e.g. `{ eq: "ko" }`.' },
    publisher: { kind: 'string', description: 'By publisher, exactly.' },
    citations: { filter: 'Citation', description: 'Sources cited at least once as this describes.' },
    search: {
      search: (table) => [table.titleFolded!, table.publisherFolded!],
      description: 'Case-insensitive text in the title or publisher.',
    },
  },
});
export const { input: SourceFilter, spec: sourceFilterSpec } = sourceFilter;

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
  }),
});

builder.queryField('sources', (t) =>
  rootList(t, {
    table: 'sources',
    description: 'Every source the dataset cites.',
    filter: sourceFilter,
    filterDescription: 'Which sources to return.',
    order: sourceOrder,
    defaultOrder: [{ field: 'SLUG', direction: 'ASC' }],
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
