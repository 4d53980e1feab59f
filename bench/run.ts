// `npm run bench [-- --quick] [--allocations N] [--partners N] [--duration S] [--connections N]
//   [--cached] [--workers] [--scaling] [--out FILE] [--database FILE]`
//
// Starts the service as users run it (NODE_ENV=production, its own process) and the floor server
// (bench/floor-server.ts) on 127.0.0.1 over the same SQLite file, checks that both answer every
// operation with the same bytes, drives each with autocannon from this process, counts the
// service's SQL statements per request in a separate LOG_SQL run, and writes bench/RESULTS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { generateSyntheticData, type SyntheticOptions } from '../src/db/synthetic.js';
import { benchContext, operations, requestBody, type BenchContext, type Operation } from './operations.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    allocations: { type: 'string' },
    partners: { type: 'string' },
    programs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '20' },
    cached: { type: 'boolean', default: false },
    workers: { type: 'boolean', default: false },
    scaling: { type: 'boolean', default: false },
    out: { type: 'string' },
    database: { type: 'string' },
    'data-dir': { type: 'string' },
  },
  strict: true,
});

const quick = flags.quick ?? false;
const seed = Number(flags.seed);
const allocations = Number(flags.allocations ?? (quick ? 2_000 : 100_000));
const partnersCount = Number(flags.partners ?? (quick ? 100 : 1_000));
const programsCount = Number(flags.programs ?? 5);
const duration = Number(flags.duration ?? (quick ? 1 : 10));
const connections = Number(flags.connections);
const outPath = resolve(root, flags.out ?? 'bench/RESULTS.md');
const dataDir = resolve(root, flags['data-dir'] ?? 'data/bench');

// ---------------------------------------------------------------------------------------------
// Child processes: every one is tracked and killed at the end, also on failure or Ctrl-C.

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

async function startServer(name: string, args: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = /serving http:\/\/[^:/]+:(\d+)\/graphql/.exec(output);
    if (match) return { name, child, url: `http://127.0.0.1:${match[1]}/graphql`, output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
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
  return startServer('service', ['src/main.ts'], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    NODE_ENV: 'production',
    SEED_ON_START: 'false',
    LOG_REQUESTS: 'false',
    RESPONSE_CACHE: 'false',
    LOG_SQL: 'false',
    ...extra,
  });
}

function startFloor(databasePath: string): Promise<Server> {
  return startServer('floor', ['bench/floor-server.ts', databasePath, '0'], {});
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

// ---------------------------------------------------------------------------------------------
// The database: generated once per seed and size under data/bench/ (ignored by git), then reused.

function ensureDatabase(options: Partial<SyntheticOptions>): string {
  if (flags.database) return resolve(root, flags.database);
  const name = `synthetic-s${options.seed}-a${options.allocations}-p${options.partners}-g${options.programs}.db`;
  const path = join(dataDir, name);
  if (existsSync(path)) return path;
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
function firstDifference(a: string, b: string): string {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  const show = (text: string) => JSON.stringify(text.slice(Math.max(0, index - 60), index + 60));
  return `at byte ${index}: service ${show(a)} vs floor ${show(b)}`;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

async function drive(url: string, body: string, seconds: number, clients = connections): Promise<Load> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: clients,
    duration: seconds,
    timeout: 30,
  });
  return {
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** A short untimed run first, so JIT warm-up and SQLite's page cache do not count. */
async function measure(url: string, body: string, clients = connections, seconds = duration): Promise<Load> {
  await drive(url, body, quick ? 0.3 : Math.min(3, Math.max(1, seconds / 3)), clients);
  return drive(url, body, seconds, clients);
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
      const lines = service.output().slice(before).split('\n').filter((line) => line.startsWith('Query: '));
      counts.set(operation.name, lines.length / repeats);
    }
  } finally {
    await stopServer(service);
  }
  return counts;
}

interface Row {
  operation: Operation;
  service: Load;
  floor: Load;
  cached?: Load;
  /** The service with WORKERS=2 (node:cluster), cache off. */
  twoWorkers?: Load;
  statements: number | undefined;
  serviceRss: number | null;
  floorRss: number | null;
  equivalent: boolean;
  difference?: string;
  responseBytes: number;
}

async function compareAnswers(service: Server, floor: Server, context: BenchContext) {
  const answers = new Map<string, { equivalent: boolean; difference?: string; bytes: number }>();
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
    });
  }
  return answers;
}

