import { builder } from '../builder.js';
import { CountryRole } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { eq } from 'drizzle-orm';
import { ValidationError } from '../conventions/error-classes.js';
import { defineWrites, valueAfter, type Transaction } from '../conventions/writes.js';
import { programCountries as countriesTable, programs, programSuppliers as suppliersTable } from '../../db/schema.js';

/**
 * Refuses a link repeating the programme's own primary host or supplier, which `Program`
 * already holds: the link rows are for the others.
 */
function notThePrimary(
  tx: Transaction,
  values: Record<string, unknown>,
  before: Record<string, unknown> | null,
  field: 'country' | 'partnerId',
) {
  const program = tx
    .select({ country: programs.country, supplierId: programs.supplierId })
    .from(programs)
    .where(eq(programs.id, Number(valueAfter(values, before, 'programId'))))
    .get();
  const primary = field === 'country' ? program?.country : program?.supplierId;
  if (program && valueAfter(values, before, field) === primary) {
    throw new ValidationError(`This is the programme's primary ${field === 'country' ? 'country' : 'supplier'} already.`, [
      {
        path: ['input', field in values ? field : 'programId'],
        message: `is the programme's own ${field === 'country' ? 'country' : 'supplier'}`,
      },
    ]);
  }
  return values;
}

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

defineWrites({
  typename: 'ProgramCountry',
  table: countriesTable,
  node: ProgramCountry,
  payloadField: 'programCountry',
  fields: {
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    country: {
      type: 'String',
      required: true,
      validate: rules.country,
      description: 'ISO 3166-1 alpha-2 code, e.g. `US`; once per programme, and not its primary `country`.',
    },
    role: { type: CountryRole, required: true, description: 'HOST or PARTICIPANT.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What the country does in the programme.' },
  },
  prepare: (values, _input, before, tx) => notThePrimary(tx, values, before, 'country'),
});

defineWrites({
  typename: 'ProgramSupplier',
  table: suppliersTable,
  node: ProgramSupplier,
  payloadField: 'programSupplier',
  fields: {
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    partnerId: {
      type: 'ID',
      required: true,
      references: 'Partner',
      description: 'The supplier: a Partner ID; once per programme, and not its primary `supplier`.',
    },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'What this supplier provides.' },
  },
  prepare: (values, _input, before, tx) => notThePrimary(tx, values, before, 'partnerId'),
});
