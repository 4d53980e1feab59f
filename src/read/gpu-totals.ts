// GPU totals over allocations in SQL: the aggregate expressions (read from a rollup where one
// answers), decoding a row into a total, and the totals of many parents in one statement.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { quantityBounds, type QuantityBound as Bound } from '../db/enums.js';
import { allocationColumnKey, allocationSource, allocationsSource, type AllocationSource } from './allocation-source.js';

export interface BoundPart {
  bound: Bound;
  quantity: number;
  allocationCount: number;
}

export interface GpuTotalShape {
  quantity: number;
  allocationCount: number;
  /** Only the bound kinds that occur, in enum order (read with the counts but not the sums: the least and greatest kind only, figures NaN). */
  byBound: BoundPart[];
}

/** The fields of `GpuTotal` that read the quantity of each bound kind; the others need only counts. */
export const boundQuantityFields: ReadonlySet<string> = new Set(['byBound', 'lowerBound', 'upperBound']);

/** The fields of `GpuTotal` that read which bound kinds occur; `quantity` and `allocationCount` need neither. */
export const boundKindFields: ReadonlySet<string> = new Set([...boundQuantityFields, 'bound', 'exact']);

/**
 * Aggregate expressions over `source` (allocations or a rollup): the sum, the count, and the
 * count of each bound kind (SQLite's FILTER clause), so one GROUP BY row carries the whole
 * breakdown; with `quantities`, the sum of each bound kind too. Those four sums are most of a
 * grouped statement's work (a dashboard's group-by partner: 9.2 → 6.6 ms at 100k allocations),
 * and only `boundQuantityFields` read them. Without `counts` (no `boundKindFields` asked for) the
 * four counts go too: a group-by partner and GPU model asking only quantities runs 8.0 → 6.1 ms.
 * With `counts` but not `quantities`, the least and greatest kind stand for the four counts.
 */
export function gpuTotalSelection(
  source: AllocationSource = allocationsSource,
  quantities = true,
  counts = true,
): Record<string, SQL<number>> {
  const selection: Record<string, SQL<number>> = {
    quantity: source.quantity,
    allocationCount: source.allocationCount,
  };
  if (!counts) return selection;
  if (!quantities) {
    // Without the sums nothing reads `byBound` (see `boundQuantityFields`), only `bound` and
    // `exact`, and those follow from the least and greatest kind in text order (APPROXIMATE <
    // AT_LEAST < EXACT < UP_TO): the least is APPROXIMATE exactly when one is, AT_LEAST, when
    // none is, exactly when one is AT_LEAST; UP_TO is present exactly when it is the greatest.
    // Two aggregates instead of four FILTER counts (rollup rows emptied by deletes do not count).
    const counted = source.columns.allocationCount
      ? sql`case when ${source.columns.allocationCount} > 0 then ${source.columns.bound!} end`
      : sql`${source.columns.bound!}`;
    selection.leastBound = sql<number>`min(${counted})`;
    selection.greatestBound = sql<number>`max(${counted})`;
    return selection;
  }
  for (const bound of quantityBounds) {
    const only = sql`${source.columns.bound!} = ${bound}`;
    if (quantities) selection[`${bound}:quantity`] = source.quantityWhere(only);
    selection[`${bound}:count`] = source.allocationCountWhere(only);
  }
  return selection;
}

/** The selection keys of each bound kind, built once (a group-by reads hundreds of rows). */
const boundKeys = quantityBounds.map((bound) => ({ bound, quantityKey: `${bound}:quantity`, countKey: `${bound}:count` }));

/**
 * Reads a row selected with `gpuTotalSelection()`. A part's quantity that was not selected is
 * NaN: no field of the request reads it, and should one ever, SafeInt refuses to serialize NaN,
 * an error rather than a silently wrong 0. Without the counts `byBound` is empty: no field of the
 * request reads it (see `boundKindFields`).
 */
export function toGpuTotal(row: Record<string, unknown>): GpuTotalShape {
  const byBound: BoundPart[] = [];
  for (const { bound, quantityKey, countKey } of boundKeys) {
    const allocationCount = Number(row[countKey]);
    if (allocationCount > 0) {
      byBound.push({ bound, quantity: quantityKey in row ? Number(row[quantityKey]) : Number.NaN, allocationCount });
    }
  }
  return { quantity: Number(row.quantity), allocationCount: Number(row.allocationCount), byBound };
}

