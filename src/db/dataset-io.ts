// The whole dataset as one JSON document: every row of every domain table, ids included, so a
// database can be backed up, copied or moved exactly. docs/dataset-format.md describes the format.
import Database from 'better-sqlite3';
import { getColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { z } from 'zod';
import { multiLineColumns, textProblem } from '../domain/text-rules.js';
import type { Db } from './client.js';
import { bulkLoadingAllocations } from './rollups.js';
import { fillSearchFolds, isSearchFold } from './search-folds.js';
import {
  allocations,
  citations,
  commitments,
  datasetLoads,
  discrepancies,
  discrepancyCitations,
  exchangeRates,
  gpuModels,
  initiativeParticipants,
  initiatives,
  investmentInvestors,
  investments,
  partners,
  phases,
  powerCapacities,
  programCountries,
  programSuppliers,
  programs,
  sources,
} from './schema.js';

export const datasetFormat = 'ai-factory-graph/dataset';
/** Bumped on any change an older importer could not read correctly; importers refuse other versions. */
export const datasetFormatVersion = 1;

/** The tables a dataset holds, in foreign-key order: a row refers only to tables listed before its own. */
const datasetTables = {
  partners,
  programs,
  gpu_models: gpuModels,
  initiatives,
  initiative_participants: initiativeParticipants,
  allocations,
  investments,
  investment_investors: investmentInvestors,
  exchange_rates: exchangeRates,
  program_countries: programCountries,
  program_suppliers: programSuppliers,
  phases,
  power_capacities: powerCapacities,
  commitments,
  sources,
  citations,
  discrepancies,
  discrepancy_citations: discrepancyCitations,
  // Kept so that an imported database is not seeded again on start.
  dataset_loads: datasetLoads,
} satisfies Record<string, SQLiteTable>;

export type DatasetTableName = keyof typeof datasetTables;

/**
 * Tables a dataset leaves out on purpose: API keys are secrets even hashed, the audit log is
 * the history of one database, not part of the data, and the rollups are derived from the
 * allocations (an import refills them from the allocations it loads).
 */
export const excludedTables = [
  'api_keys',
  'audit_events',
  'allocation_rollups_by_model',
  'allocation_rollups_by_partner',
  'allocation_rollups_by_partner_model',
] as const;

export type DatasetValue = string | number | boolean | null | DatasetValue[] | { [key: string]: DatasetValue };
/** One row, keyed by database column name (snake_case). */
export type DatasetRow = Record<string, DatasetValue>;

export interface DatasetDocument {
  format: typeof datasetFormat;
  version: typeof datasetFormatVersion;
  tables: Record<DatasetTableName, DatasetRow[]>;
}

/** A problem with a document or a row, at a path such as `tables.allocations[12].quantity`. */
export interface DatasetProblem {
  path: string;
  message: string;
}

type ColumnKind = 'integer' | 'text' | 'boolean' | 'json';

/** Text the API would accept too (src/domain/text-rules.ts): a file cannot bring in what a write may not. */
function storableText(multiLine: boolean): z.ZodType {
  return z.string().superRefine((value, context) => {
    const problem = textProblem(value, multiLine);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/** The shape of each JSON column's value; the database only checks that the text is valid JSON. */
const jsonColumnShapes: Record<string, z.ZodType> = {
  'initiatives.technologies': z.array(storableText(false)),
  'partners.aliases': z.array(storableText(false)),
};

interface ColumnSpec {
  name: string;
  kind: ColumnKind;
}

interface TableSpec {
  name: DatasetTableName;
  columns: ColumnSpec[];
  /** The primary-key columns: rows are exported in their order and named by them in errors. */
  keyColumns: string[];
  rowSchema: z.ZodType;
  select: string;
}

const quote = (identifier: string) => `"${identifier}"`;

function columnKind(table: string, column: SQLiteColumn): ColumnKind {
  switch (column.columnType) {
    case 'SQLiteInteger':
      return 'integer';
    case 'SQLiteText':
      return 'text';
    case 'SQLiteBoolean':
      return 'boolean';
    case 'SQLiteTextJson':
      return 'json';
    default:
      // A new column type needs a decision on how it is written to JSON; fail before any export.
      throw new Error(`dataset-io: no JSON mapping for ${table}.${column.name} (${column.columnType})`);
  }
}

function valueSchema(table: string, column: SQLiteColumn, kind: ColumnKind, isKey: boolean): z.ZodType {
  let schema: z.ZodType;
  switch (kind) {
    case 'integer':
      schema = z.int();
      break;
    case 'text':
      schema = column.enumValues ? z.enum(column.enumValues as [string, ...string[]]) : storableText(multiLineColumns.has(column.name));
      break;
    case 'boolean':
      schema = z.boolean();
      break;
    case 'json': {
      const shape = jsonColumnShapes[`${table}.${column.name}`];
      if (!shape) throw new Error(`dataset-io: no value shape declared for JSON column ${table}.${column.name}`);
      schema = shape;
      break;
    }
  }
  if (!column.notNull) schema = schema.nullable();
  // A column the database can fill (NULL or a default) may be left out of a hand-written file,
  // and a file from before a compatible schema change still loads.
  if (!isKey && (!column.notNull || column.hasDefault)) schema = schema.optional();
  return schema;
}

function tableSpec(name: DatasetTableName, table: SQLiteTable): TableSpec {
  const config = getTableConfig(table);
  if (config.name !== name) throw new Error(`dataset-io: table ${config.name} is listed as ${name}`);
  // The folded search text is derived from the row (src/db/search-folds.ts): a file leaves it out.
  const columns = (Object.values(getColumns(table)) as SQLiteColumn[]).filter((column) => !isSearchFold(column));
  const keyColumns = columns.filter((column) => column.primary).map((column) => column.name);
  if (keyColumns.length === 0) keyColumns.push(...(config.primaryKeys[0]?.columns.map((column) => column.name) ?? []));
  if (keyColumns.length === 0) throw new Error(`dataset-io: table ${name} has no primary key to order its rows by`);

  const specs: ColumnSpec[] = [];
  const shape: Record<string, z.ZodType> = {};
  for (const column of columns) {
    const kind = columnKind(name, column);
    specs.push({ name: column.name, kind });
    shape[column.name] = valueSchema(name, column, kind, keyColumns.includes(column.name));
  }
  return {
    name,
    columns: specs,
    keyColumns,
    rowSchema: z.strictObject(shape),
    select: `SELECT ${specs.map((column) => quote(column.name)).join(', ')} FROM ${quote(name)} ORDER BY ${keyColumns.map(quote).join(', ')}`,
  };
}

const tableSpecs: TableSpec[] = Object.entries(datasetTables).map(([name, table]) => tableSpec(name as DatasetTableName, table));

export const datasetTableNames: readonly DatasetTableName[] = tableSpecs.map((spec) => spec.name);

function fromDatabase(kind: ColumnKind, value: unknown): DatasetValue {
  if (value === null) return null;
  if (kind === 'boolean') return Number(value) === 1;
  // Parsed rather than kept as text, so the file holds the array a reader expects; drizzle wrote
  // the text with JSON.stringify, which gives the same text back on import.
  if (kind === 'json' && typeof value === 'string') return JSON.parse(value) as DatasetValue;
  return value as DatasetValue;
}

function toDatabase(kind: ColumnKind, value: DatasetValue): unknown {
  if (value === null) return null;
  if (kind === 'boolean') return value ? 1 : 0;
  if (kind === 'json') return JSON.stringify(value);
  return value;
}

/** Every row of every dataset table, ordered by primary key, read from one consistent snapshot. */
export function exportDataset(db: Db): DatasetDocument {
  const client = db.$client;
  // One read transaction: a server writing meanwhile cannot leave the export half old, half new.
  const readTables = client.transaction(() => {
    const tables = {} as Record<DatasetTableName, DatasetRow[]>;
    for (const spec of tableSpecs) {
      const rows = client.prepare(spec.select).raw(true).all() as unknown[][];
      tables[spec.name] = rows.map((values) => {
        const row: DatasetRow = {};
        spec.columns.forEach((column, index) => {
          row[column.name] = fromDatabase(column.kind, values[index]);
        });
        return row;
      });
    }
    return tables;
  });
  return { format: datasetFormat, version: datasetFormatVersion, tables: readTables() };
}

/** The exact text of a dataset file: 2-space indentation and a final newline. */
export function serializeDataset(document: DatasetDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The number of problems a validation reports before it stops looking. */
export const maxProblems = 10;

export type DatasetValidation = { ok: true; document: DatasetDocument } | { ok: false; problems: DatasetProblem[]; moreProblems: boolean };

function formatPath(path: readonly PropertyKey[]): string {
  const text = path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
  return text === '' ? '(document)' : text;
}

const describeValue = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

const envelopeSchema = z.strictObject({
  format: z.literal(datasetFormat),
  version: z.literal(datasetFormatVersion),
  tables: z.strictObject(Object.fromEntries(datasetTableNames.map((name) => [name, z.array(z.unknown()).optional()]))),
});

/**
 * Checks a parsed JSON value against the format: the envelope, then every row's columns and types.
 * Reports the first `maxProblems` problems in file order. Constraints that need the database
 * (references, uniqueness, CHECKs) are left to the import.
 */
export function validateDataset(input: unknown): DatasetValidation {
  const refuse = (path: string, message: string): DatasetValidation => ({
    ok: false,
    problems: [{ path, message }],
    moreProblems: false,
  });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return refuse('(document)', 'expected a JSON object');
  }
  // Format and version first, with their own messages: the rest means nothing for another format.
  const { format, version } = input as { format?: unknown; version?: unknown };
  if (format !== datasetFormat) {
    return refuse('format', `expected "${datasetFormat}", found ${describeValue(format)}: not a dataset file of this service`);
  }
  if (version !== datasetFormatVersion) {
    return refuse(
      'version',
      `format version ${describeValue(version)} is not supported: this program reads version ${datasetFormatVersion} only`,
    );
  }

  const problems: DatasetProblem[] = [];
  const collect = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[], row?: unknown) => {
    for (const issue of issues) {
      const [column, ...rest] = issue.path;
      // zod reports a missing column as a wrong type or option; say what it is.
      const missing = row !== null && typeof row === 'object' && rest.length === 0 && typeof column === 'string' && !(column in row);
      problems.push({ path: formatPath([...prefix, ...issue.path]), message: missing ? 'required column is missing' : issue.message });
    }
  };

  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) {
    collect(envelope.error.issues, []);
  } else {
    const tables = {} as Record<DatasetTableName, DatasetRow[]>;
    for (const spec of tableSpecs) {
      const rows = envelope.data.tables[spec.name] ?? [];
      const parsed: DatasetRow[] = [];
      for (let index = 0; index < rows.length && problems.length <= maxProblems; index += 1) {
        const result = spec.rowSchema.safeParse(rows[index]);
        if (result.success) parsed.push(result.data as DatasetRow);
        else collect(result.error.issues, ['tables', spec.name, index], rows[index]);
      }
      tables[spec.name] = parsed;
    }
    if (problems.length === 0) {
      return { ok: true, document: { format: datasetFormat, version: datasetFormatVersion, tables } };
    }
  }
  return { ok: false, problems: problems.slice(0, maxProblems), moreProblems: problems.length > maxProblems };
}

export interface ImportOptions {
  /** Delete the rows already in the dataset tables first, in the same transaction. */
  replace?: boolean;
  /** Called with the rows inserted so far and the total, every 1,000 rows and at the end. */
  onProgress?: (inserted: number, total: number) => void;
}

export type ImportResult =
  | {
      ok: true;
      rowCounts: Record<DatasetTableName, number>;
      /** Rows deleted by `replace`. */
      deletedRowCount: number;
    }
  | {
      ok: false;
      /** `invalid`: the document failed validation; `not-empty`: rows exist and `replace` was not set; `constraint`: a row broke a database constraint. */
      reason: 'invalid' | 'not-empty' | 'constraint';
      problems: DatasetProblem[];
      moreProblems: boolean;
    };

/** Thrown inside the import transaction to roll it back, carrying what to report. */
class ImportRolledBack extends Error {
  constructor(readonly problem: DatasetProblem) {
    super(`${problem.path}: ${problem.message}`);
  }
}

function countRows(client: Database.Database): Record<DatasetTableName, number> {
  const counts = {} as Record<DatasetTableName, number>;
  for (const spec of tableSpecs) {
    counts[spec.name] = client
      .prepare(`SELECT count(*) FROM ${quote(spec.name)}`)
      .pluck()
      .get() as number;
  }
  return counts;
}

function rowCountsOf(document: DatasetDocument): Record<DatasetTableName, number> {
  const counts = {} as Record<DatasetTableName, number>;
  for (const name of datasetTableNames) counts[name] = document.tables[name].length;
  return counts;
}

/** `partners 20, programs 1, …` for summaries and reports. */
export function describeRowCounts(counts: Record<DatasetTableName, number>): string {
  return datasetTableNames.map((name) => `${name} ${counts[name]}`).join(', ');
}

const sumOf = (counts: Record<DatasetTableName, number>) => Object.values(counts).reduce((total, count) => total + count, 0);

/** The references of a row that point at no row, read from SQLite's own list of foreign keys. */
function missingReferences(client: Database.Database, spec: TableSpec, row: DatasetRow): string[] {
  const foreignKeys = client.pragma(`foreign_key_list(${quote(spec.name)})`) as {
    table: string;
    from: string;
    to: string | null;
  }[];
  const missing: string[] = [];
  for (const key of foreignKeys) {
    const value = row[key.from];
    if (value === null || value === undefined) continue;
    const target = key.to ?? 'rowid';
    const found = client.prepare(`SELECT 1 FROM ${quote(key.table)} WHERE ${quote(target)} = ?`).get(value);
    if (!found) missing.push(`${key.from} ${JSON.stringify(value)} matches no ${key.table}.${target}`);
  }
  return missing;
}

function constraintProblem(
  client: Database.Database,
  spec: TableSpec,
  row: DatasetRow,
  index: number,
  error: InstanceType<typeof Database.SqliteError>,
): DatasetProblem {
  const key = spec.keyColumns.map((name) => `${name} ${JSON.stringify(row[name])}`).join(', ');
  let message = `row with ${key}: ${error.message} (${error.code})`;
  // SQLite does not say which foreign key failed; look the references up while the transaction is open.
  if (error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    const missing = missingReferences(client, spec, row);
    if (missing.length > 0) message += `: ${missing.join('; ')}`;
  }
  return { path: `tables.${spec.name}[${index}]`, message };
}

function deleteAllRows(client: Database.Database): void {
  for (const spec of [...tableSpecs].reverse()) {
    try {
      client.prepare(`DELETE FROM ${quote(spec.name)}`).run();
    } catch (error) {
      if (!(error instanceof Database.SqliteError)) throw error;
      throw new ImportRolledBack({
        path: `tables.${spec.name}`,
        message: `could not delete the existing rows: ${error.message} (${error.code})`,
      });
    }
  }
}

/**
 * The one INSERT of a dataset row, for every dataset whatever its origin: an import (ids as in the
 * file), a merge and the bundled seeds (new ids). A value the row leaves undefined is left to the
 * database (NULL or the column's default), so the statement depends on the columns present and
 * is kept per table and column list. Throws the driver's error as it is.
 */
function insertRow(
  client: Database.Database,
  statements: Map<string, Database.Statement>,
  spec: TableSpec,
  row: DatasetRow,
  ids: 'keep' | 'new',
): Database.RunResult {
  const present = spec.columns.filter((column) => (ids === 'keep' || column.name !== 'id') && row[column.name] !== undefined);
  const signature = `${spec.name}(${present.map((column) => column.name).join(',')})`;
  let statement = statements.get(signature);
  if (!statement) {
    statement = client.prepare(
      `INSERT INTO ${quote(spec.name)} (${present.map((column) => quote(column.name)).join(', ')}) VALUES (${present.map(() => '?').join(', ')})`,
    );
    statements.set(signature, statement);
  }
  return statement.run(present.map((column) => toDatabase(column.kind, row[column.name]!)));
}

function insertAllRows(client: Database.Database, document: DatasetDocument, onProgress?: ImportOptions['onProgress']): void {
  const total = sumOf(rowCountsOf(document));
  let inserted = 0;
  onProgress?.(0, total);
  const statements = new Map<string, Database.Statement>();
  for (const spec of tableSpecs) {
    const rows = document.tables[spec.name];
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index]!;
      try {
        insertRow(client, statements, spec, row, 'keep');
      } catch (error) {
        if (!(error instanceof Database.SqliteError)) throw error;
        throw new ImportRolledBack(constraintProblem(client, spec, row, index, error));
      }
      inserted += 1;
      if (inserted % 1000 === 0) onProgress?.(inserted, total);
    }
  }
  onProgress?.(total, total);
}

