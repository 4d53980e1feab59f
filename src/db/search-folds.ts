// The folded text `search` reads (issue #20): beside each searched column a `<column>_folded`
// column holds its text lower-cased by JavaScript's Unicode rules, written with the row. SQLite's
// own lower() and LIKE fold ASCII only, and libsql-js cannot register a JavaScript SQL function,
// so the fold is computed here on every write and both engines search the stored result alike.
// The pairs are read from the schema (src/db/schema.ts `folded(…)`): a new folded column needs no
// code here. Write paths: mutations call `withSearchFolds` on their values; bulk loads (the seed,
// dataset import and merge, synthetic data) and the migrator call `fillSearchFolds` once at the end.
import type Database from 'better-sqlite3';
import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, SQLiteTextJson, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';

/** The one folding rule, for stored text and needles alike (the `casefold` SQLite function used to apply it). */
export function fold(text: string): string {
  return text.toLowerCase();
}

/** One searched column and the column holding its fold, by drizzle key and SQL name. */
export interface SearchFold {
  sourceKey: string;
  source: string;
  foldedKey: string;
  folded: string;
  /** A JSON array of strings (partners' aliases), folded element by element. */
  array: boolean;
}

const suffix = '_folded';

function foldsOfTable(table: SQLiteTable): SearchFold[] {
  const columns = Object.entries(getTableColumns(table)) as [string, AnySQLiteColumn][];
  const folds: SearchFold[] = [];
  for (const [foldedKey, column] of columns) {
    if (!column.name.endsWith(suffix)) continue;
    const sourceName = column.name.slice(0, -suffix.length);
    const source = columns.find(([, candidate]) => candidate.name === sourceName);
    if (!source) throw new Error(`search-folds: ${getTableConfig(table).name}.${column.name} folds no column ${sourceName}`);
    const array = is(source[1], SQLiteTextJson);
    if (array !== is(column, SQLiteTextJson)) throw new Error(`search-folds: ${column.name} and ${sourceName} differ in JSON mode`);
    folds.push({ sourceKey: source[0], source: sourceName, foldedKey, folded: column.name, array });
  }
  return folds;
}

/** Every table with folded columns, by SQL name. */
export const searchFolds: ReadonlyMap<string, { table: SQLiteTable; folds: SearchFold[] }> = new Map(
  (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => [getTableConfig(table).name, { table, folds: foldsOfTable(table) }] as const)
    .filter(([, entry]) => entry.folds.length > 0),
);

const byTable = new Map([...searchFolds.values()].map((entry) => [entry.table, entry.folds]));
const foldedKeys = new Set([...searchFolds.values()].flatMap((entry) => entry.folds.map((f) => f.foldedKey)));

/** True for a folded column (derived data: dataset files and the audit log leave it out). */
export function isSearchFold(column: AnySQLiteColumn): boolean {
  return column.name.endsWith(suffix) && [...searchFolds.values()].some((entry) => entry.folds.some((f) => f.folded === column.name));
}

function foldValue(value: unknown, array: boolean): unknown {
  if (value === null) return null;
  if (array) return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? fold(item) : item)) : null;
  return typeof value === 'string' ? fold(value) : null;
}

/**
 * `values` (drizzle keys, for an insert or an update's `set`) with the fold of every searched
 * column they give; a column they leave out keeps its stored fold.
 */
export function withSearchFolds<T extends Record<string, unknown>>(table: SQLiteTable, values: T): T {
  const folds = byTable.get(table);
  if (!folds) return values;
  const out: Record<string, unknown> = { ...values };
  for (const f of folds) if (values[f.sourceKey] !== undefined) out[f.foldedKey] = foldValue(values[f.sourceKey], f.array);
  return out as T;
}

/** A stored row (drizzle keys) without its folded columns, for the audit log. */
export function withoutSearchFolds<T extends Record<string, unknown> | null>(row: T): T {
  if (!row) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => !foldedKeys.has(key))) as T;
}

const quote = (name: string) => `"${name}"`;
const parsed = (text: unknown, array: boolean): unknown => (array && typeof text === 'string' ? (JSON.parse(text) as unknown) : text);
const stored = (value: unknown, array: boolean): unknown => (array && value !== null ? JSON.stringify(value) : value);

/**
 * Writes the fold of every searched text whose folded column is NULL (rows a bulk load inserted,
 * or written before the folded columns existed), `batch` rows per SELECT and UPDATE, so on
 * libSQL the cost is two round trips to the primary per batch, not two per row. Call it inside
 * the load's (or the migration's) transaction. Returns how many rows it changed.
 */
export function fillSearchFolds(sqlite: Database.Database, batch = 5000): number {
  let changed = 0;
  for (const [name, { folds }] of searchFolds) {
    const missing = folds.map((f) => `(${quote(f.source)} IS NOT NULL AND ${quote(f.folded)} IS NULL)`).join(' OR ');
    const select = `SELECT id, ${folds.map((f) => quote(f.source)).join(', ')} FROM ${quote(name)} WHERE id > ? AND (${missing}) ORDER BY id LIMIT ${batch}`;
    // UPDATE … FROM json_each: a batch in one statement (SQLite 3.33+, libSQL alike).
    const update = `UPDATE ${quote(name)} SET ${folds.map((f, i) => `${quote(f.folded)} = u.value ->> ${i + 1}`).join(', ')}
      FROM json_each(?) AS u WHERE ${quote(name)}.id = u.value ->> 0`;
    // By id, so a value that folds to NULL (not text) cannot be selected again.
    for (let after = 0; ; ) {
      const rows = sqlite.prepare(select).all(after) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const updates = rows.map((row) => [row.id, ...folds.map((f) => stored(foldValue(parsed(row[f.source], f.array), f.array), f.array))]);
      sqlite.prepare(update).run(JSON.stringify(updates));
      changed += rows.length;
      after = Number(rows.at(-1)!.id);
    }
  }
  return changed;
}

/**
 * How many rows of each `table.folded_column` hold something other than the fold of their text
 * (empty when every write path kept them right): the check the tests run after their writes.
 */
export function searchFoldDifferences(sqlite: Database.Database): Record<string, number> {
  const differences: Record<string, number> = {};
  for (const [name, { folds }] of searchFolds) {
    const rows = sqlite
      .prepare(`SELECT ${folds.flatMap((f) => [quote(f.source), quote(f.folded)]).join(', ')} FROM ${quote(name)}`)
      .all() as Record<string, unknown>[];
    for (const f of folds) {
      const wrong = rows.filter((row) => {
        const expected = stored(foldValue(parsed(row[f.source], f.array), f.array), f.array);
        return expected !== row[f.folded];
      }).length;
      if (wrong > 0) differences[`${name}.${f.folded}`] = wrong;
    }
  }
  return differences;
}
