import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { defineFilter } from '../conventions/filters.js';
import { orderInput } from '../conventions/ordering.js';
import { discrepancySubjectTypes, loadedSubject, subjectColumnValues, subjectRelations } from '../features/subject.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites, resolveId } from '../conventions/writes.js';
import { discrepancies as discrepanciesTable, discrepancyCitations } from '../../db/schema.js';
import { discrepancySubjects, subjectTypeList } from '../../db/subjects.js';
import { eq } from 'drizzle-orm';

export const discrepancyFilter = defineFilter({
  typename: 'Discrepancy',
  table: 'discrepancies',
  description: 'Which discrepancies to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    field: { kind: 'string', description: 'By the disputed field, e.g. `quantity`.' },
    program: { filter: 'Program', description: 'Discrepancies about programmes matching this.' },
    partner: { filter: 'Partner', description: 'Discrepancies about partners matching this.' },
    gpuModel: { filter: 'GpuModel', description: 'Discrepancies about GPU models matching this.' },
    allocation: { filter: 'Allocation', description: 'Discrepancies about allocations matching this.' },
    initiative: { filter: 'Initiative', description: 'Discrepancies about initiatives matching this.' },
    investment: { filter: 'Investment', description: 'Discrepancies about investments matching this.' },
    citations: { filter: 'Citation', description: 'Discrepancies with at least one citation matching this.' },
    search: {
      search: (table) => [table.descriptionFolded!, table.resolutionFolded!],
      description: 'Case-insensitive text in the description or resolution.',
    },
  },
});
export const { input: DiscrepancyFilter, spec: discrepancyFilterSpec } = discrepancyFilter;

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
  }),
});

builder.queryField('discrepancies', (t) =>
  rootList(t, {
    table: 'discrepancies',
    description: 'Every place sources disagree, with the resolution.',
    filter: discrepancyFilter,
    filterDescription: 'Which discrepancies to return.',
    order: discrepancyOrder,
    defaultOrder: [{ field: 'SLUG', direction: 'ASC' }],
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
      description: `What the sources disagree about: the ID of a ${subjectTypeList(discrepancySubjects)}.`,
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
    tx.delete(discrepancyCitations)
      .where(eq(discrepancyCitations.discrepancyId, Number(row.id)))
      .run();
    for (const citationId of ids) {
      tx.insert(discrepancyCitations)
        .values({ discrepancyId: Number(row.id), citationId })
        .run();
    }
  },
});
