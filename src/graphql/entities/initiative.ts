import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { InitiativeDomain } from '../enums.js';
import { defineFilter, enumFilter, toWhere } from '../conventions/filters.js';
import { InitiativeParticipantFilter, participantFilterSpec } from './initiative-participant.js';
import { orderInput } from '../conventions/ordering.js';
import { allocations, initiatives as initiativesTable } from '../../db/schema.js';
import { GpuTotal, gpuTotalOrderExpression, initiativeGpuTotals } from '../features/gpu-total.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';

export const initiativeFilter = defineFilter({
  typename: 'Initiative',
  table: 'initiatives',
  description: 'Which initiatives to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    domain: { kind: enumFilter('InitiativeDomainFilter', InitiativeDomain, 'an initiative domain'), description: 'By field of work.' },
    search: {
      search: (table) => [table.nameFolded!, table.nameKoFolded!],
      description: 'Case-insensitive text in the English or Korean name.',
    },
    program: { filter: 'Program', description: 'Initiatives in programmes matching this.' },
    participants: {
      filter: 'InitiativeParticipant',
      description: 'Initiatives with at least one participant as this describes, e.g. `{ partner: { slug: { eq: "kisti" } } }`.',
    },
    allocations: { filter: 'Allocation', description: 'Initiatives with at least one allocation matching this.' },
    investments: { filter: 'Investment', description: 'Initiatives with at least one investment matching this.' },
  },
});
export const { input: InitiativeFilter, spec: initiativeFilterSpec } = initiativeFilter;

export const initiativeOrder = orderInput('Initiative', {
  NAME: { column: 'name', description: 'English name.' },
  DOMAIN: { column: 'domain', description: 'Field of work.' },
  SLUG: { column: 'slug', description: 'Slug.' },
  GPU_TOTAL: {
    column: 'gpuTotal',
    description: 'Total GPUs allocated to the initiative.',
    expression: gpuTotalOrderExpression(allocations.initiativeId),
  },
});

export const Initiative = builder.drizzleNode('initiatives', {
  name: 'Initiative',
  description: 'A project that uses the GPUs or builds on the programme, with its participants.',
  id: { column: (initiative) => initiative.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `ai-native-6g`.' }),
    program: t.relation('program', { description: 'The programme it belongs to.' }),
    name: t.exposeString('name', { description: 'Name in English.' }),
    nameKo: t.exposeString('nameKo', { nullable: true, description: 'Name in Korean.' }),
    domain: t.expose('domain', { type: InitiativeDomain, description: 'Its field of work.' }),
    description: t.exposeString('description', { nullable: true, description: 'What it does, in a few sentences.' }),
    technologies: t.exposeStringList('technologies', {
      description: 'Technologies it names, e.g. Nemotron, CUDA-Q, Omniverse.',
    }),
    gpuTotal: t.field({
      type: GpuTotal,
      description: 'All GPUs allocated to this initiative.',
      resolve: (initiative, _args, context) => initiativeGpuTotals(context).load(initiative.id),
    }),
    participants: t.relatedConnection('participants', {
      description: 'Who takes part, each with its role.',
      totalCount: true,
      args: { filter: t.arg({ type: InitiativeParticipantFilter, description: 'Which participants to return.' }) },
      query: (args) => ({ where: toWhere(participantFilterSpec, args.filter), orderBy: { id: 'asc' } }),
    }),
  }),
});

builder.queryFields((t) => ({
  initiatives: rootList(t, {
    table: 'initiatives',
    description: 'Initiatives, by English name unless `orderBy` says otherwise.',
    filter: initiativeFilter,
    filterDescription: 'Which initiatives to return.',
    order: initiativeOrder,
    defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  }),
  initiative: t.drizzleField({
    type: 'initiatives',
    nullable: true,
    description: 'The initiative with this slug, or null.',
    args: { slug: t.arg.string({ required: true, description: 'The slug, e.g. `ai-native-6g`.' }) },
    resolve: (query, _root, args, context) => context.db.query.initiatives.findFirst(query({ where: { slug: args.slug } })),
  }),
}));

defineWrites({
  typename: 'Initiative',
  table: initiativesTable,
  node: Initiative,
  payloadField: 'initiative',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key, e.g. `ai-native-6g`.' },
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    name: { type: 'String', required: true, validate: rules.name, description: 'Name in English.' },
    nameKo: { type: 'String', nullable: true, validate: rules.name, description: 'Name in Korean.' },
    domain: { type: InitiativeDomain, required: true, description: 'Its field of work.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What it does.' },
    technologies: { type: ['String'], validate: rules.technologies, description: 'Technologies it names; none unless given.' },
  },
});
