// Money totals in a chosen currency. The SQL (src/read/investment-totals.ts) sums the stored
// minor units per original currency and per exchange rate; here the sums are converted with
// exact BigInt arithmetic, grouped, labelled and exposed. A currency with no stored rate to the
// target is a coded error, never a guess.
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { GraphQLError } from 'graphql';
import { moneyPolicy } from '../../config.js';
import { quantityBounds, type QuantityBound as Bound } from '../../db/enums.js';
import { investmentInvestors, investments } from '../../db/schema.js';
import { convertMinorUnits, fromMinorUnits, minorUnitDigits } from '../../domain/money.js';
import { groupLabel, keyColumns, keyValueReader } from '../../read/group-labels.js';
import {
  investmentGroupKeys,
  investmentPredicate,
  readInvestmentTotals,
  readMoneySumsBy,
  readRates,
  bridgeCurrency,
  type InvestmentGroupKey as InvestmentGroupKeyValue,
  type RateRow,
  type SumRow,
} from '../../read/investment-totals.js';
import { builder, type Context } from '../builder.js';
import { rowById } from '../conventions/node-tables.js';
import { QuantityBound } from '../enums.js';
import { ExchangeRate } from '../entities/exchange-rate.js';
import { definitionOf, toWhere } from '../conventions/filters.js';
import { combinedBound } from './gpu-total.js';
import type { Initiative } from '../entities/initiative.js';
import { MonetaryAmount } from '../entities/money.js';
import type { Partner } from '../entities/partner.js';
import type { Program } from '../entities/program.js';
import { perRequestLoader } from './per-request-loader.js';

// This module runs before the programme, investment, partner and initiative modules (its root
// field comes before theirs in subgraph.graphql), so it names their types and the investment
// filter, which Pothos resolves when it builds the schema, instead of importing them.
const ProgramType = 'Program' as unknown as typeof Program;
const InitiativeType = 'Initiative' as unknown as typeof Initiative;
const PartnerType = 'Partner' as unknown as typeof Partner;
const investmentFilter = () => definitionOf('Investment');

interface ConversionShape {
  from: string;
  to: string;
  originalMinor: bigint;
  convertedMinor: bigint;
  rate: RateRow;
  /** The USD → target rate when the conversion goes through USD. */
  via: RateRow | null;
  investmentCount: number;
}

export interface MoneyTotalShape {
  currency: string;
  amountMinor: bigint;
  investmentCount: number;
  bounds: Bound[];
  conversions: ConversionShape[];
}

/** A coded error the client can act on: no stored rate converts `from` to `to`. */
function missingRate(from: string, to: string): GraphQLError {
  return new GraphQLError(`No stored exchange rate converts ${from} to ${to}; add one (with its source) or ask for ${from}.`, {
    extensions: { code: 'EXCHANGE_RATE_MISSING', from, to },
  });
}

/** Converts the rows of one group into a total in `target`; throws the coded error for a missing rate. */
function toMoneyTotal(rows: SumRow[], target: string, rates: Map<number, RateRow>): MoneyTotalShape {
  const total: MoneyTotalShape = { currency: target, amountMinor: 0n, investmentCount: 0, bounds: [], conversions: [] };
  for (const row of rows) {
    const original = BigInt(row.sumMinor);
    const count = Number(row.count);
    total.investmentCount += count;
    for (const bound of quantityBounds) {
      if (Number(row[`bound:${bound}`]) > 0 && !total.bounds.includes(bound)) total.bounds.push(bound);
    }
    if (row.currency === target) {
      total.amountMinor += original;
      continue;
    }
    const rate = row.rateId === null ? undefined : rates.get(Number(row.rateId));
    if (!rate) throw missingRate(row.currency, target);
    const joinsTarget = rate.baseCurrency === target || rate.quoteCurrency === target;
    const via = joinsTarget || row.viaRateId === null ? undefined : rates.get(Number(row.viaRateId));
    if (!joinsTarget && !via) throw missingRate(row.currency, target);
    // Through USD: exact to the cent there, then once more to the target's minor unit.
    const converted = via
      ? convertMinorUnits(convertMinorUnits(original, row.currency, bridgeCurrency, rate), bridgeCurrency, target, via)
      : convertMinorUnits(original, row.currency, target, rate);
    total.amountMinor += converted;
    total.conversions.push({
      from: row.currency,
      to: target,
      originalMinor: original,
      convertedMinor: converted,
      rate,
      via: via ?? null,
      investmentCount: count,
    });
  }
  return total;
}

