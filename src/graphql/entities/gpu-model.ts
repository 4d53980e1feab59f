import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { defineFilter } from '../conventions/filters.js';
import { orderInput } from '../conventions/ordering.js';
import { allocations, gpuModels as gpuModelsTable } from '../../db/schema.js';
import { GpuTotal, gpuModelGpuTotals, gpuTotalOrderExpression } from '../features/gpu-total.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';

export const gpuModelFilter = defineFilter({
  typename: 'GpuModel',
  table: 'gpuModels',
  description: 'Which GPU models to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    architecture: { kind: 'string', description: 'By architecture, e.g. `{ eq: "Blackwell" }`.' },
    vendor: { kind: 'string', description: 'By vendor.' },
    modelUnstated: { kind: 'boolean', description: 'Placeholders for unstated models, or named products.' },
    search: { search: (table) => [table.nameFolded!], description: 'Case-insensitive text in the name.' },
    allocations: { filter: 'Allocation', description: 'Models with at least one allocation matching this.' },
  },
});
export const { input: GpuModelFilter, spec: gpuModelFilterSpec } = gpuModelFilter;

export const gpuModelOrder = orderInput('GpuModel', {
  NAME: { column: 'name', description: 'Product name.' },
  ARCHITECTURE: { column: 'architecture', description: 'Architecture.' },
  SLUG: { column: 'slug', description: 'Slug.' },
  GPU_TOTAL: {
    column: 'gpuTotal',
    description: 'Total GPUs allocated of this model.',
    expression: gpuTotalOrderExpression(allocations.gpuModelId),
  },
});

export const GpuModel = builder.drizzleNode('gpuModels', {
  name: 'GpuModel',
  description: 'A GPU product, or a placeholder for GPUs whose model the sources do not state.',
  id: { column: (model) => model.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `gb200`.' }),
    name: t.exposeString('name', { description: 'Product name.' }),
    architecture: t.exposeString('architecture', { description: 'GPU architecture, e.g. Blackwell or Hopper.' }),
    vendor: t.exposeString('vendor', { description: 'Who makes it.' }),
    modelUnstated: t.exposeBoolean('modelUnstated', {
      description: 'True for a placeholder such as "Blackwell, model unstated".',
    }),
    description: t.exposeString('description', { nullable: true, description: 'Notes on the model and its naming.' }),
    gpuTotal: t.field({
      type: GpuTotal,
      description: 'All GPUs allocated of this model.',
      resolve: (model, _args, context) => gpuModelGpuTotals(context).load(model.id),
    }),
  }),
});

builder.queryFields((t) => ({
  gpuModels: rootList(t, {
    table: 'gpuModels',
    description: 'GPU models, by name unless `orderBy` says otherwise.',
    filter: gpuModelFilter,
    filterDescription: 'Which models to return.',
    order: gpuModelOrder,
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
  gpuModel: t.drizzleField({
    type: 'gpuModels',
    nullable: true,
    description: 'The GPU model with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `gb200`.' }) },
    resolve: (query, _root, args, context) => context.db.query.gpuModels.findFirst(query({ where: { slug: args.slug } })),
  }),
}));

defineWrites({
  typename: 'GpuModel',
  table: gpuModelsTable,
  node: GpuModel,
  payloadField: 'gpuModel',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key, e.g. `gb200`.' },
    name: { type: 'String', required: true, validate: rules.name, description: 'Product name.' },
    architecture: { type: 'String', required: true, validate: rules.name, description: 'GPU architecture, e.g. Blackwell.' },
    vendor: { type: 'String', required: true, validate: rules.name, description: 'Who makes it.' },
    modelUnstated: { type: 'Boolean', description: 'True for a placeholder such as "Blackwell, model unstated"; false unless given.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'Notes on the model.' },
  },
});
