import { brandWithType } from '@pothos/core';
import { AllocationFilter, allocationFilterSpec } from './allocation.js';
import { builder } from './builder.js';
import { CitationFilter, citationFilterSpec } from './citation.js';
import { countWhere, IDFilter, StringFilter, toWhere, type FilterInput, type FilterSpec } from './filters.js';
import { GpuModelFilter, gpuModelFilterSpec } from './gpu-model.js';
import { InitiativeFilter, initiativeFilterSpec } from './initiative.js';
import { InvestmentFilter, investmentFilterSpec } from './investment.js';
import { orderInput } from './ordering.js';
import { PartnerFilter, partnerFilterSpec } from './partner.js';
import { ProgramFilter, programFilterSpec } from './program.js';
import { subjectRelations, subjectTypes } from './subject.js';
import { Versioned } from './versioned.js';

export const discrepancyFilterSpec: FilterSpec = {
  typename: 'Discrepancy',
  columns: { slug: 'slug', field: 'field' },
  relations: {
    program: ['program', () => programFilterSpec],
    partner: ['partner', () => partnerFilterSpec],
    gpuModel: ['gpuModel', () => gpuModelFilterSpec],
    allocation: ['allocation', () => allocationFilterSpec],
    initiative: ['initiative', () => initiativeFilterSpec],
    investment: ['investment', () => investmentFilterSpec],
    citations: ['citations', () => citationFilterSpec],
  },
  searchColumns: (table) => [table.description!, table.resolution!],
};

export const DiscrepancyFilter = builder.inputRef<FilterInput>('DiscrepancyFilter').implement({
  description: 'Which discrepancies to return; all given conditions must hold.',
  fields: (t) => ({
    id: t.field({ type: IDFilter, description: 'By global ID.' }),
    slug: t.field({ type: StringFilter, description: 'By slug.' }),
    field: t.field({ type: StringFilter, description: 'By the disputed field, e.g. `quantity`.' }),
    program: t.field({ type: ProgramFilter, description: 'Discrepancies about programmes matching this.' }),
    partner: t.field({ type: PartnerFilter, description: 'Discrepancies about partners matching this.' }),
    gpuModel: t.field({ type: GpuModelFilter, description: 'Discrepancies about GPU models matching this.' }),
    allocation: t.field({ type: AllocationFilter, description: 'Discrepancies about allocations matching this.' }),
    initiative: t.field({ type: InitiativeFilter, description: 'Discrepancies about initiatives matching this.' }),
    investment: t.field({ type: InvestmentFilter, description: 'Discrepancies about investments matching this.' }),
    citations: t.field({ type: CitationFilter, description: 'Discrepancies with at least one citation matching this.' }),
    search: t.string({ description: 'Case-insensitive text in the description or resolution.' }),
    AND: t.field({ type: [DiscrepancyFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [DiscrepancyFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: DiscrepancyFilter, description: 'This filter does not hold.' }),
  }),
});

export const discrepancyOrder = orderInput('Discrepancy', {
  SLUG: { column: 'slug', description: 'Slug.' },
  FIELD: { column: 'field', description: 'The disputed field.' },
});

export const Discrepancy = builder.drizzleNode('discrepancies', {
  name: 'Discrepancy',
  description: 'Sources that disagree about one field of one object, and how the dataset resolves it: nothing is silently fixed.',
  id: { column: (discrepancy) => discrepancy.id },
  interfaces: [Versioned],
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `hyundai-gpu-quantity`.' }),
    subject: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The object the sources disagree about.',
      select: { with: subjectRelations(false) },
      resolve: (discrepancy) => {
        for (const [relation, type] of subjectTypes()) {
          const row = (discrepancy as Record<string, unknown>)[relation];
          if (row) {
            brandWithType(row, type);
            return row;
          }
        }
        throw new Error(`discrepancy ${discrepancy.id} has no subject`);
      },
    }),
    field: t.exposeString('field', { description: 'The disputed field of the subject, e.g. `quantity`.' }),
    description: t.exposeString('description', { description: 'What the sources say, side by side.' }),
    resolution: t.exposeString('resolution', { description: 'The value the dataset stores, and why.' }),
    citations: t.relatedConnection('citations', {
      description: 'The citations on each side (see each one\'s `stance`).',
      totalCount: true,
      args: { filter: t.arg({ type: CitationFilter, description: 'Which citations to return.' }) },
      query: (args) => ({ where: toWhere(citationFilterSpec, args.filter), orderBy: { id: 'asc' } }),
    }),
  }),
});

builder.queryField('discrepancies', (t) =>
  t.drizzleConnection({
    type: 'discrepancies',
    description: 'Every place sources disagree, with the resolution.',
    args: {
      filter: t.arg({ type: DiscrepancyFilter, description: 'Which discrepancies to return.' }),
      orderBy: t.arg({ type: [discrepancyOrder.input], description: 'Sort keys, applied in order.' }),
    },
    totalCount: (_root, args, context) =>
      countWhere(context.db, 'discrepancies', toWhere(discrepancyFilterSpec, args.filter)),
    resolve: (query, _root, args, context) =>
      context.db.query.discrepancies.findMany(
        query({
          where: toWhere(discrepancyFilterSpec, args.filter),
          ...discrepancyOrder.toQuery(args.orderBy, [{ field: 'SLUG', direction: 'ASC' }]),
        }),
      ),
  }),
);
