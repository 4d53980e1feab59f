import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { QuantityBound } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import { eq } from 'drizzle-orm';
import * as rules from '../conventions/validators.js';
import { ValidationError } from '../conventions/error-classes.js';
import { publishTableChange } from '../../events/table-changes.js';
import { defineWrites, valueAfter } from '../conventions/writes.js';
import { phases, powerCapacities as powerCapacitiesTable } from '../../db/schema.js';

export const PowerCapacity = builder.drizzleNode('powerCapacities', {
  name: 'PowerCapacity',
  description:
    'Electric power capacity a programme states, in megawatts: one figure with its bound ("up to 500 MW"), or a range ("15 to 20 MW").',
  id: { column: (power) => power.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key.' }),
    program: t.relation('program', { description: 'The programme.' }),
    phase: t.relation('phase', { nullable: true, description: 'The phase the figure belongs to, when one is named.' }),
    mw: t.exposeString('mw', { description: 'Megawatts as a decimal string (e.g. "230"); the low end of a range. Read it with `bound`.' }),
    mwHigh: t.exposeString('mwHigh', {
      nullable: true,
      description: 'The top of a stated range ("15 to 20 MW" → "20"); null for one figure.',
    }),
    bound: t.expose('bound', { type: QuantityBound, description: 'Whether the figure is exact, a maximum, a minimum or approximate.' }),
    scope: t.exposeString('scope', { description: 'What the figure covers ("first phase", "whole campus"), in a sentence.' }),
    location: t.exposeString('location', { nullable: true, description: 'The place, as the sources name it.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', nullable: true, description: 'When the figure was stated, when known.' }),
    ...corroborationFields(t as never, 'powerCapacityId'),
  }),
});

defineWrites({
  typename: 'PowerCapacity',
  table: powerCapacitiesTable,
  node: PowerCapacity,
  payloadField: 'powerCapacity',
  afterCommit: (context, change) => publishTableChange(context.events, 'power_capacities', change),
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key.' },
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    phaseId: {
      type: 'ID',
      nullable: true,
      references: 'Phase',
      description: 'The phase the figure belongs to: a Phase ID of the same programme, or null.',
    },
    mw: {
      type: 'String',
      required: true,
      validate: rules.positiveDecimal,
      description: 'Megawatts as a plain decimal string, e.g. "230" or "1.5"; the low end of a range.',
    },
    mwHigh: {
      type: 'String',
      nullable: true,
      validate: rules.positiveDecimal,
      description: 'The top of a stated range ("15 to 20 MW" → "20"), above `mw`; null for one figure.',
    },
    bound: { type: QuantityBound, required: true, description: 'How the sources bound the figure.' },
    scope: { type: 'String', required: true, validate: rules.name, description: 'What the figure covers ("first phase", "whole campus").' },
    location: { type: 'String', nullable: true, validate: rules.name, description: 'The place, as the sources name it.' },
    announcedOn: { type: 'Date', nullable: true, description: 'When the figure was stated, when known.' },
  },
  prepare: (values, _input, before, tx) => {
    const mw = valueAfter(values, before, 'mw');
    const mwHigh = valueAfter(values, before, 'mwHigh');
    if (mwHigh !== null && Number(mwHigh) <= Number(mw)) {
      throw new ValidationError('mwHigh must be above mw.', [{ path: ['input', 'mwHigh'], message: 'must be above mw' }]);
    }
    const phaseId = valueAfter(values, before, 'phaseId');
    if (phaseId !== null) {
      const phase = tx
        .select({ programId: phases.programId })
        .from(phases)
        .where(eq(phases.id, Number(phaseId)))
        .get();
      if (phase && phase.programId !== Number(valueAfter(values, before, 'programId'))) {
        throw new ValidationError('The phase belongs to another programme.', [
          { path: ['input', 'phaseId' in values ? 'phaseId' : 'programId'], message: 'phase and programme differ' },
        ]);
      }
    }
    return values;
  },
});
