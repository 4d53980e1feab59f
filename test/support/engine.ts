// Which engine the API tests run on: better-sqlite3 in memory (the default), or, with
// TEST_ENGINE=libsql, a real sqld primary per database read through an embedded replica. The
// test helpers open databases synchronously, so sqld is started and awaited synchronously here;
// each fresh database is a copy of a template folder migrated (and seeded) once per test file,
// so a test pays sqld's start-up, not the seed's hundreds of round trips to the primary.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibsqlConfig } from '../../src/config.js';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { seedDatabase } from '../../src/db/seed/index.js';
import { sqldExecutable } from './sqld.js';

export const testEngine: 'sqlite' | 'libsql' = process.env.TEST_ENGINE === 'libsql' ? 'libsql' : 'sqlite';

const scratch = testEngine === 'libsql' ? mkdtempSync(join(tmpdir(), 'afg-engine-')) : '';
const running = new Set<number>();

/** Writes what this worker started where test/support/sqld-reaper.ts finds it after the run. */
function register(name: string, entry: { pid?: number; scratch?: string }): void {
  const registry = process.env.AFG_SQLD_REGISTRY;
  if (registry) writeFileSync(join(registry, name), JSON.stringify(entry));
}
function unregister(name: string): void {
  const registry = process.env.AFG_SQLD_REGISTRY;
  if (registry) rmSync(join(registry, name), { force: true });
}
if (scratch) register(`scratch-${process.pid}-${scratch.split('-').pop()}`, { scratch });

process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Two free loopback ports, asked of the kernel by a short child process (this API is synchronous). */
function freePortsSync(): [number, number] {
  const script = `const n=require('node:net');const a=n.createServer().listen(0,'127.0.0.1',()=>{const b=n.createServer().listen(0,'127.0.0.1',()=>{console.log(a.address().port,b.address().port);a.close();b.close();});});`;
  const [http, grpc] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
  return [http!, grpc!];
}

/** Starts sqld on `folder` and waits (synchronously) until it answers; returns its URL and pid. */
function startSqldSync(folder: string): { url: string; pid: number } {
  const binary = sqldExecutable();
  if (!binary.path) throw new Error(`TEST_ENGINE=libsql needs sqld: ${binary.reason}`);
  const [http, grpc] = freePortsSync();
  const child = spawn(
    binary.path,
    [
      '--db-path',
      join(folder, 'data.sqld'),
      '--http-listen-addr',
      `127.0.0.1:${http}`,
      '--grpc-listen-addr',
      `127.0.0.1:${grpc}`,
      '--no-welcome',
    ],
    { cwd: folder, stdio: 'ignore', env: { ...process.env, RUST_LOG: 'off' } },
  );
  child.unref();
  running.add(child.pid!);
  register(`sqld-${child.pid}`, { pid: child.pid! });
  const url = `http://127.0.0.1:${http}`;
  const probe = `fetch(${JSON.stringify(`${url}/health`)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore' });
      return { url, pid: child.pid! };
    } catch {
      pause(50);
    }
  }
  throw new Error(`sqld did not answer on ${url}`);
}

function stopSync(pid: number): void {
  process.kill(pid, 'SIGTERM');
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      process.kill(pid, 0);
      pause(25);
    } catch {
      running.delete(pid);
      unregister(`sqld-${pid}`);
      return;
    }
  }
  process.kill(pid, 'SIGKILL');
  running.delete(pid);
  unregister(`sqld-${pid}`);
}

let counter = 0;
const templates = new Map<boolean, string>();

/** A sqld data folder with the migrations (and the seed) applied, made once per test file. */
function template(seeded: boolean): string {
  let folder = templates.get(seeded);
  if (folder) return folder;
  folder = join(scratch, `template-${seeded ? 'seeded' : 'empty'}`);
  const server = startSqldSync(mkdirp(folder));
  const db = openDatabase({
    path: ':memory:',
    libsql: { url: server.url, authToken: undefined, replicaPath: join(scratch, `template-${seeded}.db`), syncIntervalMs: 0 },
  });
  // Korea's dataset, as seededDatabase() loads it; a test wanting the world adds the rest.
  if (seeded) seedDatabase(db, { only: ['korea-2025'] });
  closeDatabase(db);
  stopSync(server.pid);
  templates.set(seeded, folder);
  return folder;
}

function mkdirp(folder: string): string {
  mkdirSync(folder, { recursive: true });
  return folder;
}

/**
 * Options that put a new database on the test engine: nothing for better-sqlite3 (the caller's
 * `:memory:` stands), a fresh sqld primary (from the template) and replica file for libSQL.
 */
export function engineOptions(options: { seeded: boolean }): { libsql?: LibsqlConfig } {
  if (testEngine === 'sqlite') return {};
  const folder = join(scratch, `db-${++counter}`);
  cpSync(template(options.seeded), folder, { recursive: true });
  const server = startSqldSync(folder);
  return { libsql: { url: server.url, authToken: undefined, replicaPath: join(scratch, `replica-${counter}.db`), syncIntervalMs: 0 } };
}
