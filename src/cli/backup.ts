// `npm run db:backup -- <file>`: a consistent copy of DATABASE_PATH taken with SQLite's online
// backup API, safe to run while the service keeps writing. See docs/operations-backup.md.
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type Libsql from 'libsql';
import { type LibsqlConfig, loadConfig } from '../config.js';
import { loadLibsql, openDatabase, type Db } from '../db/client.js';
import { type CliContext, printer, processContext, runIfEntryPoint } from './io.js';

const usage = [
  'usage: npm run db:backup -- <file>',
  'Copies DATABASE_PATH to <file> while the service may keep writing, checks the copy with',
  'PRAGMA integrity_check and foreign_key_check, and only then puts it in place.',
].join('\n');

/** Wrong arguments: exit 2 with the usage text. */
class UsageError extends Error {}
/** A problem with the source, the target or the copy: exit 1 with the message. */
class BackupError extends Error {}

/** SQLite files that belong to a database next to it; a stale one would be read as part of the copy. */
const companionSuffixes = ['-wal', '-shm', '-journal'] as const;
/** The largest step better-sqlite3 accepts; SQLite copies every remaining page in that step. */
const allRemainingPages = 0x7fffffff;

interface BackupResult {
  source: string;
  target: string;
  pages: number;
  pageSize: number;
  bytes: number;
  durationMs: number;
}

/** The target path from the arguments, or null for --help; throws `UsageError` otherwise. */
function parseTarget(argv: string[]): string | null {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return null;
  if (positionals.length === 0) throw new UsageError('name the file to write the backup to');
  if (positionals.length > 1) throw new UsageError(`one target file, got ${positionals.length}`);
  const target = positionals[0]!.trim();
  if (target === '' || target === ':memory:') throw new UsageError(`${JSON.stringify(positionals[0])} is not a file path`);
  return target;
}

/**
 * Copies the database at `sourcePath` to `targetPath` and returns what was copied. The copy is
 * written to a temporary file in the target's folder, switched to rollback-journal mode (so it is
 * one standalone file, no -wal needed), checked, flushed to disk, and renamed over the target only
 * if `integrity_check` says ok and `foreign_key_check` finds nothing. Throws `BackupError` otherwise.
 */
async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupResult> {
  if (sourcePath === ':memory:') {
    throw new BackupError('DATABASE_PATH is :memory:, a database that lives only inside the service process; there is no file to back up');
  }
  const source = resolve(sourcePath);
  const target = resolve(targetPath);
  if (!existsSync(source)) throw new BackupError(`no database at ${source} (DATABASE_PATH); nothing to back up`);
  if (target === source || companionSuffixes.some((suffix) => target === `${source}${suffix}`)) {
    throw new BackupError(`the target ${target} is the database itself; choose another file`);
  }
  const staleCompanions = companionSuffixes.map((suffix) => `${target}${suffix}`).filter((file) => existsSync(file));
  if (staleCompanions.length > 0) {
    // SQLite would apply such a file to the new copy on its next open: refuse rather than guess.
    throw new BackupError(
      `${staleCompanions.join(', ')} exists next to the target: is the target a database in use? Stop whatever uses it or choose another file`,
    );
  }

  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const started = performance.now();
  // Not migrated: a backup copies the database as it is, and must not change the live file's schema.
  let db: Db | undefined = openDatabase({ path: source, migrate: false });
  try {
    const pageSize = db.$client.pragma('page_size', { simple: true }) as number;
    // After a first step that copies nothing, better-sqlite3 asks how many pages each later step copies.
    // "All of them" copies one consistent snapshot inside one read transaction, which in WAL mode never
    // blocks the service's writers. Smaller steps release the snapshot in between, and each commit the
    // service makes meanwhile restarts the copy from page 1: under steady writes it might never finish.
    const progress = await db.$client.backup(temporary, { progress: () => allRemainingPages });
    db.$client.close();
    db = undefined;

    try {
      verifyCopy(temporary);
    } catch (error) {
      // SQLite reports badly damaged pages as SQLITE_CORRUPT instead of integrity_check lines.
      const problem =
        error instanceof BackupError
          ? error.message
          : `checking the copy failed (${error instanceof Error ? error.message : String(error)})`;
      throw new BackupError(`${problem}\nThe source database may be damaged; run PRAGMA integrity_check on it. ${untouched(target)}`);
    }
    flushToDisk(temporary);
    renameSync(temporary, target);
    flushToDisk(dirname(target));
    return {
      source,
      target,
      pages: progress.totalPages,
      pageSize,
      bytes: statSync(target).size,
      durationMs: performance.now() - started,
    };
  } finally {
    db?.$client.close();
    for (const file of [temporary, ...companionSuffixes.map((suffix) => `${temporary}${suffix}`)]) rmSync(file, { force: true });
  }
}

