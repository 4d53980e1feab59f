import { builder } from './builder.js';
import { AllocationStatus, QuantityBound } from './enums.js';
import { Versioned } from './versioned.js';

export const Allocation = builder.drizzleNode('allocations', {
  name: 'Allocation',
  description: 'GPUs committed to a partner within a programme.',
  id: { column: (allocation) => allocation.id },
  interfaces: [Versioned],
  fields: (t) => ({
    program: t.relation('program', { description: 'The programme the GPUs come from.' }),
    partner: t.relation('partner', { description: 'Who receives the GPUs.' }),
    gpuModel: t.relation('gpuModel', {
      nullable: true,
      description: 'Which GPUs; a "model unstated" placeholder when only the architecture is known, null when nothing is.',
    }),
    quantity: t.exposeInt('quantity', { description: 'Number of GPUs as stated; read it with `bound`.' }),
    bound: t.expose('bound', { type: QuantityBound, description: 'Whether `quantity` is exact, a maximum, a minimum or approximate.' }),
    status: t.expose('status', { type: AllocationStatus, description: 'How far the allocation has progressed.' }),
    purpose: t.exposeString('purpose', { nullable: true, description: 'What the GPUs are for.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', description: 'When the allocation was announced.' }),
    citations: t.relation('citations', {
      description: 'Sources for this allocation, field by field.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});
