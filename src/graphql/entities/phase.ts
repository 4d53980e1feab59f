import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { DatePrecision, PhaseStatus } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { publishTableChange } from '../../events/table-changes.js';
import { defineWrites, requireTogether } from '../conventions/writes.js';
import { phases as phasesTable } from '../../db/schema.js';

export const Phase = builder.drizzleNode('phases', {
  name: 'Phase',
  description: 'A stage of a programme with the target date its sources give ("Q2 2026", "by end-2027").',
  id: { column: (phase) => phase.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key.' }),
    program: t.relation('program', { description: 'The programme.' }),
    name: t.exposeString('name', { description: 'What the phase is, in English.' }),
    targetDate: t.expose('targetDate', {
      type: 'Date',
      nullable: true,
      description:
        'The first day of the stated target (Q2 2026 → 2026-04-01); read it with `targetPrecision`. Null when no source dates it.',
    }),
    targetPrecision: t.expose('targetPrecision', {
      type: DatePrecision,
      nullable: true,
      description: 'How precise `targetDate` is (DAY, MONTH, QUARTER, …).',
    }),
    status: t.expose('status', { type: PhaseStatus, description: 'Planned, achieved, delayed, on hold or cancelled.' }),
    achievedOn: t.expose('achievedOn', { type: 'Date', nullable: true, description: 'When a source says the phase was reached.' }),
    description: t.exposeString('description', { nullable: true, description: 'More on the phase.' }),
    powerCapacities: t.relation('powerCapacities', { description: 'Power figures stated for this phase.' }),
    ...corroborationFields(t as never, 'phaseId'),
  }),
});

defineWrites({
  typename: 'Phase',
  table: phasesTable,
  node: Phase,
  payloadField: 'phase',
  afterCommit: (context, change) => publishTableChange(context.events, 'phases', change),
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key.' },
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    name: { type: 'String', required: true, validate: rules.name, description: 'What the phase is, in English.' },
    targetDate: {
      type: 'Date',
      nullable: true,
      description: 'The first day of the stated target (Q2 2026 → 2026-04-01); give `targetPrecision` with it, or neither.',
    },
    targetPrecision: { type: DatePrecision, nullable: true, description: 'How precise `targetDate` is; given with it.' },
    status: { type: PhaseStatus, description: 'PLANNED unless given.' },
    achievedOn: { type: 'Date', nullable: true, description: 'When a source says the phase was reached.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'More on the phase.' },
  },
  prepare: (values, _input, before) => {
    requireTogether(values, before, [['targetDate', 'targetPrecision']]);
    return values;
  },
});
