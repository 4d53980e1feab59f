import { partners } from '../db/schema.js';
import { builder } from './builder.js';
import { PartnerKind } from './enums.js';
import { Versioned } from './versioned.js';

export const Partner = builder.drizzleNode('partners', {
  name: 'Partner',
  description: 'An organisation in a programme: a government, company, cloud provider, telecom, university or institute.',
  id: { column: (partner) => partner.id },
  interfaces: [Versioned],
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `samsung-electronics`.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameKo: t.exposeString('nameKo', { nullable: true, description: 'Name in Korean, e.g. 삼성전자.' }),
    kind: t.expose('kind', { type: PartnerKind, description: 'What kind of organisation it is.' }),
    description: t.exposeString('description', { nullable: true, description: 'Who it is, in a sentence.' }),
    website: t.exposeString('website', { nullable: true, description: 'Its website.' }),
    allocations: t.relatedConnection('allocations', {
      description: 'GPUs committed to this partner, across programmes.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    citations: t.relation('citations', {
      description: 'Sources that name this partner.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  partners: t.drizzleConnection({
    type: 'partners',
    description: 'Every partner, by name.',
    totalCount: (_root, _args, context) => context.db.$count(partners),
    resolve: (query, _root, _args, context) =>
      context.db.query.partners.findMany(query({ orderBy: { name: 'asc' } })),
  }),
  partner: t.drizzleField({
    type: 'partners',
    nullable: true,
    description: 'The partner with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `naver-cloud`.' }) },
    resolve: (query, _root, args, context) =>
      context.db.query.partners.findFirst(query({ where: { slug: args.slug } })),
  }),
}));
