// Money totals in a chosen currency. SQL sums the stored minor units per original currency and
// per exchange rate (the stored rate nearest each investment's date, picked in SQL); the sums
// come back as text, so nothing passes through a float, and are converted with exact BigInt
// arithmetic. A currency with no stored rate to the target is a coded error, never a guess.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { asc, eq, inArray, relationsFilterToSQL, sql, type AnyRelationsFilter, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { GraphQLError } from 'graphql';
import type { Db } from '../db/client.js';
import { quantityBounds, type QuantityBound as Bound } from '../db/enums.js';
import { relations } from '../db/relations.js';
import { exchangeRates, initiatives, investmentInvestors, investments, partners, programs } from '../db/schema.js';
import { convertMinorUnits, fromMinorUnits, minorUnitDigits } from '../domain/money.js';
import { builder, type Context } from './builder.js';
import { rowById } from './node-tables.js';
import { QuantityBound } from './enums.js';
import { ExchangeRate } from './exchange-rate.js';
import { toWhere } from './filters.js';
import { combinedBound } from './gpu-total.js';
import { Initiative } from './initiative.js';
import { InvestmentFilter, investmentFilterSpec } from './investment.js';
import { MonetaryAmount } from './money.js';
import { Partner } from './partner.js';
import { Program } from './program.js';

type RateRow = typeof exchangeRates.$inferSelect;

interface ConversionShape {
  from: string;
  to: string;
  originalMinor: bigint;
  convertedMinor: bigint;
  rate: RateRow;
  investmentCount: number;
}

export interface MoneyTotalShape {
  currency: string;
  amountMinor: bigint;
  investmentCount: number;
  bounds: Bound[];
  conversions: ConversionShape[];
}

/** One aggregated row: the investments of one group in one original currency and rate. */
interface SumRow {
  currency: string;
  rateId: number | null;
  sumMinor: string;
  count: number;
  [boundCount: string]: unknown;
}

/** A coded error the client can act on: no stored rate converts `from` to `to`. */
function missingRate(from: string, to: string): GraphQLError {
  return new GraphQLError(
    `No stored exchange rate converts ${from} to ${to}; add one (with its source) or ask for ${from}.`,
    { extensions: { code: 'EXCHANGE_RATE_MISSING', from, to } },
  );
}

const outer = (column: string) => sql`${sql.identifier('investments')}.${sql.identifier(column)}`;

/**
 * The id of the stored rate between an investment's currency and `target`: a market rate nearest
 * its date when there is one, else a source's own conversion nearest its date.
 */
function nearestRateId(target: string): SQL<number | null> {
  return sql<number | null>`(
    select ${sql.identifier('r')}.${sql.identifier('id')} from ${exchangeRates} as ${sql.identifier('r')}
    where (r.base_currency = ${outer('currency')} and r.quote_currency = ${target})
       or (r.base_currency = ${target} and r.quote_currency = ${outer('currency')})
    order by r.kind <> 'MARKET', abs(julianday(r.as_of) - julianday(${outer('announced_on')})), r.as_of desc, r.id
    limit 1)`;
}

/** The rate to convert each investment with; NULL when it is already in `target`. */
function rateIdFor(target: string): SQL {
  return sql`case when ${investments.currency} = ${target} then null else ${nearestRateId(target)} end`;
}

/**
 * An investor's part of an investment it shares with others and whose split no source states:
 * known only to be at most the whole, so it counts in full but bounded UP_TO.
 */
const undisclosedShare = sql`(${investmentInvestors.shareMinor} is null and exists (
  select 1 from ${investmentInvestors} as ${sql.identifier('co')}
  where co.investment_id = ${investmentInvestors.investmentId} and co.partner_id <> ${investmentInvestors.partnerId}))`;

/**
 * Sums per original currency and rate, with counts per bound kind, as SQL select expressions.
 * `perInvestor` sums each investor's stated share (the whole when it is the sole investor).
 */
function sumSelection(target: string, perInvestor = false): Record<string, SQL> {
  const amount = perInvestor ? sql`coalesce(${investmentInvestors.shareMinor}, ${investments.amountMinor})` : sql`${investments.amountMinor}`;
  const selection: Record<string, SQL> = {
    currency: sql`${investments.currency}`,
    rateId: rateIdFor(target),
    // As text: an int64 sum above 2^53 would lose digits as a JavaScript number.
    sumMinor: sql`cast(sum(${amount}) as text)`,
    count: sql`count(*)`,
  };
  for (const bound of quantityBounds) {
    selection[`bound:${bound}`] = perInvestor
      ? bound === 'UP_TO'
        ? sql`count(*) filter (where ${investments.bound} = ${bound} or ${undisclosedShare})`
        : sql`count(*) filter (where ${investments.bound} = ${bound} and not ${undisclosedShare})`
      : sql`count(*) filter (where ${investments.bound} = ${bound})`;
  }
  return selection;
}

