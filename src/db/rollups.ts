// The rollup tables of src/db/schema.ts as a list, and the whole-table operations on them: a
// rebuild from `allocations` (bulk loads) and a comparison with `allocations` (tests, checks).
// Keeping them exact row by row is the job of the triggers defined in the migration.
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { Db } from './client.js';
import { allocationRollupsByModel, allocationRollupsByPartner, allocationRollupsByPartnerModel } from './schema.js';

/** Every rollup table, smallest grain first on realistic data (few models and initiatives, many partners). */
export const rollupTables = [allocationRollupsByModel, allocationRollupsByPartner, allocationRollupsByPartnerModel] as const;

export type RollupTable = (typeof rollupTables)[number];

/** The columns a rollup row is keyed by, as drizzle keys: the same keys as in `allocations`. */
export function rollupDimensions(table: RollupTable): string[] {
  return Object.keys(getTableColumns(table)).filter((key) => key !== 'quantity' && key !== 'allocationCount');
}

/** The SQL names of a rollup's dimension columns, comma-separated. */
function dimensionList(table: RollupTable): string {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  return rollupDimensions(table)
    .map((key) => `"${columns[key]!.name}"`)
    .join(', ');
}

/** What a rollup table should hold: `allocations` grouped by its dimensions. */
function expectedRows(table: RollupTable): string {
  const dimensions = dimensionList(table);
  return `SELECT ${dimensions}, sum("quantity") AS "quantity", count(*) AS "allocation_count" FROM "allocations" GROUP BY ${dimensions}`;
}

/**
 * Refills every rollup table from `allocations`, in one transaction. For bulk loads that insert
 * allocations with the rollup triggers dropped; the triggers keep the rollups exact otherwise.
 */
export function rebuildRollups(sqlite: Db['$client']): void {
  sqlite.transaction(() => {
    for (const table of rollupTables) {
      const name = getTableName(table);
      sqlite.exec(`DELETE FROM "${name}"`);
      sqlite.exec(`INSERT INTO "${name}" (${dimensionList(table)}, "quantity", "allocation_count") ${expectedRows(table)}`);
    }
  })();
}

/**
 * Drops the triggers that keep the rollups exact (the triggers on `allocations`) and returns a
 * function that creates them again from their saved definitions (once); `pending()` tells
 * whether that is still to do. The definitions come from the database, so the migration stays
 * the one place that defines them. Whoever drops them refills the rollups (`rebuildRollups`)
 * before anyone reads them.
 */
export function withoutRollupTriggers(sqlite: Db['$client']): (() => void) & { pending: () => boolean } {
  const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'allocations'").all() as {
    name: string;
    sql: string;
  }[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    sqlite.transaction(() => {
      for (const trigger of triggers) sqlite.exec(trigger.sql);
    })();
  };
  return Object.assign(restore, { pending: () => !restored });
}

/**
 * Runs `load`, which writes many allocations, inside the caller's open transaction with the
 * rollup triggers dropped, then refills the rollups with one GROUP BY per table and creates the
 * triggers again. Row-by-row trigger upkeep is about half of a bulk load's time (an import of
 * 100,000 allocations with their citations: 9.4 → 4.7 s). SQLite's DDL is transactional: other connections never see the
 * database without its triggers (the open write transaction keeps writers out, readers see the
 * state before it), and a failure rolls the drop back with everything else.
 */
export function bulkLoadingAllocations<T>(sqlite: Db['$client'], load: () => T): T {
  if (!sqlite.inTransaction) throw new Error('bulkLoadingAllocations runs inside an open transaction');
  const restoreTriggers = withoutRollupTriggers(sqlite);
  const result = load();
  rebuildRollups(sqlite);
  restoreTriggers();
  return result;
}

/**
 * Per rollup table, how many rows differ from `allocations` grouped by its dimensions (missing,
 * extra or with other sums); all zero when the rollups are exact.
 */
export function rollupDifferences(sqlite: Db['$client']): Record<string, number> {
  const differences: Record<string, number> = {};
  for (const table of rollupTables) {
    const name = getTableName(table);
    const stored = `SELECT ${dimensionList(table)}, "quantity", "allocation_count" FROM "${name}"`;
    // EXCEPT compares NULLs as equal, as the rollups mean them.
    const row = sqlite
      .prepare(
        `SELECT (SELECT count(*) FROM (${expectedRows(table)} EXCEPT ${stored})) + (SELECT count(*) FROM (${stored} EXCEPT ${expectedRows(table)})) AS n`,
      )
      .get() as { n: number };
    differences[name] = row.n;
  }
  return differences;
}
