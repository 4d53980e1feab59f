import { AllocationFilter, allocationFilterSpec } from './allocation.js';
import { builder } from './builder.js';
import { citationsConnection } from './shared-connections.js';
import { CitationFilter, citationFilterSpec } from './citation.js';
import { countWhere, IDFilter, StringFilter, toWhere, type FilterInput, type FilterSpec } from './filters.js';
import { GpuModelFilter, gpuModelFilterSpec } from './gpu-model.js';
import { InitiativeFilter, initiativeFilterSpec } from './initiative.js';
import { InvestmentFilter, investmentFilterSpec } from './investment.js';
import { orderInput } from './ordering.js';
import { PartnerFilter, partnerFilterSpec } from './partner.js';
import { ProgramFilter, programFilterSpec } from './program.js';
import { loadedSubject, subjectRelations } from './subject.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from './validators.js';
import { defineWrites, resolveId } from './writes.js';
import { discrepancies as discrepanciesTable, discrepancyCitations } from '../db/schema.js';
import { discrepancySubjectTypes, subjectColumnValues } from './subject.js';
import { eq } from 'drizzle-orm';

export const discrepancyFilterSpec: FilterSpec = {
  typename: 'Discrepancy',
  table: 'discrepancies',
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
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `hyundai-gpu-quantity`.' }),
    subject: t.field({
      type: builder.nodeInterfaceRef(),
      description: 'The object the sources disagree about.',
      select: { with: subjectRelations(false) },
      resolve: (discrepancy) => loadedSubject(discrepancy as Record<string, unknown>, 'discrepancy'),
    }),
    field: t.exposeString('field', { description: 'The disputed field of the subject, e.g. `quantity`.' }),
    description: t.exposeString('description', { description: 'What the sources say, side by side.' }),
    resolution: t.exposeString('resolution', { description: 'The value the dataset stores, and why.' }),
    citations: citationsConnection(t, 'The citations on each side (see each one\'s `stance`).'),
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

defineWrites({
  typename: 'Discrepancy',
  table: discrepanciesTable,
  node: Discrepancy,
  payloadField: 'discrepancy',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key.' },
    subjectId: {
      type: 'ID',
      required: true,
      description: 'What the sources disagree about: the ID of a Program, Partner, GpuModel, Allocation, Initiative or Investment.',
    },
    field: { type: 'String', required: true, validate: rules.name, description: 'The disputed field, e.g. `quantity`.' },
    description: { type: 'String', required: true, validate: rules.longText, description: 'What the sources say.' },
    resolution: { type: 'String', required: true, validate: rules.longText, description: 'The value stored, and why.' },
    citationIds: {
      type: ['ID'],
      description: 'The citations on each side (Citation IDs); on update, replaces the list.',
    },
  },
  prepare: (values, input, _before, tx) => {
    const { subjectId, citationIds: _citations, ...rest } = values;
    if (subjectId === undefined) return rest;
    return { ...rest, ...subjectColumnValues(tx, String(input.subjectId), discrepancySubjectTypes) };
  },
  afterWrite: (tx, row, input) => {
    if (!Array.isArray(input.citationIds)) return;
    const ids = [...new Set((input.citationIds as string[]).map((id) => resolveId(tx, id, 'Citation', 'citationIds')))];
    tx.delete(discrepancyCitations).where(eq(discrepancyCitations.discrepancyId, Number(row.id))).run();
    for (const citationId of ids) {
      tx.insert(discrepancyCitations).values({ discrepancyId: Number(row.id), citationId }).run();
    }
  },
});