async function benchmark(
  databasePath: string,
  context: BenchContext,
  selected: Operation[],
  clients = connections,
  seconds = duration,
): Promise<Row[]> {
  const rows: Row[] = [];
  const service = await startService(databasePath);
  const floor = await startFloor(databasePath);
  try {
    const answers = await compareAnswers(service, floor, context);
    for (const operation of selected) {
      const body = requestBody(operation, context);
      const answer = answers.get(operation.name)!;
      if (!answer.equivalent) console.error(`! ${operation.name}: answers differ ${answer.difference}`);
      const serviceLoad = await measure(service.url, body, clients, seconds);
      const floorLoad = await measure(floor.url, body, clients, seconds);
      rows.push({
        operation,
        service: serviceLoad,
        floor: floorLoad,
        statements: undefined,
        serviceRss: peakRssMb(service.child),
        floorRss: peakRssMb(floor.child),
        equivalent: answer.equivalent,
        ...(answer.difference ? { difference: answer.difference } : {}),
        responseBytes: answer.bytes,
      });
      console.error(
        `${operation.name}: service ${measured(serviceLoad.requestsPerSecond)} req/s, floor ${measured(floorLoad.requestsPerSecond)} req/s`,
      );
    }
  } finally {
    await stopServer(service);
    await stopServer(floor);
  }
  return rows;
}

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
  // The first worker's address line arrives before the second listens; give it time.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  try {
    for (const row of rows) row.twoWorkers = await measure(service.url, requestBody(row.operation, context));
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

function resultsTable(rows: Row[]): string {
  const cached = rows.some((row) => row.cached);
  const workers = rows.some((row) => row.twoWorkers);
  const header = [
    'operation',
    'req/s service',
    ...(cached ? ['req/s service (cache on)'] : []),
    ...(workers ? ['req/s service (2 workers)', '2 workers / 1'] : []),
    'req/s floor',
    'service / floor',
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
      `${milliseconds(row.service.p50)} / ${milliseconds(row.floor.p50)}`,
      `${milliseconds(row.service.p99)} / ${milliseconds(row.floor.p99)}`,
      row.statements === undefined ? '?' : number(row.statements, row.statements % 1 === 0 ? 0 : 1),
      `${row.serviceRss ?? '?'} / ${row.floorRss ?? '?'}`,
      number(row.responseBytes),
      row.equivalent ? 'yes' : 'NO',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
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

async function main(): Promise<void> {
  const started = Date.now();
  const options = { seed, allocations, partners: partnersCount, programs: programsCount, initiatives: 40, investments: 100 };
  const databasePath = ensureDatabase(options);
  const context = benchContext(databasePath);

  const rows = await benchmark(databasePath, context, operations);
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
    `- Load: autocannon from the bench process, ${connections} connections, ${duration} s per operation after a warm-up, POST /graphql on 127.0.0.1. The load generator shares the machine's cores with the server under test.`,
    '- Service: `node --import tsx src/main.ts` with NODE_ENV=production, RESPONSE_CACHE=false, LOG_REQUESTS=false, SEED_ON_START=false' +
      (flags.cached ? '; the "cache on" column is a second run with RESPONSE_CACHE=true (steady-state hits)' : '') +
      (flags.workers ? '; the "2 workers" column is a run with WORKERS=2 (node:cluster, cache off).' : '.'),
    '- Floor: `bench/floor-server.ts`, node:http + better-sqlite3 prepared statements + JSON.stringify, answering the same request bodies; "same bytes" says whether its response equals the service\'s byte for byte (checked before measuring).',
    '- SQL statements per request: counted from a separate service run with LOG_SQL=true. Peak RSS: VmHWM of each server process after the operation\'s run (cumulative over the run).',
    '',
    resultsTable(rows),
    '',
    ...(differences.length > 0
      ? ['## Differences between service and floor', '', ...differences.map((row) => `- ${row.operation.name}: ${row.difference}`), '']
      : []),
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
    ...operations.flatMap((operation) => [`### ${operation.name}`, '', '```graphql', operation.query, '```', '']),
    `Total bench time: ${number((Date.now() - started) / 1000, 1)} s.`,
    '',
  ].join('\n');
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, report);
  console.log(resultsTable(rows));
  if (scaling.length > 0) console.log(`\n${scalingTable(scaling)}`);
  console.log(`\nwrote ${relative(root, outPath) || outPath}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
