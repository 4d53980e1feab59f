// Opening the database: file creation, pragmas, migrations. Every entry point (server, CLI,
// tests) goes through `openDatabase`, so they all see the same settings. Two engines behind one
// synchronous code path: better-sqlite3 on a local file (the default), or a libSQL server (sqld)
// read through an embedded replica with libsql-js, whose API is better-sqlite3's (README,
// "Beyond one machine").
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Logger } from 'drizzle-orm/logger';
import { createRequire } from 'node:module';
import type Libsql from 'libsql';
import type { LibsqlConfig } from '../config.js';
import { applyMigrations, localMigrationNames } from './migrations.js';
import { relations } from './relations.js';
import { fillSearchFolds } from './search-folds.js';
import { libsqlReplication, localReplication, type Replication, type SyncingConnection } from './replication.js';

export type Db = BetterSQLite3Database<typeof relations> & {
  $client: Database.Database;
  /** Where this instance's data stands against the writer's (trivial for a local file). */
  $replication: Replication;
};

/** The folder of generated migrations, found from this file so the working directory does not matter. */
export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenDatabaseOptions {
  /** A file path (its folder is created) or `:memory:`; not used when `libsql` is given. */
  path: string;
  /** A libSQL server and this instance's embedded replica (config's DATABASE_URL, REPLICA_PATH). */
  libsql?: LibsqlConfig | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Receives every SQL statement drizzle runs (tests count statements with it). */
  logger?: Logger;
}

/**
 * Opens (creating if needed) the SQLite database at `path`, sets the pragmas the service relies
 * on, and applies pending migrations.
 */
export function openDatabase(options: OpenDatabaseOptions): Db {
  if (options.libsql) return openLibsql(options, options.libsql);
  const inMemory = options.path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(options.path)), { recursive: true });

  const sqlite = new Database(options.path);
  // WAL lets readers proceed while a writer commits; NORMAL is durable across process crashes in
  // WAL mode (only an OS crash can lose the last commits); the timeout makes a second writer wait
  // for the lock instead of failing at once with SQLITE_BUSY.
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A row that INSERT OR REPLACE (or UPSERT's REPLACE) deletes fires the delete triggers only with
  // recursive triggers on; the rollup triggers (the only triggers, on `allocations`) need it to
  // take the replaced row out of its totals. They write to tables without triggers: no recursion.
  // (No write of the service uses REPLACE; the libSQL engine, which cannot set it, relies on that.)
  sqlite.pragma('recursive_triggers = ON');

  // drizzle prepares every statement it runs afresh; through this client it reuses them.
  const db = drizzle({ client: reusingStatements(sqlite), relations, logger: options.logger ?? false }) as Db;
  // Our own direct uses (pragmas, pluck, raw exports) get the plain client.
  db.$client = sqlite;
  db.$replication = localReplication;
  if (options.migrate ?? true) migrateDatabase(db);
  // Table statistics for the query planner. Without them it may pick an index that orders a
  // nested list (program_id, quantity) over the covering one behind the totals and read the
  // table for every row. 0x10002 analyzes only tables that were never analyzed or have grown or
  // shrunk tenfold, each with a bounded sample, so this is cheap after the first time.
  if (!inMemory && (options.migrate ?? true)) sqlite.pragma('optimize=0x10002');
  return db;
}

/**
 * The libSQL engine: an embedded replica file read locally, its writes (and every statement of a
 * write transaction) delegated by libsql to the primary, where the rollup triggers run. Opening
 * syncs it first, so an instance started on an empty replica file has caught up before it
 * migrates, seeds or serves.
 */
function openLibsql(options: OpenDatabaseOptions, config: LibsqlConfig): Db {
  mkdirSync(dirname(resolve(config.replicaPath)), { recursive: true });
  const connection = new (loadLibsql())(config.replicaPath, {
    syncUrl: config.url,
    ...(config.authToken ? { authToken: config.authToken } : {}),
  });
  // The primary enforces foreign keys on its own (sqld's default); pragmas that change a
  // connection's behaviour (busy_timeout, recursive_triggers) are refused by an embedded replica.
  const client = freshStatements(connection);
  const db = drizzle({ client, relations, logger: options.logger ?? false }) as Db;
  db.$client = client;
  db.$replication = libsqlReplication({
    url: config.url,
    syncIntervalMs: config.syncIntervalMs,
    connection: connection as unknown as SyncingConnection,
  });
  if (options.migrate ?? true) migrateDatabase(db);
  return db;
}

