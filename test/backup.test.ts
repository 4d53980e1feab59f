// `npm run db:backup`: an online copy of the live database, taken while the real server (a child
// process) keeps committing writes, then checked as a standalone database; and the command's refusals.
// The copy under writes runs the command as a process (db:backup's one process test: the test's
// writers must keep being answered while it copies); the refusals call its `run` in process.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, readSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { run as backupCli } from '../src/cli/backup.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { temporaryFolder } from './helpers.js';
import { killServerProcesses, startServerProcess } from './server-process.js';
import { runCli, type CliResult } from './support/cli.js';

const root = new URL('..', import.meta.url).pathname;
const folder = temporaryFolder();
// The backup commands this file runs; the servers are tracked by server-process.ts.
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  killServerProcesses();
  folder.remove();
});

/** A migrated and seeded database file with a write key, closed again. */
function seededFile(path: string): { key: string } {
  const db = openDatabase({ path });
  seedDatabase(db);
  const key = createApiKey(db, { name: 'backup writer', scopes: ['write'] }).key;
  db.$client.close();
  return { key };
}

/** Runs the backup command to the end without blocking the event loop (the writers keep going meanwhile). */
function backupInBackground(databasePath: string, target: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'db:backup', '--', target], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, output }));
  });
}

/** `npm run db:backup -- …args`, called in process. */
function backup(args: string[], env: Record<string, string>): Promise<CliResult> {
  return runCli(backupCli, args, env);
}

const createGpuModel = `mutation ($input: CreateGpuModelInput!) { createGpuModel(input: $input) {
  __typename ... on CreateGpuModelPayload { gpuModel { slug } } ... on Error { code message } } }`;

const seededGpuTotal = `SELECT sum(a.quantity) AS total FROM allocations a JOIN programs p ON p.id = a.program_id WHERE p.slug = 'korea-2025'`;

/** Every table, index and trigger definition, to tell whether opening the copy migrated anything. */
const schemaOf = (db: Database.Database) => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();

