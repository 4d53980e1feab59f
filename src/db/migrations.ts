// The migrator both engines use: drizzle's migration files and its `__drizzle_migrations` table,
// applied inside one IMMEDIATE transaction. drizzle's own migrator reads the applied list before
// it begins its transaction, so two instances starting together on one new database would both
// run the first migration; here the write lock is taken first (on libSQL the whole transaction is
// delegated to the primary, where the lock lives), so the second instance waits, then finds
// nothing to do. A database whose migrations the code does not know is refused.
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

const table = '__drizzle_migrations';

/** The code and the database disagree about the migrations: the instance must not serve. */
export class MigrationMismatchError extends Error {
  constructor(
    /** Applied to the database, unknown to this code (a newer release migrated it). */
    readonly unknownToCode: string[],
  ) {
    super(`Refusing to serve: the database has migrations this code does not know: ${unknownToCode.join(', ')}`);
    this.name = 'MigrationMismatchError';
  }
}

export interface MigrationDifferences {
  unknownToCode: string[];
  pending: string[];
}

/** Compares the code's migrations with the database's applied ones, by name (as drizzle does). */
export function migrationDifferences(localNames: readonly string[], appliedNames: readonly (string | null)[]): MigrationDifferences {
  const local = new Set(localNames);
  const applied = new Set(appliedNames.filter((name): name is string => name !== null));
  return {
    unknownToCode: [...applied].filter((name) => !local.has(name)).sort(),
    pending: localNames.filter((name) => !applied.has(name)),
  };
}

/** The migration files of `folder` by name, in order. */
export function localMigrationNames(folder: string): string[] {
  return readMigrationFiles({ migrationsFolder: folder }).map((migration) => migration.name);
}

/** The names of the migrations applied to this database (none when it has no migrations table). */
export function appliedMigrationNames(sqlite: Database.Database): (string | null)[] {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (!exists) return [];
  return (sqlite.prepare(`SELECT name FROM "${table}" ORDER BY id`).all() as { name: string | null }[]).map((row) => row.name);
}

/**
 * Applies the pending migrations of `folder` in one IMMEDIATE transaction, then `afterMigrations`
 * in the same transaction (data SQL alone cannot compute, such as src/db/search-folds.ts's
 * Unicode folds: written once, by the instance holding the lock). Throws MigrationMismatchError
 * when the database has a migration the code lacks.
 */
export function applyMigrations(
  sqlite: Database.Database,
  folder: string,
  afterMigrations?: (sqlite: Database.Database) => void,
): { applied: string[] } {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const local = migrations.map((migration) => migration.name);
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS "${table}" (id INTEGER PRIMARY KEY, hash text NOT NULL, created_at numeric, name text, applied_at TEXT)`,
    );
    const differences = migrationDifferences(local, appliedMigrationNames(sqlite));
    if (differences.unknownToCode.length > 0) throw new MigrationMismatchError(differences.unknownToCode);
    const pending = new Set(differences.pending);
    const insert = sqlite.prepare(`INSERT INTO "${table}" (hash, created_at, name, applied_at) VALUES (?, ?, ?, ?)`);
    for (const migration of migrations) {
      if (!pending.has(migration.name)) continue;
      for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
      insert.run(migration.hash, migration.folderMillis, migration.name, new Date().toISOString());
    }
    afterMigrations?.(sqlite);
    sqlite.exec('COMMIT');
    return { applied: differences.pending };
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}
