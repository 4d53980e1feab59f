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
