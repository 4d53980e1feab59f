// The SQL of `allocationTotals`: one GROUP BY over allocations or a rollup standing in for them,
// with the joins that bring in each key's names, largest total first.
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { gpuModels, initiatives, partners, programs } from '../db/schema.js';
import type { AllocationColumnKey, AllocationSource } from './allocation-source.js';
import { gpuTotalSelection } from './gpu-totals.js';
import { keyColumns } from './group-labels.js';

export const allocationGroupKeys = ['PROGRAM', 'PARTNER', 'PARTNER_KIND', 'GPU_MODEL', 'STATUS', 'INITIATIVE'] as const;
export type AllocationGroupKey = (typeof allocationGroupKeys)[number];

type SourceColumns = Record<string, AnySQLiteColumn>;

/** The joins that bring in labels, on the columns of whichever table the totals are read from. */
const joins = {
  programs: { table: programs, on: (columns: SourceColumns) => eq(programs.id, columns.programId!) },
  partners: { table: partners, on: (columns: SourceColumns) => eq(partners.id, columns.partnerId!) },
  gpuModels: { table: gpuModels, on: (columns: SourceColumns) => eq(gpuModels.id, columns.gpuModelId!) },
  initiatives: { table: initiatives, on: (columns: SourceColumns) => eq(initiatives.id, columns.initiativeId!) },
};

/**
 * How each key is selected and labelled: `column` is the allocation column it groups by (a key
 * of `allocations`, found under the same key in a rollup), or `kind` the partner's kind through
 * `partnerId`; `join` names the table the label comes from.
 */
const keySpecs: Record<
  AllocationGroupKey,
  { column: AllocationColumnKey; kind?: true; label?: AnySQLiteColumn; labelKo?: AnySQLiteColumn; join?: keyof typeof joins }
> = {
  PROGRAM: { column: 'programId', label: programs.name, labelKo: programs.nameKo, join: 'programs' },
  PARTNER: { column: 'partnerId', label: partners.name, labelKo: partners.nameKo, join: 'partners' },
  PARTNER_KIND: { column: 'partnerId', kind: true, join: 'partners' },
  GPU_MODEL: { column: 'gpuModelId', label: gpuModels.name, join: 'gpuModels' },
  STATUS: { column: 'status' },
  INITIATIVE: { column: 'initiativeId', label: initiatives.name, labelKo: initiatives.nameKo, join: 'initiatives' },
};

/** The allocation columns grouping by `keys` involves, which decide whether a rollup can answer. */
export function allocationGroupColumns(keys: readonly AllocationGroupKey[]): Set<string> {
  return new Set(keys.map((key) => keySpecs[key].column));
}

/** The labels of groups whose key value is null. */
export const allocationGroupFallbacks: Partial<Record<AllocationGroupKey, string>> = {
  GPU_MODEL: 'No GPU model stated',
  INITIATIVE: 'No initiative named',
};

export interface AllocationTotalsQuery {
  source: AllocationSource;
  predicate: SQL | undefined;
  keys: readonly AllocationGroupKey[];
  /** Whether to sum the quantity of each bound kind (see `gpuTotalSelection`). */
  quantities: boolean;
  /** Whether to count the allocations of each bound kind (see `gpuTotalSelection`). */
  counts: boolean;
  /** Whether to select the keys' English names (and join their tables); the enum keys need none. */
  labels: boolean;
  /** Whether to select the keys' Korean names too. */
  koreanLabels: boolean;
}

/** Grouped rows as arrays, and the name of each position (the keys of `keyColumns(keys)` and a `gpuTotalSelection`). */
export interface AllocationTotalRows {
  columns: readonly string[];
  rows: unknown[][];
}

/**
 * One row per group, largest total first and ties by key; without keys, the one row of the whole
 * total. The rows come as arrays (drizzle's `values`): its per-row mapping into objects was a
 * tenth of a 600-group request's CPU, and the caller reads positions it looks up once.
 */
export function readAllocationTotals(
  db: Db,
  { source, predicate, keys, quantities, counts, labels, koreanLabels }: AllocationTotalsQuery,
): AllocationTotalRows {
  const selection: Record<string, SQL | AnySQLiteColumn> = { ...gpuTotalSelection(source, quantities, counts) };
  if (keys.length === 0) {
    return { columns: Object.keys(selection), rows: db.select(selection).from(source.table).where(predicate).values() as unknown[][] };
  }

  const groupColumns: AnySQLiteColumn[] = [];
  const needed = new Set<keyof typeof joins>();
  for (const [index, column] of keyColumns(keys).entries()) {
    const spec = keySpecs[keys[index]!];
    const id = spec.kind ? partners.kind : source.columns[spec.column]!;
    selection[column.value] = id;
    groupColumns.push(id);
    // A left join on a primary key neither adds nor drops rows, so a label nobody reads needs none.
    if (spec.join && (spec.kind || (labels && spec.label))) needed.add(spec.join);
    if (labels && spec.label) selection[column.label] = spec.label;
    if (koreanLabels && spec.labelKo) selection[column.labelKo] = spec.labelKo;
  }
  let query = db.select(selection).from(source.table).$dynamic();
  for (const name of needed) query = query.leftJoin(joins[name].table, joins[name].on(source.columns));
  const rows = query
    .where(predicate)
    .groupBy(...groupColumns)
    .orderBy(desc(sql`sum(${source.columns.quantity!})`), ...groupColumns.map((column) => asc(column)))
    .values() as unknown[][];
  return { columns: Object.keys(selection), rows };
}