/**
 * With DATABASE_URL: a backup of the libSQL primary. A fresh embedded replica in a scratch folder
 * next to the target syncs the primary's frames up to its latest commit (one consistent state, as
 * the primary committed it); that file is then copied, checked and put in place like a local
 * database, and the scratch replica removed. The service's own replica files are not touched.
 */
async function backupFromPrimary(config: LibsqlConfig, targetPath: string): Promise<BackupResult> {
  const target = resolve(targetPath);
  mkdirSync(dirname(target), { recursive: true });
  const scratch = mkdtempSync(join(dirname(target), `.${basename(target)}.replica-`));
  try {
    const replicaPath = join(scratch, 'replica.db');
    let replica: Libsql.Database;
    try {
      replica = new (loadLibsql())(replicaPath, { syncUrl: config.url, ...(config.authToken ? { authToken: config.authToken } : {}) });
      (replica as unknown as { sync(): unknown }).sync();
    } catch (error) {
      throw new BackupError(
        `could not sync from the libSQL primary ${config.url} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}). ${untouched(target)}`,
      );
    }
    replica.close();
    const result = await backupDatabase(replicaPath, target);
    return { ...result, source: config.url };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Makes the copy standalone and checks it; throws `BackupError` when SQLite finds a problem. */
function verifyCopy(path: string): void {
  const copy = new Database(path, { fileMustExist: true });
  try {
    // The backup API copies the header too, so the copy starts in WAL mode; DELETE makes it one file.
    const mode = copy.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new BackupError(`could not switch the copy to journal_mode=delete (it reports ${String(mode)})`);
    const integrity = copy.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) {
      throw new BackupError(`integrity_check of the copy failed:\n  ${problems.slice(0, 10).join('\n  ')}`);
    }
    const dangling = copy.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (dangling.length > 0) {
      const shown = dangling.slice(0, 10).map((row) => `${row.table} row ${row.rowid} → missing ${row.parent}`);
      throw new BackupError(`foreign_key_check of the copy found ${dangling.length} dangling reference(s):\n  ${shown.join('\n  ')}`);
    }
  } finally {
    copy.close();
  }
}

/** What a failed check left alone, for the error message. */
function untouched(target: string): string {
  return existsSync(target) ? `${target} was left as it was.` : `Nothing was written to ${target}.`;
}

/** fsync a file or folder, so a rename is not made durable before the data it points at. */
function flushToDisk(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The command line tool: `argv` is what follows `db:backup --`; resolves to the exit code. */
export async function run(argv: string[], { env, stdout, stderr }: CliContext = processContext()): Promise<number> {
  const print = printer(stdout);
  const printError = printer(stderr);
  try {
    const target = parseTarget(argv);
    if (target === null) {
      print(usage);
      return 0;
    }
    const config = loadConfig(env);
    const result = config.libsql ? await backupFromPrimary(config.libsql, target) : await backupDatabase(config.databasePath, target);
    print(
      `backed up ${result.source} to ${result.target}: ${result.pages} pages of ${result.pageSize} bytes, ` +
        `${formatBytes(result.bytes)}, in ${Math.round(result.durationMs)} ms; integrity_check ok`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isUsage =
      error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS_'));
    if (isUsage) {
      printError(`db:backup: ${message}\n${usage}`);
      return 2;
    }
    printError(`db:backup: ${message}`);
    return 1;
  }
}

await runIfEntryPoint(import.meta.url, run);
