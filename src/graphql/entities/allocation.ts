import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { AllocationStatus, QuantityBound } from '../enums.js';
import { defineFilter, enumFilter } from '../conventions/filters.js';
import { orderInput } from '../conventions/ordering.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { publishTableChange } from '../../events/table-changes.js';
import { allocations as allocationsTable } from '../../db/schema.js';

export const allocationFilter = defineFilter({
  typename: 'Allocation',
  table: 'allocations',
  description: 'Which allocations to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    program: { filter: 'Program', description: 'Allocations in programmes matching this.' },
    partner: { filter: 'Partner', description: 'Allocations to partners matching this, e.g. `{ kind: { eq: GOVERNMENT } }`.' },
    gpuModel: { filter: 'GpuModel', description: 'Allocations of GPU models matching this.' },
    initiative: { filter: 'Initiative', description: 'Allocations for initiatives matching this.' },
    quantity: { kind: 'int', description: 'By number of GPUs as stated.' },
    bound: {
      kind: enumFilter('QuantityBoundFilter', QuantityBound, 'how a figure is bounded'),
      description: 'By how the quantity is bounded.',
    },
    status: { kind: enumFilter('AllocationStatusFilter', AllocationStatus, 'an allocation status'), description: 'By status.' },
    announcedOn: { kind: 'date', description: 'By announcement date.' },
  },
});
export const { input: AllocationFilter, spec: allocationFilterSpec } = allocationFilter;

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
    gpuModelAsStated: t.exposeString('gpuModelAsStated', {
      nullable: true,
      description:
        'The GPU in the sources\' words ("GB300 Grace Blackwell chips"), so the mapping to `gpuModel` can be checked; null when not recorded.',
    }),
    ...corroborationFields(t as never, 'allocationId'),
  }),
});

builder.queryField('allocations', (t) =>
  rootList(t, {
    table: 'allocations',
    description: 'Allocations across programmes, largest first unless `orderBy` says otherwise.',
    filter: allocationFilter,
    filterDescription: 'Which allocations to return.',
    order: allocationOrder,
    defaultOrder: [{ field: 'QUANTITY', direction: 'DESC' }],
  }),
);

defineWrites({
  typename: 'Allocation',
  table: allocationsTable,
  node: Allocation,
  payloadField: 'allocation',
  afterCommit: (context, change) => publishTableChange(context.events, 'allocations', change),
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
    gpuModelAsStated: {
      type: 'String',
      nullable: true,
      validate: rules.name,
      description: 'The GPU in the sources\' words ("GB300 Grace Blackwell chips"), beside `gpuModelId`.',
    },
  },
});