/**
 * Validates `input` (a parsed JSON value) and loads it in one IMMEDIATE transaction, ids as in
 * the file: all rows or none. Refuses a database whose dataset tables hold rows unless `replace`
 * is set, in which case those rows are deleted in the same transaction. Failures are returned,
 * not thrown; only unexpected errors throw.
 */
export function importDataset(db: Db, input: unknown, options: ImportOptions = {}): ImportResult {
  const validation = validateDataset(input);
  if (!validation.ok) {
    return { ok: false, reason: 'invalid', problems: validation.problems, moreProblems: validation.moreProblems };
  }
  const document = validation.document;
  const client = db.$client;
  if (client.pragma('foreign_keys', { simple: true }) !== 1) {
    // Without it a dangling reference would load silently.
    throw new Error('importDataset needs PRAGMA foreign_keys = ON (openDatabase sets it)');
  }

  const load = client.transaction((): ImportResult => {
    const existing = countRows(client);
    const existingTotal = sumOf(existing);
    if (existingTotal > 0 && !options.replace) {
      return {
        ok: false,
        reason: 'not-empty',
        problems: [{ path: '(database)', message: `already holds ${existingTotal} dataset rows (${describeRowCounts(existing)})` }],
        moreProblems: false,
      };
    }
    bulkLoadingAllocations(client, () => {
      if (existingTotal > 0) deleteAllRows(client);
      insertAllRows(client, document, options.onProgress);
    });
    fillSearchFolds(client);
    return { ok: true, rowCounts: rowCountsOf(document), deletedRowCount: existingTotal };
  });

  try {
    return load.immediate();
  } catch (error) {
    if (error instanceof ImportRolledBack) {
      return { ok: false, reason: 'constraint', problems: [error.problem], moreProblems: false };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Merging a dataset file into a database that already holds data: the bundled programme files
// (src/db/seed/programmes/) are loaded this way, on first start and by `npm run db:seed`.

/**
 * The natural keys by which a row of a file is the same as a row the database already holds
 * (tried in order, on the file's values after its references are mapped to database ids).
 * Tables without one (allocations) always get new rows.
 */
const matchKeys: Partial<Record<DatasetTableName, string[][]>> = {
  partners: [['slug']],
  programs: [['slug']],
  gpu_models: [['slug']],
  initiatives: [['slug']],
  initiative_participants: [['initiative_id', 'partner_id']],
  investments: [['slug']],
  investment_investors: [['investment_id', 'partner_id']],
  exchange_rates: [['base_currency', 'quote_currency', 'as_of', 'kind']],
  program_countries: [['program_id', 'country']],
  program_suppliers: [['program_id', 'partner_id']],
  phases: [['slug']],
  power_capacities: [['slug']],
  commitments: [['slug']],
  sources: [['url'], ['slug']],
  discrepancies: [['slug']],
  discrepancy_citations: [['discrepancy_id', 'citation_id']],
};

/** The same citation twice (one source, subject, field and quote) is one citation. */
const citationMatchColumns = (spec: TableSpec) =>
  spec.columns
    .map((column) => column.name)
    .filter((name) => name === 'source_id' || name === 'field' || name === 'quote' || (name.endsWith('_id') && name !== 'id'));

export type MergeResult =
  | {
      ok: true;
      /** False when every dataset the file names was already loaded: nothing was added. */
      loaded: boolean;
      datasets: string[];
      /** Rows added per table (rows matched to existing ones are not counted). */
      insertedRowCounts: Partial<Record<DatasetTableName, number>>;
    }
  | { ok: false; reason: 'invalid' | 'constraint'; problems: DatasetProblem[]; moreProblems: boolean };

/**
 * Adds a dataset file to a database that may hold other data, in one IMMEDIATE transaction. The
 * file's ids are its own: every reference must point at a row of the same file, and each row is
 * either matched to an existing row by its natural key (`matchKeys`: NVIDIA, a GPU model or a
 * source shared with another programme) or inserted with a new id. The datasets the file lists
 * in `dataset_loads` are recorded; a file whose datasets are all recorded already adds nothing,
 * so merging is idempotent.
 */
export function mergeDataset(db: Db, input: unknown): MergeResult {
  const validation = validateDataset(input);
  if (!validation.ok) return { ok: false, reason: 'invalid', problems: validation.problems, moreProblems: validation.moreProblems };
  const document = validation.document;
  const names = document.tables.dataset_loads.map((row) => String(row.dataset));
  if (names.length === 0) {
    return {
      ok: false,
      reason: 'invalid',
      problems: [{ path: 'tables.dataset_loads', message: 'a merged file names its dataset in dataset_loads' }],
      moreProblems: false,
    };
  }
  const client = db.$client;
  const merge = client.transaction((): MergeResult => {
    const known = new Set(
      (client.prepare('SELECT dataset FROM dataset_loads').pluck().all() as string[]).filter((name) => names.includes(name)),
    );
    if (known.size === names.length) return { ok: true, loaded: false, datasets: names, insertedRowCounts: {} };
    const ids = new Map<string, Map<number, number>>();
    const inserted: Partial<Record<DatasetTableName, number>> = {};
    const statements = new Map<string, Database.Statement>();
    for (const spec of tableSpecs) {
      if (spec.name === 'dataset_loads') continue;
      const foreignKeys = client.pragma(`foreign_key_list(${quote(spec.name)})`) as { table: string; from: string }[];
      const tableIds = new Map<number, number>();
      ids.set(spec.name, tableIds);
      const keys = spec.name === 'citations' ? [citationMatchColumns(spec)] : (matchKeys[spec.name] ?? []);
      document.tables[spec.name].forEach((fileRow, index) => {
        const row: DatasetRow = { ...fileRow };
        for (const key of foreignKeys) {
          const value = row[key.from];
          if (value === null || value === undefined) continue;
          const mapped = ids.get(key.table)?.get(Number(value));
          if (mapped === undefined) {
            throw new ImportRolledBack({
              path: `tables.${spec.name}[${index}].${key.from}`,
              message: `${JSON.stringify(value)} matches no ${key.table} row of this file (a merged file carries every row it refers to)`,
            });
          }
          row[key.from] = mapped;
        }
        const fileId = typeof fileRow.id === 'number' ? fileRow.id : undefined;
        for (const columns of keys) {
          if (columns.some((column) => row[column] === undefined || (columns.length === 1 && row[column] === null))) continue;
          const where = columns.map((column) => `${quote(column)} IS ?`).join(' AND ');
          const found = client
            .prepare(`SELECT ${spec.keyColumns.includes('id') ? 'id' : '1'} FROM ${quote(spec.name)} WHERE ${where} LIMIT 1`)
            .pluck()
            .get(...columns.map((column) => toDatabase(spec.columns.find((c) => c.name === column)!.kind, row[column]!)));
          if (found !== undefined) {
            if (fileId !== undefined) tableIds.set(fileId, Number(found));
            return;
          }
        }
        try {
          const result = insertRow(client, statements, spec, row, 'new');
          if (fileId !== undefined) tableIds.set(fileId, Number(result.lastInsertRowid));
          inserted[spec.name] = (inserted[spec.name] ?? 0) + 1;
        } catch (error) {
          if (!(error instanceof Database.SqliteError)) throw error;
          throw new ImportRolledBack(constraintProblem(client, spec, row, index, error));
        }
      });
    }
    fillSearchFolds(client);
    const record = client.prepare('INSERT OR IGNORE INTO dataset_loads (dataset) VALUES (?)');
    for (const name of names) record.run(name);
    return { ok: true, loaded: true, datasets: names, insertedRowCounts: inserted };
  });
  try {
    return merge.immediate();
  } catch (error) {
    if (error instanceof ImportRolledBack) return { ok: false, reason: 'constraint', problems: [error.problem], moreProblems: false };
    throw error;
  }
}
