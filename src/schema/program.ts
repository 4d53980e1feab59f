import { programs } from '../db/schema.js';
import { builder } from './builder.js';
import { Versioned } from './versioned.js';

export const Program = builder.drizzleNode('programs', {
  name: 'Program',
  description: 'One announced GPU programme, such as NVIDIA\'s 2025 supply of Blackwell GPUs to Korea.',
  id: { column: (program) => program.id },
  interfaces: [Versioned],
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `korea-2025`.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameKo: t.exposeString('nameKo', { nullable: true, description: 'Name in Korean.' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code of the country it serves, e.g. `KR`.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', description: 'When it was announced.' }),
    supplier: t.relation('supplier', { description: 'Who supplies the GPUs.' }),
    installedBaseGpus: t.exposeInt('installedBaseGpus', {
      nullable: true,
      description: 'GPUs the country had installed before the programme (65,000 for Korea 2025); null when unknown.',
    }),
    description: t.exposeString('description', { nullable: true, description: 'What the programme is, in a few sentences.' }),
    allocations: t.relatedConnection('allocations', {
      description: 'GPUs committed to partners in this programme.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    citations: t.relation('citations', {
      description: 'Sources for the programme and its figures.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  programs: t.drizzleConnection({
    type: 'programs',
    description: 'Every programme, newest announcement first.',
    totalCount: (_root, _args, context) => context.db.$count(programs),
    resolve: (query, _root, _args, context) =>
      context.db.query.programs.findMany(query({ orderBy: { announcedOn: 'desc' } })),
  }),
  program: t.drizzleField({
    type: 'programs',
    nullable: true,
    description: 'The programme with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `korea-2025`.' }) },
    resolve: (query, _root, args, context) =>
      context.db.query.programs.findFirst(query({ where: { slug: args.slug } })),
  }),
}));