/**
 * libsql-js, loaded only when DATABASE_URL asks for it: its native addon is not needed (and need
 * not load) for the default better-sqlite3 engine.
 */
export function loadLibsql(): typeof Libsql {
  return createRequire(import.meta.url)('libsql') as typeof Libsql;
}

/**
 * libsql-js 0.5.29 (better-sqlite3's API over libSQL) mishandles a statement used more than once:
 * `get()` leaves it un-reset, which holds the connection's read snapshot open so every later read
 * misses newer frames, and a reused statement keeps its first parameters (both measured in
 * test/libsql.test.ts). So every execution prepares afresh and `get` is the first row of `all`;
 * `raw` and `pluck` return a new handle, so a mode never leaks into the next use.
 */
function freshStatements(connection: Libsql.Database): Database.Database {
  type Modes = { raw: boolean; pluck: boolean };
  const run = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw remoteSqliteError(error);
    }
  };
  const handle = (source: string, modes: Modes): unknown => {
    const fresh = () => {
      const statement = connection.prepare(source);
      if (modes.raw) statement.raw(true);
      if (modes.pluck) statement.pluck(true);
      return statement;
    };
    return {
      source,
      get reader() {
        return connection.prepare(source).reader;
      },
      all: (...params: unknown[]) => run(() => fresh().all(...params)),
      get: (...params: unknown[]) => run(() => fresh().all(...params)[0]),
      run: (...params: unknown[]) => run(() => fresh().run(...params)),
      iterate: (...params: unknown[]) => run(() => fresh().all(...params))[Symbol.iterator](),
      columns: () => connection.prepare(source).columns(),
      raw: (on = true) => handle(source, { ...modes, raw: on }),
      pluck: (on = true) => handle(source, { ...modes, pluck: on }),
    };
  };
  const prepare = (source: string) => handle(source, { raw: false, pluck: false });
  // better-sqlite3's pragma() shape, through the safe statements.
  const pragma = (source: string, options: { simple?: boolean } = {}) => {
    const rows = (prepare(`PRAGMA ${source}`) as { all: () => Record<string, unknown>[] }).all();
    return options.simple ? Object.values(rows[0] ?? {})[0] : rows;
  };
  // better-sqlite3's transaction() nests through a savepoint; libsql-js's always sends BEGIN, which
  // sqld refuses inside an open transaction (`InvalidParserState("Txn")`), and its ROLLBACK then
  // hides that error behind `InvalidParserState("Init")`. So nesting works as it does on better-sqlite3.
  const transaction = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const wrap =
      (mode: string) =>
      (...args: A): R => {
        const nested = connection.inTransaction;
        run(() => connection.exec(nested ? 'SAVEPOINT afg_nested' : `BEGIN ${mode}`));
        try {
          const result = fn(...args);
          run(() => connection.exec(nested ? 'RELEASE afg_nested' : 'COMMIT'));
          return result;
        } catch (error) {
          if (connection.inTransaction) connection.exec(nested ? 'ROLLBACK TO afg_nested; RELEASE afg_nested' : 'ROLLBACK');
          throw error;
        }
      };
    return Object.assign(wrap(''), { deferred: wrap('DEFERRED'), immediate: wrap('IMMEDIATE'), exclusive: wrap('EXCLUSIVE') });
  };
  return new Proxy(connection as unknown as Database.Database, {
    get: (target, key) => {
      if (key === 'prepare') return prepare;
      if (key === 'pragma') return pragma;
      if (key === 'transaction') return transaction;
      if (key === 'exec') return (source: string) => run(() => connection.exec(source));
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** SQLite's extended result codes for what the write path tells apart (src/graphql/conventions/writes.ts). */
const sqliteCodes: Record<number, string> = {
  5: 'SQLITE_BUSY',
  19: 'SQLITE_CONSTRAINT',
  275: 'SQLITE_CONSTRAINT_CHECK',
  787: 'SQLITE_CONSTRAINT_FOREIGNKEY',
  1299: 'SQLITE_CONSTRAINT_NOTNULL',
  1555: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  2067: 'SQLITE_CONSTRAINT_UNIQUE',
};

/**
 * A statement the primary refused comes back from libsql as `RemoteSqliteFailure(code,
 * extended code, "message")` with no `code`; this gives it better-sqlite3's shape (`code` the
 * SQLite name, the message SQLite's own), so constraint failures become the same typed errors.
 */
function remoteSqliteError(error: unknown): unknown {
  // Duck-typed: libsql's native errors need not be this realm's Error.
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return error;
  const match = /^RemoteSqliteFailure\((\d+), (\d+), "(.*)"\)$/s.exec(message);
  if (!match) return error;
  const extended = Number(match[2]);
  const primary = Number(match[1]);
  return Object.assign(new Error(match[3]!.replaceAll('\\"', '"'), { cause: error }), {
    name: 'SqliteError',
    code: sqliteCodes[extended] ?? sqliteCodes[primary] ?? `SQLITE_ERROR_${extended}`,
  });
}

/**
 * A view of `sqlite` whose `prepare` reuses statements by SQL text (least recently used out
 * beyond `max`). drizzle's better-sqlite3 session compiles the SQL of every query it runs
 * (about 6 % of a small request's CPU, measured); neither drizzle nor better-sqlite3 keeps
 * statements between queries, so this is ours. A reused statement may have been left in raw
 * (array) mode by its last user, so each use gets a handle that sets the mode before it runs.
 */
function reusingStatements(sqlite: Database.Database, max = 1000): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement) {
      // Map order is insertion order: re-inserting marks it recently used.
      statements.delete(source);
      statements.set(source, statement);
    } else {
      statement = sqlite.prepare(source);
      statements.set(source, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
    }
    const reused = statement;
    const objects = () => (reused.reader ? reused.raw(false) : reused);
    return {
      all: (...params: unknown[]) => objects().all(...params),
      get: (...params: unknown[]) => objects().get(...params),
      run: (...params: unknown[]) => reused.run(...params),
      raw: () => ({
        all: (...params: unknown[]) => reused.raw(true).all(...params),
        get: (...params: unknown[]) => reused.raw(true).get(...params),
      }),
    };
  };
  // Everything else (transactions, exec, pragma) is the client's own.
  return Object.create(sqlite, { prepare: { value: prepare } }) as Database.Database;
}

/**
 * Applies every migration in `drizzle/` not yet applied to this database, once even when several
 * instances start together (src/db/migrations.ts), and refuses a database whose migrations do not
 * match the code's.
 */
export function migrateDatabase(db: Db): void {
  // drizzle-kit rebuilds a table to change its CHECKs (create, copy, drop, rename). Its own
  // `PRAGMA foreign_keys=OFF` is ignored inside the migration transaction, so dropping a
  // referenced table would fail (RESTRICT) or cascade; keys are checked once everything is in place.
  // (On libSQL the migration runs on the primary, whose tables are empty when a rebuild first runs.)
  const sqlite = db.$client;
  const local = db.$replication.engine === 'sqlite';
  const enforced = local && sqlite.pragma('foreign_keys', { simple: true }) === 1;
  if (enforced) sqlite.pragma('foreign_keys = OFF');
  try {
    // Rows written before a folded search column existed get their fold (src/db/search-folds.ts);
    // on later starts there are none to write, and it costs one scan per searched table.
    applyMigrations(sqlite, migrationsFolder, fillSearchFolds);
    if (local) {
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`Migrations left ${broken.length} rows with broken foreign keys`);
    }
  } finally {
    if (enforced) sqlite.pragma('foreign_keys = ON');
  }
}

/** How many of the migrations in `drizzle/` this database has applied. */
export function migrationStatus(db: Db): { applied: number; available: number } {
  const available = localMigrationNames(migrationsFolder).length;
  const row = db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number } | undefined;
  return { applied: row?.n ?? 0, available };
}

/** Folds the WAL back into the database file and closes it: the last step of a clean stop. */
export function closeDatabase(db: Db): void {
  db.$replication.close();
  if (!db.$client.open) return;
  if (db.$replication.engine === 'libsql') {
    db.$client.close();
    return;
  }
  if (!db.$client.memory) {
    // Refreshes planner statistics that this session's writes have made stale (SQLite's advice
    // for long-running processes), then folds the WAL back.
    db.$client.pragma('optimize');
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
  }
  db.$client.close();
}
