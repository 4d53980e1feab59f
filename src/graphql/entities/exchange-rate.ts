import { builder } from '../builder.js';
import { ExchangeRateKind } from '../enums.js';
import { onDemandColumns, Versioned, versionedFields } from './versioned.js';
import * as rules from '../conventions/validators.js';
import { defineWrites } from '../conventions/writes.js';
import { exchangeRates as exchangeRatesTable } from '../../db/schema.js';

/** `quote / base` to `places` decimals, rounded half up, by BigInt arithmetic on the decimal strings. */
function divideDecimals(quote: string, base: string, places: number): string {
  const scale = (text: string) => {
    const [whole = '0', fraction = ''] = text.split('.');
    return { digits: BigInt(whole + fraction), decimals: fraction.length };
  };
  const q = scale(quote);
  const b = scale(base);
  // quote/base = (q.digits / 10^q.decimals) / (b.digits / 10^b.decimals)
  const numerator = q.digits * 10n ** BigInt(b.decimals + places + 1);
  const denominator = b.digits * 10n ** BigInt(q.decimals);
  const scaled = (numerator / denominator + 5n) / 10n;
  const text = scaled.toString().padStart(places + 1, '0');
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
}

export const ExchangeRate = builder.drizzleNode('exchangeRates', {
  name: 'ExchangeRate',
  description:
    'A conversion between two currencies as a source states it, e.g. "USD 3 billion ≈ KRW 4 trillion". Kept as the two stated amounts, so conversions are exact.',
  id: { column: (rate) => rate.id },
  interfaces: [Versioned],
  select: onDemandColumns,
  fields: (t) => ({
    ...versionedFields(t),
    baseCurrency: t.expose('baseCurrency', { type: 'Currency', description: 'The currency converted from.' }),
    quoteCurrency: t.expose('quoteCurrency', { type: 'Currency', description: 'The currency converted to.' }),
    baseAmount: t.expose('baseAmount', { type: 'Money', description: 'The stated amount in the base currency.' }),
    quoteAmount: t.expose('quoteAmount', { type: 'Money', description: 'What the source says it is worth in the quote currency.' }),
    rate: t.field({
      type: 'Money',
      description: 'Quote currency units per base currency unit, rounded to 6 decimals (display only; conversions use the two amounts).',
      select: { columns: { baseAmount: true, quoteAmount: true } },
      resolve: (rate) => divideDecimals(rate.quoteAmount, rate.baseAmount, 6),
    }),
    asOf: t.expose('asOf', { type: 'Date', description: 'The date the rate applies to.' }),
    kind: t.expose('kind', {
      type: ExchangeRateKind,
      description: "A market rate, or a source's own rounded conversion of one amount; conversions prefer market rates.",
    }),
  }),
});

builder.queryField('exchangeRates', (t) =>
  t.drizzleConnection({
    type: 'exchangeRates',
    description: 'The stored exchange rates, newest first.',
    totalCount: (_root, _args, context) => context.db.$count(context.db._.relations.exchangeRates.table),
    resolve: (query, _root, _args, context) => context.db.query.exchangeRates.findMany(query({ orderBy: { asOf: 'desc' } })),
  }),
);

defineWrites({
  typename: 'ExchangeRate',
  table: exchangeRatesTable,
  node: ExchangeRate,
  payloadField: 'exchangeRate',
  fields: {
    baseCurrency: { type: 'Currency', required: true, validate: rules.currency, description: 'The currency converted from.' },
    quoteCurrency: { type: 'Currency', required: true, validate: rules.currency, description: 'The currency converted to.' },
    baseAmount: { type: 'Money', required: true, validate: rules.positiveDecimal, description: 'The stated amount of the base currency.' },
    quoteAmount: { type: 'Money', required: true, validate: rules.positiveDecimal, description: 'What the source says it is worth.' },
    asOf: { type: 'Date', required: true, description: 'The date the rate applies to.' },
    kind: { type: ExchangeRateKind, description: "MARKET unless given: a market rate, or a source's own conversion." },
  },
});
