import { builder } from './builder.js';
import { SourceKind } from './enums.js';
import { Versioned } from './versioned.js';

export const Source = builder.drizzleNode('sources', {
  name: 'Source',
  description: 'A document a fact comes from: an article, a press release, a blog post.',
  id: { column: (source) => source.id },
  interfaces: [Versioned],
  fields: (t) => ({
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
    citations: t.relatedConnection('citations', {
      description: 'The facts this source is cited for.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});
