// Debian's PostgreSQL for the PostGraphile peer: a throwaway server in a scratch data directory
// on 127.0.0.1, loaded with the tables of the bench's SQLite file, one COPY per table.
//
// Debian's package does not start a server by itself here (no init system), and PostgreSQL
// refuses to run as root: as root the harness runs initdb and pg_ctl as the `postgres` user the
// package creates (`runuser -u postgres --`); as anyone else, as that user.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The tables PostGraphile's operations read. The rollup tables are not copied: its aggregates compute from `allocations`. */
export const copiedTables = ['partners', 'programs', 'gpu_models', 'initiatives', 'sources', 'allocations', 'citations'];

export interface Postgres {
  /** `postgres://postgres@127.0.0.1:<port>/bench` */
  url: string;
  version: string;
  /** The postmaster's process id (first line of postmaster.pid), for its CPU time; null once stopped. */
  pid: () => number | null;
  stop: () => void;
}

/** Debian's server binaries (`/usr/lib/postgresql/<major>/bin`), the newest; null when not installed. */
export function postgresBinaries(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'bin', 'pg_ctl')) && existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length > 0 ? join(base, majors[0]!, 'bin') : null;
}

export const postgresHint =
  "PostgreSQL is not installed: `apt-get update && apt-get install -y postgresql` (Debian's server; the bench starts its own in a scratch directory)";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], asPostgres: boolean, input?: string): string {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  // cwd: the postgres user may not be able to enter the repository's folder (under /root, say).
  const result = spawnSync(file, argv, { encoding: 'utf8', input, cwd: tmpdir(), maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/**
 * initdb into a fresh folder under the system's temporary directory (the `postgres` user can
 * reach it there; a repository under /root or /work may not be), then `pg_ctl start -w` on a
 * free port of 127.0.0.1 with no Unix socket. The C locale makes text order bytewise, as SQLite's.
 */
export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error(postgresHint);
  const asPostgres = userInfo().uid === 0;
  const scratch = mkdtempSync(join(tmpdir(), 'bench-postgres-'));
  const dataDir = join(scratch, 'data');
  if (asPostgres) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const groups = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (ids.status !== 0) throw new Error(`running as root and there is no postgres user to run PostgreSQL as; ${postgresHint}`);
    chownSync(scratch, Number(ids.stdout.trim()), Number(groups.stdout.trim()));
  }
  const pgCtl = join(bin, 'pg_ctl');
  let started = false;
  const stop = () => {
    if (started) {
      spawnSync(
        asPostgres ? 'runuser' : pgCtl,
        [...(asPostgres ? ['-u', 'postgres', '--', pgCtl] : []), '-D', dataDir, '-m', 'immediate', '-w', 'stop'],
        {
          stdio: 'ignore',
        },
      );
      started = false;
    }
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--locale=C', '--encoding=UTF8', '--no-sync'], asPostgres);
    const port = await freePort();
    // fsync off: a scratch copy of a file we can regenerate; it only speeds up the load.
    const options = `-h 127.0.0.1 -p ${port} -c unix_socket_directories= -c fsync=off -c max_connections=50`;
    run(pgCtl, ['-D', dataDir, '-o', options, '-l', join(scratch, 'postgres.log'), '-w', '-t', '60', 'start'], asPostgres);
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/bench`;
    psql(`postgres://postgres@127.0.0.1:${port}/postgres`, 'CREATE DATABASE bench');
    const version = psql(url, 'SHOW server_version').trim();
    const pid = () => {
      try {
        return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
      } catch {
        return null;
      }
    };
    return { url, version, pid, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Runs SQL through Debian's psql (stdin for COPY data), stopping at the first error. */
function psql(url: string, command: string, input?: string): string {
  return run('psql', ['--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-qAt', '-d', url, '-c', command], false, input);
}

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** SQLite's declared types as PostgreSQL's: integers stay 32-bit (PostGraphile shows bigint as a string), text stays text. */
function postgresType(sqliteType: string): string {
  const type = sqliteType.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'double precision';
  return 'text';
}

/** One CSV field for COPY: NULL unquoted-empty, everything else quoted. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return `"${text.replaceAll('"', '""')}"`;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Creates the copied tables with the same columns, primary keys, foreign keys among themselves
 * and indexes as the SQLite file (PostGraphile derives its relations from the foreign keys, and
 * its Amber preset offers filters and orderings only on indexed columns), COPYs every row, and
 * runs ANALYZE. Returns the rows copied per table.
 */
export function loadFromSqlite(databasePath: string, url: string): Record<string, number> {
  const sqlite = new Database(databasePath, { readonly: true });
  const counts: Record<string, number> = {};
  try {
    const ddl: string[] = [];
    const constraints: string[] = [];
    const indexes: string[] = [];
    for (const table of copiedTables) {
      const columns = sqlite.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as ColumnInfo[];
      const keys = columns.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk);
      ddl.push(
        `CREATE TABLE ${quoteIdent(table)} (${[
          ...columns.map(
            (column) => `${quoteIdent(column.name)} ${postgresType(column.type)}${column.notnull || column.pk ? ' NOT NULL' : ''}`,
          ),
          `PRIMARY KEY (${keys.map((column) => quoteIdent(column.name)).join(', ')})`,
        ].join(', ')})`,
      );
      const foreignKeys = sqlite.prepare(`PRAGMA foreign_key_list(${quoteIdent(table)})`).all() as {
        id: number;
        table: string;
        from: string;
        to: string | null;
      }[];
      for (const key of foreignKeys) {
        if (!copiedTables.includes(key.table)) continue;
        constraints.push(
          `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(`${table}_${key.from}_fkey`)} FOREIGN KEY (${quoteIdent(key.from)}) REFERENCES ${quoteIdent(key.table)} (${quoteIdent(key.to ?? 'id')})`,
        );
      }
      const tableIndexes = sqlite.prepare(`PRAGMA index_list(${quoteIdent(table)})`).all() as {
        name: string;
        unique: number;
        origin: string;
        partial: number;
      }[];
      for (const index of tableIndexes) {
        // The primary key is made above; an index over an expression (cid -2) or a partial one has no plain equivalent here.
        if (index.origin === 'pk' || index.partial) continue;
        const parts = sqlite.prepare(`PRAGMA index_xinfo(${quoteIdent(index.name)})`).all() as {
          cid: number;
          name: string | null;
          desc: number;
          key: number;
        }[];
        const keyParts = parts.filter((part) => part.key === 1);
        if (keyParts.some((part) => part.cid < 0 || part.name === null)) continue;
        const list = keyParts.map((part) => `${quoteIdent(part.name!)}${part.desc ? ' DESC' : ''}`).join(', ');
        // A unique index becomes a unique constraint: PostGraphile offers `programBySlug` for constraints only.
        indexes.push(
          index.unique
            ? `ALTER TABLE ${quoteIdent(table)} ADD CONSTRAINT ${quoteIdent(index.name)} UNIQUE (${list})`
            : `CREATE INDEX ${quoteIdent(index.name)} ON ${quoteIdent(table)} (${list})`,
        );
      }
    }
    psql(url, ddl.join(';\n'));
    for (const table of copiedTables) {
      const columns = (sqlite.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as ColumnInfo[]).map((column) => column.name);
      const lines: string[] = [];
      for (const row of sqlite
        .prepare(`SELECT * FROM ${quoteIdent(table)}`)
        .raw()
        .iterate() as Iterable<unknown[]>) {
        lines.push(row.map(csvField).join(','));
      }
      counts[table] = lines.length;
      if (lines.length > 0) {
        psql(
          url,
          `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FORMAT csv)`,
          `${lines.join('\n')}\n`,
        );
      }
    }
    // Constraints and indexes after the rows: faster to build than to maintain row by row.
    psql(url, [...constraints, ...indexes, 'ANALYZE'].join(';\n'));
  } finally {
    sqlite.close();
  }
  return counts;
}
