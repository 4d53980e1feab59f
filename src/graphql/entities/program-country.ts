import { builder } from '../builder.js';
import { CountryRole } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';

export const ProgramCountry = builder.drizzleNode('programCountries', {
  name: 'ProgramCountry',
  description: "A country a programme spans besides its primary host (`Program.country`), with the country's part.",
  id: { column: (row) => row.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    program: t.relation('program', { description: 'The programme.' }),
    country: t.exposeString('country', { description: 'ISO 3166-1 alpha-2 code, e.g. `US`.' }),
    role: t.expose('role', { type: CountryRole, description: 'Host or participant.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the country does in the programme.' }),
  }),
});

export const ProgramSupplier = builder.drizzleNode('programSuppliers', {
  name: 'ProgramSupplier',
  description: 'A supplier of a programme besides its primary supplier (`Program.supplier`), e.g. AMD beside NVIDIA for HUMAIN.',
  id: { column: (row) => row.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    program: t.relation('program', { description: 'The programme.' }),
    partner: t.relation('partner', { description: 'The supplier.' }),
    description: t.exposeString('description', { nullable: true, description: 'What this supplier provides.' }),
  }),
});
