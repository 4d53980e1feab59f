import { corroborationFields } from '../features/corroboration.js';
import { builder } from '../builder.js';
import { rootList } from '../conventions/root-list.js';
import { QuantityBound } from '../enums.js';
import { defineFilter, enumFilter } from '../conventions/filters.js';
import { MonetaryAmount } from './money.js';
import { orderInput } from '../conventions/ordering.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { ValidationError } from '../conventions/error-classes.js';
import { toMinorUnits } from '../../domain/money.js';
import { investments as investmentsTable } from '../../db/schema.js';

export const investmentFilter = defineFilter({
  typename: 'Investment',
  table: 'investments',
  description: 'Which investments to return; all given conditions must hold.',
  fields: {
    id: { kind: 'id', description: 'By global ID.' },
    slug: { kind: 'string', description: 'By slug.' },
    currency: { kind: 'string', description: 'By ISO 4217 currency of the stated amount, e.g. `{ eq: "USD" }`.' },
    bound: {
      kind: enumFilter('InvestmentBoundFilter', QuantityBound, 'how an amount is bounded'),
      description: 'By how the amount is bounded.',
    },
    announcedOn: { kind: 'date', description: 'By announcement date.' },
    search: {
      search: (table) => [table.titleFolded!, table.titleKoFolded!],
      description: 'Case-insensitive text in the English or Korean title.',
    },
    program: { filter: 'Program', description: 'Investments in programmes matching this.' },
    initiative: { filter: 'Initiative', description: 'Investments in initiatives matching this.' },
    investors: { filter: 'Partner', description: 'Investments with at least one investor matching this.' },
  },
});
export const { input: InvestmentFilter, spec: investmentFilterSpec } = investmentFilter;

export const investmentOrder = orderInput('Investment', {
  ANNOUNCED_ON: { column: 'announcedOn', description: 'Announcement date.' },
  TITLE: { column: 'title', description: 'English title.' },
  SLUG: { column: 'slug', description: 'Slug.' },
});

export const Investment = builder.drizzleNode('investments', {
  name: 'Investment',
  description: 'Money committed to a programme or initiative, stored exactly in its stated currency.',
  id: { column: (investment) => investment.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    slug: t.exposeString('slug', { description: 'URL-safe unique key, e.g. `physical-ai-co-investment`.' }),
    title: t.exposeString('title', { description: 'What the money is for, in English.' }),
    titleKo: t.exposeString('titleKo', { nullable: true, description: 'The same in Korean.' }),
    amount: t.field({
      type: MonetaryAmount,
      description: 'The amount as stated, in its own currency; read it with `bound`.',
      select: { columns: { amountMinor: true, currency: true } },
      resolve: (investment) => ({ minor: investment.amountMinor, currency: investment.currency }),
    }),
    bound: t.expose('bound', { type: QuantityBound, description: 'Whether the amount is exact, a maximum, a minimum or approximate.' }),
    announcedOn: t.expose('announcedOn', { type: 'Date', description: 'When it was announced.' }),
    description: t.exposeString('description', { nullable: true, description: "Details, including other sources' figures." }),
    excludedFromTotals: t.exposeString('excludedFromTotals', {
      nullable: true,
      description:
        'Why money totals leave this investment out (part of another stated beside it, the same money in another currency, a revised figure, a contract value or expected revenue); null when totals count it.',
    }),
    program: t.relation('program', { description: 'The programme it belongs to.' }),
    initiative: t.relation('initiative', { nullable: true, description: 'The initiative it funds, if one is named.' }),
    investors: t.relatedConnection('investorships', {
      description: 'Who puts the money in, each with its sources.',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
    }),
    ...corroborationFields(t as never, 'investmentId'),
  }),
});

builder.queryField('investments', (t) =>
  rootList(t, {
    table: 'investments',
    description: 'Investments, newest first unless `orderBy` says otherwise.',
    filter: investmentFilter,
    filterDescription: 'Which investments to return.',
    order: investmentOrder,
    defaultOrder: [{ field: 'ANNOUNCED_ON', direction: 'DESC' }],
  }),
);

defineWrites({
  typename: 'Investment',
  table: investmentsTable,
  node: Investment,
  payloadField: 'investment',
  fields: {
    slug: { type: 'String', required: true, validate: rules.slug, description: 'URL-safe unique key.' },
    programId: { type: 'ID', required: true, references: 'Program', description: 'The programme: a Program ID.' },
    initiativeId: { type: 'ID', nullable: true, references: 'Initiative', description: 'The initiative funded: an Initiative ID.' },
    title: { type: 'String', required: true, validate: rules.name, description: 'What the money is for, in English.' },
    titleKo: { type: 'String', nullable: true, validate: rules.name, description: 'The same in Korean.' },
    amount: {
      type: 'Money',
      required: true,
      description: 'The amount as stated, a decimal string in major units, e.g. "3000000000"; at most the currency\'s decimals.',
    },
    currency: { type: 'Currency', required: true, validate: rules.currency, description: 'ISO 4217 code of the amount.' },
    bound: { type: QuantityBound, required: true, description: 'How the sources bound the amount.' },
    announcedOn: { type: 'Date', required: true, description: 'When it was announced.' },
    description: { type: 'String', nullable: true, validate: rules.optionalText, description: 'Details.' },
    excludedFromTotals: {
      type: 'String',
      nullable: true,
      validate: rules.name,
      description:
        'Why money totals should leave this investment out (e.g. "part of the EUR 10 billion stated beside it"); null to count it.',
    },
  },
  prepare: (values, _input, before) => {
    const { amount, ...rest } = values;
    if (amount === undefined && !('currency' in values)) return rest;
    const currency = String(values.currency ?? before?.currency);
    if (amount === undefined) {
      throw new ValidationError('Give the amount again when changing the currency.', [
        { path: ['input', 'amount'], message: 'required when currency changes' },
      ]);
    }
    let minor: bigint;
    try {
      minor = toMinorUnits(String(amount), currency);
    } catch (error) {
      throw new ValidationError(`amount: ${(error as Error).message}`, [{ path: ['input', 'amount'], message: (error as Error).message }]);
    }
    if (minor <= 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new ValidationError('amount is out of range.', [
        { path: ['input', 'amount'], message: 'must be positive and at most 9,007,199,254,740,991 minor units' },
      ]);
    }
    return { ...rest, amountMinor: Number(minor) };
  },
});