/** Loads the rates the rows name, in one statement. */
function loadRates(db: Db, rows: SumRow[]): Map<number, RateRow> {
  const ids = [...new Set(rows.flatMap((row) => (row.rateId === null ? [] : [Number(row.rateId)])))];
  if (ids.length === 0) return new Map();
  return new Map(
    db.select().from(exchangeRates).where(inArray(exchangeRates.id, ids)).all().map((rate) => [rate.id, rate]),
  );
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
    const converted = convertMinorUnits(original, row.currency, target, rate);
    total.amountMinor += converted;
    total.conversions.push({ from: row.currency, to: target, originalMinor: original, convertedMinor: converted, rate, investmentCount: count });
  }
  return total;
}

function checkCurrency(currency: string): void {
  if (minorUnitDigits(currency) === undefined) {
    throw new GraphQLError(`${currency} is not an ISO 4217 currency code.`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * A per-request loader of totals in `currency`, grouped by `key` (an investments column, or the
 * investor through the link table), one SQL statement for all parents asked about.
 */
function moneyTotalLoader(key: AnySQLiteColumn, throughInvestors: boolean) {
  const cache = createContextCache(() => new Map<string, DataLoader<number, MoneyTotalShape>>());
  return (context: Context, currency: string) => {
    checkCurrency(currency);
    const loaders = cache(context);
    let loader = loaders.get(currency);
    if (!loader) {
      loader = new DataLoader<number, MoneyTotalShape>(async (ids) => {
        const selection: Record<string, SQL | AnySQLiteColumn> = { key, ...sumSelection(currency, throughInvestors) };
        let query = context.db
          .select(selection)
          .from(investments)
          .$dynamic();
        if (throughInvestors) query = query.innerJoin(investmentInvestors, eq(investmentInvestors.investmentId, investments.id));
        const rows = query
          .where(inArray(key, [...ids]))
          .groupBy(key, investments.currency, rateIdFor(currency))
          .all() as (SumRow & { key: number })[];
        const rates = loadRates(context.db, rows);
        return ids.map((id) => {
          try {
            return toMoneyTotal(rows.filter((row) => Number(row.key) === id), currency, rates);
          } catch (error) {
            return error as Error;
          }
        });
      });
      loaders.set(currency, loader);
    }
    return loader;
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
      description: 'The same in the total\'s currency, rounded once to its minor unit.',
      resolve: (conversion) => fromMinorUnits(conversion.convertedMinor, conversion.to),
    }),
    rate: t.field({
      type: ExchangeRate,
      description: 'The stored, cited rate used: the one nearest the investments\' announcement date.',
      resolve: (conversion) => conversion.rate,
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

const investmentGroupKeys = ['PROGRAM', 'INITIATIVE', 'INVESTOR', 'CURRENCY'] as const;
type InvestmentGroupKeyValue = (typeof investmentGroupKeys)[number];

const InvestmentGroupKey = builder.enumType('InvestmentGroupKey', {
  description: 'What investment totals can be grouped by.',
  values: {
    PROGRAM: { description: 'The programme.' },
    INITIATIVE: { description: 'The initiative; investments for none form one group.' },
    INVESTOR: {
      description: 'Each investor. A co-investment counts in full for every investor (splits are rarely disclosed), so the groups can add up to more than the total.',
    },
    CURRENCY: { description: 'The currency the amount was stated in.' },
  } satisfies Record<InvestmentGroupKeyValue, { description: string }>,
});

const groupColumns: Record<InvestmentGroupKeyValue, { id: AnySQLiteColumn; label?: AnySQLiteColumn; labelKo?: AnySQLiteColumn }> = {
  PROGRAM: { id: investments.programId, label: programs.name, labelKo: programs.nameKo },
  INITIATIVE: { id: investments.initiativeId, label: initiatives.name, labelKo: initiatives.nameKo },
  INVESTOR: { id: investmentInvestors.partnerId, label: partners.name, labelKo: partners.nameKo },
  CURRENCY: { id: investments.currency },
};

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
    program: t.field({ type: Program, nullable: true, description: 'The programme, when grouping by PROGRAM.', resolve: (group) => rowById(group.programId) }),
    initiative: t.field({
      type: Initiative,
      nullable: true,
      description: 'The initiative, when grouping by INITIATIVE; null also for investments for none.',
      resolve: (group) => rowById(group.initiativeId),
    }),
    investor: t.field({ type: Partner, nullable: true, description: 'The investor, when grouping by INVESTOR.', resolve: (group) => rowById(group.investorId) }),
    currency: t.field({
      type: 'Currency',
      nullable: true,
      description: 'The original currency, when grouping by CURRENCY.',
      resolve: (group) => group.currency,
    }),
    label: t.string({ description: 'The group\'s key values in English, joined with " · ".', resolve: (group) => group.label }),
    labelKo: t.string({ nullable: true, description: 'The same in Korean where names have Korean forms.', resolve: (group) => group.labelKo }),
    total: t.field({ type: MoneyTotal, description: 'The group\'s total in the requested currency.', resolve: (group) => group.total }),
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

builder.queryField('investmentTotals', (t) =>
  t.field({
    type: InvestmentTotals,
    nullable: true,
    description:
      'Investment totals in one currency, grouped by the given keys; null with an EXCHANGE_RATE_MISSING error when an amount cannot be converted.',
    args: {
      filter: t.arg({ type: InvestmentFilter, description: 'Which investments to sum.' }),
      groupBy: t.arg({ type: [InvestmentGroupKey], required: true, description: 'The grouping keys; an empty list gives the total alone.' }),
      currency: t.arg({ type: 'Currency', required: true, description: 'The currency to total in, e.g. "KRW".' }),
    },
    resolve: (_root, args, context) => {
      checkCurrency(args.currency);
      const keys = [...new Set(args.groupBy)];
      const where = toWhere(investmentFilterSpec, args.filter);
      const predicate = where
        ? relationsFilterToSQL(investments, where as AnyRelationsFilter, relations.investments.relations, relations)
        : undefined;

      // Grouped by investor, each group sums that investor's share (bounded UP_TO when undisclosed).
      const selection: Record<string, SQL | AnySQLiteColumn> = { ...sumSelection(args.currency, keys.includes('INVESTOR')) };
      for (const key of keys) {
        selection[`key:${key}`] = groupColumns[key].id;
        const { label, labelKo } = groupColumns[key];
        if (label) selection[`label:${key}`] = label;
        if (labelKo) selection[`labelKo:${key}`] = labelKo;
      }
      let query = context.db.select(selection).from(investments).$dynamic();
      if (keys.includes('INVESTOR')) {
        query = query
          .innerJoin(investmentInvestors, eq(investmentInvestors.investmentId, investments.id))
          .innerJoin(partners, eq(partners.id, investmentInvestors.partnerId));
      }
      if (keys.includes('PROGRAM')) query = query.innerJoin(programs, eq(programs.id, investments.programId));
      if (keys.includes('INITIATIVE')) query = query.leftJoin(initiatives, eq(initiatives.id, investments.initiativeId));
      const keyColumns = keys.map((key) => groupColumns[key].id);
      const rows = query
        .where(predicate)
        .groupBy(...keyColumns, investments.currency, rateIdFor(args.currency))
        .orderBy(...keyColumns.map((column) => asc(column)))
        .all() as (SumRow & Record<string, unknown>)[];

      // The overall total, from its own aggregate (not the groups: INVESTOR groups overlap).
      const totalRows = context.db
        .select(sumSelection(args.currency))
        .from(investments)
        .where(predicate)
        .groupBy(investments.currency, rateIdFor(args.currency))
        .all() as SumRow[];
      const rates = loadRates(context.db, [...rows, ...totalRows]);
      const total = toMoneyTotal(totalRows, args.currency, rates);

      const byGroup = new Map<string, (SumRow & Record<string, unknown>)[]>();
      for (const row of rows) {
        const id = JSON.stringify(keys.map((key) => row[`key:${key}`] ?? null));
        byGroup.set(id, [...(byGroup.get(id) ?? []), row]);
      }
      const groups = [...byGroup.values()].map((groupRows): InvestmentGroupShape => {
        const first = groupRows[0]!;
        const value = (key: InvestmentGroupKeyValue) => (keys.includes(key) ? (first[`key:${key}`] ?? null) : null);
        const labels = keys.map((key) => String(first[`label:${key}`] ?? value(key) ?? 'None'));
        const korean = keys.map((key) => first[`labelKo:${key}`] as string | null | undefined);
        return {
          programId: value('PROGRAM') as number | null,
          initiativeId: value('INITIATIVE') as number | null,
          investorId: value('INVESTOR') as number | null,
          currency: value('CURRENCY') as string | null,
          label: labels.join(' · '),
          labelKo: korean.some(Boolean) ? keys.map((_key, index) => korean[index] ?? labels[index]).join(' · ') : null,
          total: toMoneyTotal(groupRows, args.currency, rates),
        };
      });
      groups.sort((a, b) =>
        a.total.amountMinor === b.total.amountMinor
          ? a.label.localeCompare(b.label)
          : a.total.amountMinor > b.total.amountMinor
            ? -1
            : 1,
      );
      return { total, groups: keys.length === 0 ? [] : groups };
    },
  }),
);
