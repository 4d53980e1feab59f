// Which table answers a GPU aggregate over allocations: the smallest rollup table (see
// src/db/rollups.ts) that has every column the question filters or groups by, else
// `allocations` itself. The rollups use the column keys of `allocations`, so one filter object
// over allocations turns into SQL against either: its relation filters are `fk IN (subquery)`
// over whichever table it is applied to, so the rollups need no relations of their own.
import { getTableColumns, relationsFilterToSQL, sql, type AnyRelationsFilter, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { relations } from '../db/relations.js';
import { rollupDimensions, rollupTables } from '../db/rollups.js';
import { allocations } from '../db/schema.js';

/** A column key of `allocations`: programId, partnerId, gpuModelId, status, quantity… */
export type AllocationColumnKey = keyof typeof allocations.$inferSelect;

export interface AllocationSource {
  /** `allocations`, or a rollup table standing in for it. */
  table: SQLiteTable;
  /** This table's columns by the keys of `allocations`; `quantity` is a sum in a rollup. */
  columns: Record<string, AnySQLiteColumn>;
  /** The sum of the allocations' quantities over the selected rows, 0 when there are none. */
  quantity: SQL<number>;
  /** How many allocations the selected rows stand for. */
  allocationCount: SQL<number>;
  /** The same two aggregates over the rows matching `condition` only (SQLite's FILTER clause). */
  quantityWhere(condition: SQL): SQL<number>;
  allocationCountWhere(condition: SQL): SQL<number>;
  /** A `toWhere` filter object over allocations, as SQL against this table. */
  predicate(where: Record<string, unknown> | undefined): SQL | undefined;
}

function source(table: SQLiteTable, rollup: boolean): AllocationSource {
  const columns = getTableColumns(table) as Record<string, AnySQLiteColumn>;
  const entry = Object.values(relations).find((candidate) => candidate.table === table)!;
  const only = (condition: SQL) => sql` filter (where ${condition})`;
  const sumQuantity = (filter: SQL) => sql<number>`coalesce(sum(${columns.quantity!})${filter}, 0)`;
  // A rollup row stands for `allocation_count` allocations, an allocation row for one.
  const count = (filter: SQL) =>
    rollup ? sql<number>`coalesce(sum(${columns.allocationCount!})${filter}, 0)` : sql<number>`count(${columns.id!})${filter}`;
  return {
    table,
    columns,
    quantity: sumQuantity(sql``),
    allocationCount: count(sql``),
    quantityWhere: (condition) => sumQuantity(only(condition)),
    allocationCountWhere: (condition) => count(only(condition)),
    predicate: (where) => (where ? relationsFilterToSQL(table, where as AnyRelationsFilter, entry.relations, relations) : undefined),
  };
}

export const allocationsSource = source(allocations, false);
const rollupSources = rollupTables.map((table) => ({
  dimensions: new Set<string>(rollupDimensions(table)),
  source: source(table, true),
}));

/**
 * The table to aggregate for a question that involves these allocation columns (what it
 * filters on and groups by): the first rollup, smallest first, that has them all; `allocations`
 * when none has (or when `columns` is null: the question involves something no rollup keeps).
 */
export function allocationSource(columns: Iterable<string> | null): AllocationSource {
  if (columns === null) return allocationsSource;
  const needed = [...columns];
  return rollupSources.find(({ dimensions }) => needed.every((key) => dimensions.has(key)))?.source ?? allocationsSource;
}

/** The key of `column` among the columns of `allocations`. */
export function allocationColumnKey(column: AnySQLiteColumn): AllocationColumnKey {
  const key = Object.entries(getTableColumns(allocations)).find(([, candidate]) => candidate === column)?.[0];
  if (!key) throw new Error(`${column.name} is not a column of allocations`);
  return key as AllocationColumnKey;
}
