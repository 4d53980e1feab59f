// GPU totals: one SQL aggregate per request and grouping column, batched across parents with
// DataLoader, and honest about how the summed figures are bounded.
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { quantityBounds, type QuantityBound as Bound } from '../db/enums.js';
import { allocations } from '../db/schema.js';
import { builder, type Context } from './builder.js';
import { QuantityBound } from './enums.js';
import { allocationColumnKey, allocationSource, allocationsSource, type AllocationSource } from './rollups.js';

export interface BoundPart {
  bound: Bound;
  quantity: number;
  allocationCount: number;
}

export interface GpuTotalShape {
  quantity: number;
  allocationCount: number;
  /** Only the bound kinds that occur, in enum order. */
  byBound: BoundPart[];
}

/** The fields of `GpuTotal` that read the quantity of each bound kind; the others need only counts. */
export const boundQuantityFields: ReadonlySet<string> = new Set(['byBound', 'lowerBound', 'upperBound']);

/**
 * Aggregate expressions over `source` (allocations or a rollup): the sum, the count, and the
 * count of each bound kind (SQLite's FILTER clause), so one GROUP BY row carries the whole
 * breakdown; with `quantities`, the sum of each bound kind too. Those four sums are most of a
 * grouped statement's work (a dashboard's group-by partner: 9.2 → 6.6 ms at 100k allocations),
 * and only `boundQuantityFields` read them.
 */
export function gpuTotalSelection(source: AllocationSource = allocationsSource, quantities = true): Record<string, SQL<number>> {
  const selection: Record<string, SQL<number>> = {
    quantity: source.quantity,
    allocationCount: source.allocationCount,
  };
  for (const bound of quantityBounds) {
    const only = sql`${source.columns.bound!} = ${bound}`;
    if (quantities) selection[`${bound}:quantity`] = source.quantityWhere(only);
    selection[`${bound}:count`] = source.allocationCountWhere(only);
  }
  return selection;
}

/**
 * Reads a row selected with `gpuTotalSelection()`. A part's quantity that was not selected is
 * NaN: no field of the request reads it, and should one ever, SafeInt refuses to serialize NaN,
 * an error rather than a silently wrong 0.
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

/** The selection keys of each bound kind, built once (a group-by reads hundreds of rows). */
const boundKeys = quantityBounds.map((bound) => ({ bound, quantityKey: `${bound}:quantity`, countKey: `${bound}:count` }));

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

/** How a sum of figures is bounded, from the bound kinds of its parts. */
export function combinedBound(kinds: readonly Bound[]): Bound {
  const has = (bound: Bound) => kinds.includes(bound);
  if (has('APPROXIMATE') || (has('UP_TO') && has('AT_LEAST'))) return 'APPROXIMATE';
  if (has('UP_TO')) return 'UP_TO';
  if (has('AT_LEAST')) return 'AT_LEAST';
  return 'EXACT';
}

function partQuantity(total: GpuTotalShape, bound: Bound): number {
  return total.byBound.find((part) => part.bound === bound)?.quantity ?? 0;
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

/** A per-request loader of totals grouped by `column`. */
export function gpuTotalLoader(column: AnySQLiteColumn) {
  const cache = createContextCache(
    (context: Context) =>
      new DataLoader<number, GpuTotalShape>(async (ids) => gpuTotalsBy(context.db, column, ids)),
  );
  return (context: Context) => cache(context);
}

export const programGpuTotals = gpuTotalLoader(allocations.programId);
export const partnerGpuTotals = gpuTotalLoader(allocations.partnerId);
export const initiativeGpuTotals = gpuTotalLoader(allocations.initiativeId);
export const gpuModelGpuTotals = gpuTotalLoader(allocations.gpuModelId);

/** `ORDER BY` expression: a row's GPU total through `column` of allocations, for ordering lists by it. */
export function gpuTotalOrderExpression(column: AnySQLiteColumn) {
  const columnKey = allocationColumnKey(column);
  const source = allocationSource([columnKey]);
  const key = source.columns[columnKey]!;
  return (table: { id: AnySQLiteColumn }) =>
    sql<number>`(select ${source.quantity} from ${source.table} where ${key} = ${table.id})`;
}

const BoundBreakdown = builder.objectRef<BoundPart>('BoundBreakdown').implement({
  description: 'The part of a total that rests on figures of one bound kind.',
  fields: (t) => ({
    bound: t.field({ type: QuantityBound, description: 'The bound kind.', resolve: (part) => part.bound }),
    quantity: t.field({ type: 'SafeInt', description: 'GPUs stated with this bound.', resolve: (part) => part.quantity }),
    allocationCount: t.int({ description: 'Allocations stated with this bound.', resolve: (part) => part.allocationCount }),
  }),
});

export const GpuTotal = builder.objectRef<GpuTotalShape>('GpuTotal').implement({
  description:
    'A sum of stated GPU figures and how far to trust it: sources say "up to" and "more than", so a total says which of its parts are exact. Write it as "≈ 260,000" when `bound` is APPROXIMATE.',
  fields: (t) => ({
    quantity: t.field({
      type: 'SafeInt',
      description: 'The sum of the stated figures.',
      resolve: (total) => total.quantity,
    }),
    exact: t.boolean({
      description: 'True when every summed figure is EXACT.',
      resolve: (total) => total.byBound.every((part) => part.bound === 'EXACT'),
    }),
    bound: t.field({
      type: QuantityBound,
      description:
        'How the sum bounds the real number: EXACT if all parts are; AT_LEAST or UP_TO if the inexact parts all say so; APPROXIMATE otherwise.',
      resolve: (total) => combinedBound(total.byBound.map((part) => part.bound)),
    }),
    lowerBound: t.field({
      type: 'SafeInt',
      description: 'A floor the sources support: EXACT and AT_LEAST figures only ("at least …").',
      resolve: (total) => partQuantity(total, 'EXACT') + partQuantity(total, 'AT_LEAST'),
    }),
    upperBound: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'A ceiling the sources support (EXACT plus UP_TO figures); null when an AT_LEAST or APPROXIMATE figure leaves it open.',
      resolve: (total) =>
        partQuantity(total, 'AT_LEAST') > 0 || partQuantity(total, 'APPROXIMATE') > 0
          ? null
          : partQuantity(total, 'EXACT') + partQuantity(total, 'UP_TO'),
    }),
    allocationCount: t.int({ description: 'How many allocations are summed.', resolve: (total) => total.allocationCount }),
    byBound: t.field({
      type: [BoundBreakdown],
      description: 'How much of the total rests on each bound kind that occurs.',
      resolve: (total) => total.byBound,
    }),
  }),
});