/**
 * Reads rows selected with `gpuTotalSelection()` as arrays whose positions `columns` names:
 * `toGpuTotal` with the positions looked up once per request rather than per row.
 */
export function gpuTotalReader(columns: readonly string[]): (row: readonly unknown[]) => GpuTotalShape {
  const quantityAt = columns.indexOf('quantity');
  const countAt = columns.indexOf('allocationCount');
  const leastAt = columns.indexOf('leastBound');
  const greatestAt = columns.indexOf('greatestBound');
  if (leastAt >= 0) {
    // Only the least and greatest kind, which decide `bound` and `exact`, with no figures.
    return (row) => {
      const least = row[leastAt] as Bound | null;
      const greatest = row[greatestAt] as Bound | null;
      const byBound: BoundPart[] = [];
      if (least !== null) byBound.push({ bound: least, quantity: Number.NaN, allocationCount: Number.NaN });
      if (greatest !== null && greatest !== least) byBound.push({ bound: greatest, quantity: Number.NaN, allocationCount: Number.NaN });
      return { quantity: Number(row[quantityAt]), allocationCount: Number(row[countAt]), byBound };
    };
  }
  const parts = boundKeys
    .map(({ bound, quantityKey, countKey }) => ({ bound, quantityAt: columns.indexOf(quantityKey), countAt: columns.indexOf(countKey) }))
    .filter((part) => part.countAt >= 0);
  return (row) => {
    const byBound: BoundPart[] = [];
    for (const part of parts) {
      const allocationCount = Number(row[part.countAt]);
      if (allocationCount > 0) {
        byBound.push({ bound: part.bound, quantity: part.quantityAt >= 0 ? Number(row[part.quantityAt]) : Number.NaN, allocationCount });
      }
    }
    return { quantity: Number(row[quantityAt]), allocationCount: Number(row[countAt]), byBound };
  };
}

export const emptyGpuTotal: GpuTotalShape = { quantity: 0, allocationCount: 0, byBound: [] };

/** The total of disjoint sets of allocations, from their totals. */
export function sumGpuTotals(totals: readonly GpuTotalShape[]): GpuTotalShape {
  const parts = new Map<Bound, BoundPart>();
  let quantity = 0;
  let allocationCount = 0;
  for (const total of totals) {
    quantity += total.quantity;
    allocationCount += total.allocationCount;
    for (const part of total.byBound) {
      const sum = parts.get(part.bound) ?? { bound: part.bound, quantity: 0, allocationCount: 0 };
      sum.quantity += part.quantity;
      sum.allocationCount += part.allocationCount;
      parts.set(part.bound, sum);
    }
  }
  const byBound = quantityBounds.flatMap((bound) => (parts.has(bound) ? [parts.get(bound)!] : []));
  return { quantity, allocationCount, byBound };
}

/**
 * Totals grouped by one allocation column, for many parent ids in one statement; every id gets
 * a total (zero when it has no allocations). Read from the smallest rollup with that column.
 */
export function gpuTotalsBy(db: Db, column: AnySQLiteColumn, ids: readonly number[]): GpuTotalShape[] {
  const columnKey = allocationColumnKey(column);
  const source = allocationSource([columnKey]);
  const key = source.columns[columnKey]!;
  const rows = db
    .select({ key, ...gpuTotalSelection(source) })
    .from(source.table)
    .where(inArray(key, [...ids]))
    .groupBy(key)
    .all() as Record<string, unknown>[];
  const byKey = new Map(rows.map((row) => [Number(row.key), toGpuTotal(row)]));
  return ids.map((id) => byKey.get(id) ?? emptyGpuTotal);
}

/** `ORDER BY` expression: a row's GPU total through `column` of allocations, for ordering lists by it. */
export function gpuTotalOrderExpression(column: AnySQLiteColumn) {
  const columnKey = allocationColumnKey(column);
  const source = allocationSource([columnKey]);
  const key = source.columns[columnKey]!;
  return (table: { id: AnySQLiteColumn }) => sql<number>`(select ${source.quantity} from ${source.table} where ${key} = ${table.id})`;
}
