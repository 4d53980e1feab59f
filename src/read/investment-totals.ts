// The SQL of money totals over investments: sums per original currency and per stored rate
// (the one nearest each investment's date, picked in SQL), as text so that nothing passes
// through a float; the rates those sums name; grouped and per-parent variants.
import { and, asc, eq, inArray, isNull, relationsFilterToSQL, sql, type AnyRelationsFilter, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { quantityBounds } from '../db/enums.js';
import { relations } from '../db/relations.js';
import { exchangeRates, initiatives, investmentInvestors, investments, partners, programs } from '../db/schema.js';
import { keyColumns } from './group-labels.js';

export type RateRow = typeof exchangeRates.$inferSelect;

/** One aggregated row: the investments of one group in one original currency and rate. */
export interface SumRow {
  currency: string;
  rateId: number | null;
  /** The USD → target rate of a conversion through USD; null for a direct one. */
  viaRateId: number | null;
  sumMinor: string;
  count: number;
  [boundCount: string]: unknown;
}

const outer = (column: string) => sql`${sql.identifier('investments')}.${sql.identifier(column)}`;

/** Totals count an investment unless the dataset says why not (part of another, the same money twice…). */
const counted = isNull(investments.excludedFromTotals);

/** The currency conversions go through when no rate joins two currencies directly. */
export const bridgeCurrency = 'USD';

/**
 * The id of the stored rate between currency `from` and `to`: a market rate nearest the
 * investment's date when there is one, else a source's own conversion nearest its date. With
 * `maxDays`, only rates dated at most that many days from the announcement count; NULL when none
 * does (the API then answers EXCHANGE_RATE_MISSING rather than use a distant rate).
 */
function nearestRateId(from: SQL, to: SQL, maxDays: number | null): SQL<number | null> {
  const candidate = (alias: string) => {
    const r = (column: string) => sql`${sql.identifier(alias)}.${sql.identifier(column)}`;
    const distance = sql`abs(julianday(${r('as_of')}) - julianday(${outer('announced_on')}))`;
    return {
      matches: sql`((${r('base_currency')} = ${from} and ${r('quote_currency')} = ${to}) or (${r('base_currency')} = ${to} and ${r('quote_currency')} = ${from}))${
        maxDays === null ? sql`` : sql` and ${distance} <= ${sql.raw(String(Math.trunc(maxDays)))}`
      }`,
      // The preference as one row value: market rates first, then the nearest date, the later one, the lower id.
      rank: sql`(${r('kind')} <> 'MARKET', ${distance}, -julianday(${r('as_of')}), ${r('id')})`,
    };
  };
  const [r, better] = [candidate('r'), candidate('r2')];
  // The best candidate is the one no other beats. Written as NOT EXISTS rather than ORDER BY … LIMIT 1
  // because the SQLite inside libSQL (3.45) refuses an outer column in a subquery's ORDER BY
  // ("no such column: investments.announced_on"), while it takes one in WHERE.
  return sql<number | null>`(
    select ${sql.identifier('r')}.${sql.identifier('id')} from ${exchangeRates} as ${sql.identifier('r')}
    where ${r.matches} and not exists (
      select 1 from ${exchangeRates} as ${sql.identifier('r2')} where ${better.matches} and ${better.rank} < ${r.rank})
    limit 1)`;
}

const direct = (target: string, maxDays: number | null) => nearestRateId(sql`${outer('currency')}`, sql`${target}`, maxDays);

/**
 * The rate to convert each investment with; NULL when it is already in `target`. Without a direct
 * rate, the rate from its currency to USD (the second leg is `viaRateIdFor`).
 */
export function rateIdFor(target: string, maxDays: number | null = null): SQL {
  return sql`case when ${investments.currency} = ${target} then null
    when ${direct(target, maxDays)} is not null then ${direct(target, maxDays)}
    when ${investments.currency} <> ${bridgeCurrency} and ${target} <> ${bridgeCurrency}
      then ${nearestRateId(sql`${outer('currency')}`, sql`${bridgeCurrency}`, maxDays)}
    else null end`;
}

/** The second leg (USD to `target`) of a conversion through USD; NULL for a direct one. */
export function viaRateIdFor(target: string, maxDays: number | null = null): SQL {
  return sql`case when ${investments.currency} = ${target} or ${direct(target, maxDays)} is not null then null
    when ${investments.currency} <> ${bridgeCurrency} and ${target} <> ${bridgeCurrency}
      then ${nearestRateId(sql`${bridgeCurrency}`, sql`${target}`, maxDays)}
    else null end`;
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
export function sumSelection(target: string, perInvestor = false, maxDays: number | null = null): Record<string, SQL> {
  const amount = perInvestor
    ? sql`coalesce(${investmentInvestors.shareMinor}, ${investments.amountMinor})`
    : sql`${investments.amountMinor}`;
  const selection: Record<string, SQL> = {
    currency: sql`${investments.currency}`,
    rateId: rateIdFor(target, maxDays),
    viaRateId: viaRateIdFor(target, maxDays),
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
export function readRates(db: Db, rows: readonly SumRow[]): Map<number, RateRow> {
  const ids = [
    ...new Set(rows.flatMap((row) => [row.rateId, row.viaRateId].flatMap((id) => (id === null || id === undefined ? [] : [Number(id)])))),
  ];
  if (ids.length === 0) return new Map();
  return new Map(
    db
      .select()
      .from(exchangeRates)
      .where(inArray(exchangeRates.id, ids))
      .all()
      .map((rate) => [rate.id, rate]),
  );
}

/**
 * The sums of the investments of each parent in `ids` through `key` (an investments column, or
 * the investor through the link table), in one statement; each row carries its parent as `key`.
 */
export function readMoneySumsBy(
  db: Db,
  { key, throughInvestors, currency, ids }: { key: AnySQLiteColumn; throughInvestors: boolean; currency: string; ids: readonly number[] },
): (SumRow & { key: number })[] {
  const selection: Record<string, SQL | AnySQLiteColumn> = { key, ...sumSelection(currency, throughInvestors) };
  let query = db.select(selection).from(investments).$dynamic();
  if (throughInvestors) query = query.innerJoin(investmentInvestors, eq(investmentInvestors.investmentId, investments.id));
  return query
    .where(and(inArray(key, [...ids]), counted))
    .groupBy(key, investments.currency, rateIdFor(currency), viaRateIdFor(currency))
    .all() as (SumRow & { key: number })[];
}

export const investmentGroupKeys = ['PROGRAM', 'INITIATIVE', 'INVESTOR', 'CURRENCY'] as const;
export type InvestmentGroupKey = (typeof investmentGroupKeys)[number];

const groupColumns: Record<InvestmentGroupKey, { id: AnySQLiteColumn; label?: AnySQLiteColumn; labelKo?: AnySQLiteColumn }> = {
  PROGRAM: { id: investments.programId, label: programs.name, labelKo: programs.nameKo },
  INITIATIVE: { id: investments.initiativeId, label: initiatives.name, labelKo: initiatives.nameKo },
  INVESTOR: { id: investmentInvestors.partnerId, label: partners.name, labelKo: partners.nameKo },
  CURRENCY: { id: investments.currency },
};

/** A filter object over investments (from `toWhere`) as SQL. */
export function investmentPredicate(where: Record<string, unknown> | undefined): SQL | undefined {
  return where ? relationsFilterToSQL(investments, where as AnyRelationsFilter, relations.investments.relations, relations) : undefined;
}

export interface InvestmentTotals {
  /** Sums per group, currency and rate, with the key columns of `keyColumns(keys)`. */
  groupRows: (SumRow & Record<string, unknown>)[];
  /** Sums per currency and rate of all filtered investments. */
  totalRows: SumRow[];
  /** The rates both name. */
  rates: Map<number, RateRow>;
}

/**
 * The sums of the filtered investments grouped by `keys`, and the overall sums from their own
 * aggregate (not from the groups: INVESTOR groups overlap). Grouped by investor, each group sums
 * that investor's share (bounded UP_TO when undisclosed).
 */
export function readInvestmentTotals(
  db: Db,
  {
    predicate,
    keys,
    currency,
    maxDays = null,
  }: { predicate: SQL | undefined; keys: readonly InvestmentGroupKey[]; currency: string; maxDays?: number | null },
): InvestmentTotals {
  const selection: Record<string, SQL | AnySQLiteColumn> = { ...sumSelection(currency, keys.includes('INVESTOR'), maxDays) };
  for (const [index, column] of keyColumns(keys).entries()) {
    const { id, label, labelKo } = groupColumns[keys[index]!];
    selection[column.value] = id;
    if (label) selection[column.label] = label;
    if (labelKo) selection[column.labelKo] = labelKo;
  }
  let query = db.select(selection).from(investments).$dynamic();
  if (keys.includes('INVESTOR')) {
    query = query
      .innerJoin(investmentInvestors, eq(investmentInvestors.investmentId, investments.id))
      .innerJoin(partners, eq(partners.id, investmentInvestors.partnerId));
  }
  if (keys.includes('PROGRAM')) query = query.innerJoin(programs, eq(programs.id, investments.programId));
  if (keys.includes('INITIATIVE')) query = query.leftJoin(initiatives, eq(initiatives.id, investments.initiativeId));
  const keyIds = keys.map((key) => groupColumns[key].id);
  const groupRows = query
    .where(and(predicate, counted))
    .groupBy(...keyIds, investments.currency, rateIdFor(currency, maxDays), viaRateIdFor(currency, maxDays))
    .orderBy(...keyIds.map((column) => asc(column)))
    .all() as (SumRow & Record<string, unknown>)[];
  const totalRows = db
    .select(sumSelection(currency, false, maxDays))
    .from(investments)
    .where(and(predicate, counted))
    .groupBy(investments.currency, rateIdFor(currency, maxDays), viaRateIdFor(currency, maxDays))
    .all() as SumRow[];
  return { groupRows, totalRows, rates: readRates(db, [...groupRows, ...totalRows]) };
}