function checkCurrency(currency: string): void {
  if (minorUnitDigits(currency) === undefined) {
    throw new GraphQLError(`${currency} is not an ISO 4217 currency code.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * A per-request loader of totals in a currency, grouped by `key` (an investments column, or the
 * investor through the link table): one statement per currency for all parents asked about.
 */
function moneyTotalLoader(key: AnySQLiteColumn, throughInvestors: boolean) {
  const loader = perRequestLoader<{ id: number; currency: string }, MoneyTotalShape>(
    (db, asked) => {
      const totals = new Map<string, MoneyTotalShape | Error>();
      for (const currency of new Set(asked.map((one) => one.currency))) {
        const ids = asked.filter((one) => one.currency === currency).map((one) => one.id);
        const rows = readMoneySumsBy(db, { key, throughInvestors, currency, ids });
        const rates = readRates(db, rows);
        for (const id of ids) {
          try {
            totals.set(
              `${currency}:${id}`,
              toMoneyTotal(
                rows.filter((row) => Number(row.key) === id),
                currency,
                rates,
              ),
            );
          } catch (error) {
            totals.set(`${currency}:${id}`, error as Error);
          }
        }
      }
      return asked.map((one) => totals.get(`${one.currency}:${one.id}`)!);
    },
    { cacheKeyFn: (one) => `${one.currency}:${one.id}` },
  );
  return (context: Context, currency: string) => {
    checkCurrency(currency);
    const forRequest = loader(context);
    return { load: (id: number) => forRequest.load({ id, currency }) };
  };
}

export const programInvestmentTotals = moneyTotalLoader(investments.programId, false);
export const initiativeInvestmentTotals = moneyTotalLoader(investments.initiativeId, false);
export const partnerInvestmentTotals = moneyTotalLoader(investmentInvestors.partnerId, true);

const CurrencyConversion = builder.objectRef<ConversionShape>('CurrencyConversion').implement({
  description: 'Part of a total converted from another currency, and the stored rate used.',
  fields: (t) => ({
    original: t.field({
      type: MonetaryAmount,
      description: 'The sum of these investments in their own currency.',
      resolve: (conversion) => ({ minor: conversion.originalMinor, currency: conversion.from }),
    }),
    converted: t.field({
      type: 'Money',
      description: "The same in the total's currency, rounded once to its minor unit.",
      resolve: (conversion) => fromMinorUnits(conversion.convertedMinor, conversion.to),
    }),
    rate: t.field({
      type: ExchangeRate,
      description: "The stored, cited rate used: the one nearest the investments' announcement date (within `rateWithinDays` when asked).",
      resolve: (conversion) => conversion.rate,
    }),
    viaRate: t.field({
      type: ExchangeRate,
      nullable: true,
      description:
        "When no stored rate joins the two currencies, the part goes through USD: `rate` converts to USD and this one from USD to the total's currency. Null for a direct conversion.",
      resolve: (conversion) => conversion.via,
    }),
    investmentCount: t.int({ description: 'How many investments this part covers.', resolve: (conversion) => conversion.investmentCount }),
  }),
});

export const MoneyTotal = builder.objectRef<MoneyTotalShape>('MoneyTotal').implement({
  description:
    'A sum of investments in one currency, exact to the minor unit, saying how it is bounded and which stored rates converted which parts.',
  fields: (t) => ({
    amount: t.field({
      type: 'Money',
      description: 'The total, e.g. "3000000000.00" (USD) or "4000000000000" (KRW).',
      resolve: (total) => fromMinorUnits(total.amountMinor, total.currency),
    }),
    currency: t.field({ type: 'Currency', description: 'The currency of `amount`.', resolve: (total) => total.currency }),
    exact: t.boolean({
      description: 'True when every amount is EXACT and nothing was converted.',
      resolve: (total) => total.conversions.length === 0 && total.bounds.every((bound) => bound === 'EXACT'),
    }),
    bound: t.field({
      type: QuantityBound,
      description: 'How the total bounds the real amount; a conversion at a stated rate makes it APPROXIMATE.',
      resolve: (total) => combinedBound([...total.bounds, ...(total.conversions.length > 0 ? (['APPROXIMATE'] as const) : [])]),
    }),
    investmentCount: t.int({ description: 'How many investments are summed.', resolve: (total) => total.investmentCount }),
    conversions: t.field({
      type: [CurrencyConversion],
      description: 'The parts converted from other currencies, with the rate each used; empty when none were.',
      resolve: (total) => total.conversions,
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// investmentTotals: grouped money totals at the root.

const InvestmentGroupKey = builder.enumType('InvestmentGroupKey', {
  description: 'What investment totals can be grouped by.',
  values: {
    PROGRAM: { description: 'The programme.' },
    INITIATIVE: { description: 'The initiative; investments for none form one group.' },
    INVESTOR: {
      description:
        'Each investor. A co-investment counts in full for every investor (splits are rarely disclosed), so the groups can add up to more than the total.',
    },
    CURRENCY: { description: 'The currency the amount was stated in.' },
  } satisfies Record<(typeof investmentGroupKeys)[number], { description: string }>,
});

interface InvestmentGroupShape {
  programId: number | null;
  initiativeId: number | null;
  investorId: number | null;
  currency: string | null;
  label: string;
  labelKo: string | null;
  total: MoneyTotalShape;
}

const InvestmentGroup = builder.objectRef<InvestmentGroupShape>('InvestmentGroup').implement({
  description: 'The investments sharing one value of each grouping key, with their total.',
  fields: (t) => ({
    program: t.field({
      type: ProgramType,
      nullable: true,
      description: 'The programme, when grouping by PROGRAM.',
      resolve: (group) => rowById(group.programId),
    }),
    initiative: t.field({
      type: InitiativeType,
      nullable: true,
      description: 'The initiative, when grouping by INITIATIVE; null also for investments for none.',
      resolve: (group) => rowById(group.initiativeId),
    }),
    investor: t.field({
      type: PartnerType,
      nullable: true,
      description: 'The investor, when grouping by INVESTOR.',
      resolve: (group) => rowById(group.investorId),
    }),
    currency: t.field({
      type: 'Currency',
      nullable: true,
      description: 'The original currency, when grouping by CURRENCY.',
      resolve: (group) => group.currency,
    }),
    label: t.string({ description: 'The group\'s key values in English, joined with " · ".', resolve: (group) => group.label }),
    labelKo: t.string({
      nullable: true,
      description: 'The same in Korean where names have Korean forms.',
      resolve: (group) => group.labelKo,
    }),
    total: t.field({ type: MoneyTotal, description: "The group's total in the requested currency.", resolve: (group) => group.total }),
  }),
});

const InvestmentTotals = builder.objectRef<{ total: MoneyTotalShape; groups: InvestmentGroupShape[] }>('InvestmentTotals').implement({
  description: 'Money totals of the filtered investments in one currency, overall and per group.',
  fields: (t) => ({
    total: t.field({ type: MoneyTotal, description: 'All filtered investments together.', resolve: (totals) => totals.total }),
    groups: t.field({
      type: [InvestmentGroup],
      description: 'One entry per combination of key values, largest total first (ties by label).',
      resolve: (totals) => totals.groups,
    }),
  }),
});

/** The groups of the grouped rows (one per group, currency and rate), each converted into `currency`. */
function toInvestmentGroups(
  keys: readonly InvestmentGroupKeyValue[],
  rows: (SumRow & Record<string, unknown>)[],
  currency: string,
  rates: Map<number, RateRow>,
): InvestmentGroupShape[] {
  const columns = keyColumns(keys);
  const byGroup = new Map<string, (SumRow & Record<string, unknown>)[]>();
  for (const row of rows) {
    const id = JSON.stringify(columns.map((column) => row[column.value] ?? null));
    byGroup.set(id, [...(byGroup.get(id) ?? []), row]);
  }
  const [programId, initiativeId, investorId, groupCurrency] = investmentGroupKeys.map((key) => keyValueReader(columns, key));
  return [...byGroup.values()].map((groupRows): InvestmentGroupShape => {
    const first = groupRows[0]!;
    return {
      programId: programId!(first) as number | null,
      initiativeId: initiativeId!(first) as number | null,
      investorId: investorId!(first) as number | null,
      currency: groupCurrency!(first) as string | null,
      ...groupLabel(columns, first),
      total: toMoneyTotal(groupRows, currency, rates),
    };
  });
}

/** Largest total first, ties by label. */
function largestFirst(groups: InvestmentGroupShape[]): InvestmentGroupShape[] {
  return groups.sort((a, b) =>
    a.total.amountMinor === b.total.amountMinor ? a.label.localeCompare(b.label) : a.total.amountMinor > b.total.amountMinor ? -1 : 1,
  );
}

builder.queryField('investmentTotals', (t) =>
  t.field({
    type: InvestmentTotals,
    nullable: true,
    description:
      'Investment totals in one currency, grouped by the given keys; null with an EXCHANGE_RATE_MISSING error when an amount cannot be converted.',
    args: {
      filter: t.arg({ type: investmentFilter().input, description: 'Which investments to sum.' }),
      groupBy: t.arg({
        type: [InvestmentGroupKey],
        required: true,
        description: 'The grouping keys; an empty list gives the total alone.',
      }),
      currency: t.arg({ type: 'Currency', required: true, description: 'The currency to total in, e.g. "KRW".' }),
      rateWithinDays: t.arg.int({
        description:
          "Use only exchange rates dated at most this many days from each investment's announcement (e.g. 14), so no amount is converted at a distant rate; an amount with none that close gives EXCHANGE_RATE_MISSING. Without it, the nearest stored rate however far.",
      }),
    },
    resolve: (_root, args, context) => {
      checkCurrency(args.currency);
      if (args.rateWithinDays !== null && args.rateWithinDays !== undefined && (args.rateWithinDays < 0 || args.rateWithinDays > 36_500)) {
        throw new GraphQLError('rateWithinDays must be between 0 and 36500.', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const keys = [...new Set(args.groupBy)];
      const predicate = investmentPredicate(toWhere(investmentFilter().spec, args.filter));
      const read = readInvestmentTotals(context.db, {
        predicate,
        keys,
        currency: args.currency,
        maxDays: args.rateWithinDays ?? moneyPolicy.exchangeRateMaxDays,
      });
      const total = toMoneyTotal(read.totalRows, args.currency, read.rates);
      const groups = toInvestmentGroups(keys, read.groupRows, args.currency, read.rates);
      return { total, groups: keys.length === 0 ? [] : largestFirst(groups) };
    },
  }),
);
