import { builder } from './builder.js';
import { citationsConnection, discrepanciesConnection } from './shared-connections.js';
import { AllocationStatus, QuantityBound } from './enums.js';
import {
  countWhere,
  DateFilter,
  enumFilter,
  IDFilter,
  IntFilter,
  toWhere,
  type FilterInput,
  type FilterSpec,
} from './filters.js';
import { GpuModelFilter, gpuModelFilterSpec } from './gpu-model.js';
import { InitiativeFilter, initiativeFilterSpec } from './initiative.js';
import { orderInput } from './ordering.js';
import { PartnerFilter, partnerFilterSpec } from './partner.js';
import { ProgramFilter, programFilterSpec } from './program.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from './validators.js';
import { defineWrites } from './writes.js';
import { publishAllocationChange } from './subscriptions.js';
import { allocations as allocationsTable } from '../db/schema.js';

export const allocationFilterSpec: FilterSpec = {
  typename: 'Allocation',
  table: 'allocations',
  columns: { quantity: 'quantity', bound: 'bound', status: 'status', announcedOn: 'announcedOn' },
  relations: {
    program: ['program', () => programFilterSpec],
    partner: ['partner', () => partnerFilterSpec],
    gpuModel: ['gpuModel', () => gpuModelFilterSpec],
    initiative: ['initiative', () => initiativeFilterSpec],
  },
};

const QuantityBoundFilter = enumFilter('QuantityBoundFilter', QuantityBound, 'how a figure is bounded');
const AllocationStatusFilter = enumFilter('AllocationStatusFilter', AllocationStatus, 'an allocation status');

export const AllocationFilter = builder.inputRef<FilterInput>('AllocationFilter').implement({
  description: 'Which allocations to return; all given conditions must hold.',
  fields: (t) => ({
    id: t.field({ type: IDFilter, description: 'By global ID.' }),
    program: t.field({ type: ProgramFilter, description: 'Allocations in programmes matching this.' }),
    partner: t.field({
      type: PartnerFilter,
      description: 'Allocations to partners matching this, e.g. `{ kind: { eq: GOVERNMENT } }`.',
    }),
    gpuModel: t.field({ type: GpuModelFilter, description: 'Allocations of GPU models matching this.' }),
    initiative: t.field({ type: InitiativeFilter, description: 'Allocations for initiatives matching this.' }),
    quantity: t.field({ type: IntFilter, description: 'By number of GPUs as stated.' }),
    bound: t.field({ type: QuantityBoundFilter, description: 'By how the quantity is bounded.' }),
    status: t.field({ type: AllocationStatusFilter, description: 'By status.' }),
    announcedOn: t.field({ type: DateFilter, description: 'By announcement date.' }),
    AND: t.field({ type: [AllocationFilter], description: 'Every one of these filters holds.' }),
    OR: t.field({ type: [AllocationFilter], description: 'At least one of these filters holds.' }),
    NOT: t.field({ type: AllocationFilter, description: 'This filter does not hold.' }),
  }),
});

export const allocationOrder = orderInput('Allocation', {
  QUANTITY: { column: 'quantity', description: 'Number of GPUs as stated.' },
  ANNOUNCED_ON: { column: 'announcedOn', description: 'Announcement date.' },
  STATUS: { column: 'status', description: 'Status; alphabetical order is also lifecycle order, ANNOUNCED to OPERATIONAL.' },
  BOUND: { column: 'bound', description: 'Bound kind, alphabetically.' },
});

export const Allocation = builder.drizzleNode('allocations', {
  name: 'Allocation',
  description: 'GPUs committed to a partner within a programme.',
  id: { column: (allocation) => allocation.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    program: t.relation('program', { description: 'The programme the GPUs come from.' }),
    partner: t.relation('partner', { description: 'Who receives the GPUs.' }),
    gpuModel: t.relation('gpuModel', {
      nullable: true,
      description: 'Which GPUs; a "model unstated" placeholder when only the architecture is known, null when nothing is.',
    }),
    initiative: t.relation('initiative', { nullable: true, description: 'The initiative the GPUs serve, if one is named.' }),
    quantity: t.exposeInt('quantity', { description: 'Number of GPUs as stated; read it with `bound`.' }),
    bound: t.expose('bound', { type: QuantityBound, description: 'Whether `quantity` is exact, a maximum, a minimum or approximate.' }),
    status: t.expose('status', { type: AllocationStatus, description: 'How far the allocation has progressed.' }),
    purpose: t.exposeString('purpose', { nullable: true, description: 'What the GPUs are for.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', description: 'When the allocation was announced.' }),
    citations: citationsConnection(t, 'Sources for this allocation, field by field (`field` says which).'),
    discrepancies: discrepanciesConnection(t, 'Where sources disagree about this allocation, and how the dataset resolves it.'),
  }),
});

builder.queryField('allocations', (t) =>
  t.drizzleConnection({
    type: 'allocations',
    description: 'Allocations across programmes, largest first unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: AllocationFilter, description: 'Which allocations to return.' }),
      orderBy: t.arg({ type: [allocationOrder.input], description: 'Sort keys, applied in order.' }),
    },
    totalCount: (_root, args, context) =>
      countWhere(context.db, 'allocations', toWhere(allocationFilterSpec, args.filter)),
    resolve: (query, _root, args, context) =>
      context.db.query.allocations.findMany(
        query({
          where: toWhere(allocationFilterSpec, args.filter),
          ...allocationOrder.toQuery(args.orderBy, [{ field: 'QUANTITY', direction: 'DESC' }]),
        }),
      ),
  }),
);

defineWrites({
  typename: 'Allocation',
  table: allocationsTable,
  node: Allocation,
  payloadField: 'allocation',
  afterCommit: (context, change) => publishAllocationChange(context, change.operation, change.before, change.after),
  fields: {
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    partnerId: { type: 'ID', required: true, references: 'Partner', description: 'Who receives the GPUs: a Partner ID.' },
    gpuModelId: { type: 'ID', nullable: true, references: 'GpuModel', description: 'Which GPUs: a GpuModel ID, or null if unstated.' },
    initiativeId: { type: 'ID', nullable: true, references: 'Initiative', description: 'The initiative served: an Initiative ID.' },
    quantity: { type: 'Int', required: true, validate: rules.quantity, description: 'Number of GPUs as stated (1 to 100,000,000).' },
    bound: { type: QuantityBound, required: true, description: 'How the sources bound the quantity.' },
    status: { type: AllocationStatus, required: true, description: 'How far the allocation has progressed.' },
    purpose: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What the GPUs are for.' },
    announcedOn: { type: 'Date', required: true, description: 'When it was announced.' },
  },
});
