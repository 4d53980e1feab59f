import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { QuantityBound } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';

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
