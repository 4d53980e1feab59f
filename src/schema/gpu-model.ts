import { builder } from './builder.js';
import { Versioned } from './versioned.js';

export const GpuModel = builder.drizzleNode('gpuModels', {
  name: 'GpuModel',
  description: 'A GPU product, or a placeholder for GPUs whose model the sources do not state.',
  id: { column: (model) => model.id },
  interfaces: [Versioned],
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `gb200`.' }),
    name: t.exposeString('name', { description: 'Product name.' }),
    architecture: t.exposeString('architecture', { description: 'GPU architecture, e.g. Blackwell or Hopper.' }),
    vendor: t.exposeString('vendor', { description: 'Who makes it.' }),
    modelUnstated: t.exposeBoolean('modelUnstated', {
      description: 'True for a placeholder such as "Blackwell, model unstated".',
    }),
    description: t.exposeString('description', { nullable: true, description: 'Notes on the model and its naming.' }),
    allocations: t.relatedConnection('allocations', {
      description: 'Allocations of this model.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    citations: t.relation('citations', {
      description: 'Sources for this model and its naming.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

builder.queryField('gpuModel', (t) =>
  t.drizzleField({
    type: 'gpuModels',
    nullable: true,
    description: 'The GPU model with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `gb200`.' }) },
    resolve: (query, _root, args, context) =>
      context.db.query.gpuModels.findFirst(query({ where: { slug: args.slug } })),
  }),
);