describe('npm run db:backup while the service is writing', () => {
  const databasePath = join(folder.path, 'live', 'service.db');
  const backupFolder = join(folder.path, 'backups');
  const copyPath = join(backupFolder, 'service-copy.db');

  it('copies a consistent standalone database that passes integrity_check and holds every write acknowledged before it started', async () => {
    const { key } = seededFile(databasePath);
    const server = await startServerProcess(databasePath);

    const acknowledged: string[] = [];
    const unexpected: string[] = [];
    let stop = false;
    const deadline = Date.now() + 25_000;
    const writer = async (loop: number) => {
      for (let n = 0; n < 1_000 && !stop && Date.now() < deadline; n += 1) {
        const slug = `backup-${loop}-${n}`;
        try {
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({
              query: createGpuModel,
              variables: { input: { slug, name: `Backup GPU ${slug}`, architecture: 'Blackwell', vendor: 'NVIDIA' } },
            }),
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await response.json()) as { data?: { createGpuModel?: { __typename: string } } };
          if (response.status !== 200 || body.data?.createGpuModel?.__typename !== 'CreateGpuModelPayload') {
            unexpected.push(`${slug}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
            return;
          }
          acknowledged.push(slug);
        } catch (error) {
          unexpected.push(`${slug}: ${String(error)}`);
          return;
        }
      }
    };
    const writers = [writer(0), writer(1)];
    try {
      while (acknowledged.length < 30 && unexpected.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const acknowledgedBefore = [...acknowledged];
      const result = await backupInBackground(databasePath, copyPath);
      const acknowledgedDuring = acknowledged.length - acknowledgedBefore.length;
      stop = true;
      await Promise.all(writers);

      console.log(`backup: ${acknowledgedBefore.length} writes acknowledged before it started, ${acknowledgedDuring} while it ran`);
      expect(unexpected, server.output()).toEqual([]);
      expect(result.status, result.output).toBe(0);
      expect(result.output).toMatch(/^backed up .+ to .+service-copy\.db: \d+ pages of \d+ bytes, .+ in \d+ ms; integrity_check ok$/m);
      expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(30);
      // The service kept committing while the backup ran, so the copy was taken under writes.
      expect(acknowledgedDuring).toBeGreaterThan(0);

      // One file: no -wal or -shm to carry along, no temporary file left behind.
      expect(readdirSync(backupFolder)).toEqual(['service-copy.db']);
      // File format bytes 18–19 are 1 for a rollback journal, 2 for WAL.
      expect([...readFileSync(copyPath).subarray(18, 20)]).toEqual([1, 1]);

      const copy = new Database(copyPath, { readonly: true, fileMustExist: true });
      let schemaBefore: unknown[];
      let migrationsBefore: unknown;
      try {
        expect(copy.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(copy.pragma('foreign_key_check')).toEqual([]);
        expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
        expect(copy.prepare(seededGpuTotal).get()).toEqual({ total: 260_000 });
        const copied = new Set(copy.prepare("SELECT slug FROM gpu_models WHERE slug LIKE 'backup-%'").pluck().all() as string[]);
        expect(acknowledgedBefore.filter((slug) => !copied.has(slug))).toEqual([]);
        // A snapshot of whole transactions: each copied row has its audit entry and no entry lacks its row.
        const audited = copy
          .prepare(
            `SELECT json_extract("after", '$.slug') FROM audit_events WHERE entity_type = 'GpuModel' AND json_extract("after", '$.slug') LIKE 'backup-%'`,
          )
          .pluck()
          .all() as string[];
        expect(new Set(audited)).toEqual(copied);
        schemaBefore = schemaOf(copy);
        migrationsBefore = copy.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
      } finally {
        copy.close();
      }

      // The service's own open finds nothing to migrate in the copy.
      const reopened = openDatabase({ path: copyPath });
      try {
        expect(schemaOf(reopened.$client)).toEqual(schemaBefore);
        expect(reopened.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual(migrationsBefore);
      } finally {
        reopened.$client.close();
      }
    } finally {
      stop = true;
      await Promise.allSettled(writers);
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('npm run db:backup refusals', () => {
  const good = join(folder.path, 'refusals', 'good.db');
  beforeAll(() => {
    seededFile(good);
  });

  it('exits 2 with the usage text for a missing or extra argument and for an unknown option', async () => {
    for (const args of [[], ['a.db', 'b.db'], ['--frob', 'a.db']]) {
      const result = await backup(args, { DATABASE_PATH: good });
      expect(result.status, `${args.join(' ')}: ${result.output}`).toBe(2);
      expect(result.output).toContain('usage: npm run db:backup -- <file>');
    }
  });

  it('exits 1 when DATABASE_PATH names no file, and creates nothing', async () => {
    const missing = join(folder.path, 'refusals', 'missing', 'nothing.db');
    const target = join(folder.path, 'refusals', 'from-missing.db');
    const result = await backup([target], { DATABASE_PATH: missing });
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(target)).toBe(false);
  });

  it('exits 1 for DATABASE_PATH=:memory:, which has no file to copy', async () => {
    const result = await backup([join(folder.path, 'refusals', 'memory.db')], { DATABASE_PATH: ':memory:' });
    expect(result.status, result.output).toBe(1);
    expect(result.output).toMatch(/:memory:.*no file to back up/);
  });

  it('refuses to write over the database it copies', async () => {
    const result = await backup([good], { DATABASE_PATH: good });
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain('is the database itself');
  });

  it('leaves the previous backup in place when the copy fails integrity_check', async () => {
    const damaged = join(folder.path, 'refusals', 'damaged.db');
    const target = join(folder.path, 'refusals', 'kept', 'backup.db');
    copyFileSync(good, damaged);
    const first = await backup([target], { DATABASE_PATH: damaged });
    expect(first.status, first.output).toBe(0);
    const previous = readFileSync(target);

    damageNameIndex(damaged);
    const second = await backup([target], { DATABASE_PATH: damaged });
    expect(second.status, second.output).toBe(1);
    expect(second.output).toContain('integrity_check of the copy failed');
    expect(second.output).toContain('missing from index partners_name_idx');
    expect(readFileSync(target).equals(previous)).toBe(true);
    expect(readdirSync(join(folder.path, 'refusals', 'kept'))).toEqual(['backup.db']);
  });
});

/**
 * Changes one byte of a partner name inside `partners_name_idx`, so the index no longer matches its
 * table: the file still opens, but integrity_check reports the row missing from the index.
 */
function damageNameIndex(path: string): void {
  const db = new Database(path);
  const rootPage = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'partners_name_idx'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const name = db.prepare('SELECT name FROM partners ORDER BY name LIMIT 1').pluck().get() as string;
  db.pragma('journal_mode = DELETE');
  db.close();
  const page = Buffer.alloc(pageSize);
  const descriptor = openSync(path, 'r+');
  try {
    readSync(descriptor, page, 0, pageSize, (rootPage - 1) * pageSize);
    const at = page.indexOf(Buffer.from(name, 'utf8'));
    expect(at, `"${name}" in page ${rootPage}`).toBeGreaterThan(0);
    page[at] = page[at]! + 1;
    writeSync(descriptor, page, 0, pageSize, (rootPage - 1) * pageSize);
  } finally {
    closeSync(descriptor);
  }
}
