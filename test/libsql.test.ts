// The libSQL engine against a real sqld primary: instances on their own embedded replicas share
// the schema, the migrations and the rollup triggers of the better-sqlite3 engine; a write on one
// is read back at once there and reaches the other once it catches up to the writer's position;
// a database with a migration the code does not know is refused; with the primary stopped reads
// keep being served and say how stale they are, writes fail with UNAVAILABLE, and all recovers.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import type { LibsqlConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { appliedMigrationNames, localMigrationNames, MigrationMismatchError } from '../src/db/migrations.js';
import { rollupDifferences } from '../src/db/rollups.js';
import { readiness } from '../src/server/http.js';
import { createGraphQLServer } from '../src/server/yoga.js';
import { temporaryFolder } from './helpers.js';
import { type SqldServer, sqldExecutable, startSqld } from './support/sqld.js';

const sqld = sqldExecutable();
if (!sqld.path) console.warn(`skipping the libSQL engine tests: ${sqld.reason}`);

const folder = temporaryFolder();
let primary: SqldServer;
let a: App;
let b: App;
let writeKey: string;

const replica = (name: string, syncIntervalMs = 0): LibsqlConfig => ({
  url: primary.url,
  authToken: undefined,
  replicaPath: join(folder.path, `${name}.db`),
  syncIntervalMs,
});

/** Posts to an instance; with the writer's key (created on `a`) unless `anonymous`. */
async function post(app: App, query: string, variables: Record<string, unknown> = {}, anonymous = false) {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(anonymous ? {} : { authorization: `Bearer ${writeKey}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: any },
  };
}

async function koreaTotal(app: App): Promise<number> {
  const { body } = await post(app, '{ program(slug: "korea-2025") { gpuTotal { quantity } } }', {}, true);
  if (!body.data) throw new Error(JSON.stringify(body));
  return body.data.program.gpuTotal.quantity;
}

async function createAllocation(app: App, quantity: number) {
  const ids = (await post(app, '{ program(slug: "korea-2025") { id } partners(first: 1) { edges { node { id } } } }')).body.data;
  return post(
    app,
    `mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename ... on Error { code message } } }`,
    {
      input: {
        programId: ids.program.id,
        partnerId: ids.partners.edges[0].node.id,
        quantity,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-01-01',
      },
    },
  );
}

describe.skipIf(!sqld.path)('the libSQL engine', () => {
  beforeAll(async () => {
    primary = await startSqld();
    // Response caching off: this file is about the data each instance reads, not its cache
    // (the other instance's cache is invalidated by the event bus, not here).
    a = createApp({
      databasePath: ':memory:',
      seedOnStart: true,
      graphiql: false,
      logging: false,
      responseCache: false,
      libsql: replica('a'),
    });
    b = createApp({
      databasePath: ':memory:',
      seedOnStart: true,
      graphiql: false,
      logging: false,
      responseCache: false,
      libsql: replica('b'),
    });
    writeKey = createApiKey(a.db, { name: 'writer', scopes: ['write'] }).key;
  }, 60_000);
  afterAll(async () => {
    a?.close();
    b?.close();
    await primary?.close();
    folder.remove();
  });

  it('migrates the primary once with the same migrations, and seeds it once', () => {
    expect(appliedMigrationNames(a.db.$client)).toEqual(localMigrationNames(join(import.meta.dirname, '../drizzle')));
    // b opened after a: it found everything applied and the dataset loaded.
    expect(appliedMigrationNames(b.db.$client)).toEqual(appliedMigrationNames(a.db.$client));
    const loads = b.db.$client.prepare('SELECT dataset, count(*) AS n FROM dataset_loads GROUP BY dataset').all() as { n: number }[];
    expect(loads.length).toBeGreaterThan(0);
    for (const load of loads) expect(load.n).toBe(1);
    const triggers = (db: App['db']) =>
      (db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map(
        (row) => row.name,
      );
    const local = openDatabase({ path: ':memory:' });
    expect(triggers(a.db)).toEqual(triggers(local));
    expect(triggers(a.db).length).toBeGreaterThan(0);
    local.$client.close();
  });

  it('runs the rollup triggers on the primary: totals after the seed are exact on every replica', () => {
    for (const app of [a, b])
      for (const [table, n] of Object.entries(rollupDifferences(app.db.$client))) expect([table, n]).toEqual([table, 0]);
  });

  it('reads its own write at once; another instance has it once it catches up to the writer’s position', async () => {
    const before = await koreaTotal(a);
    expect(await koreaTotal(b)).toBe(before);
    const created = await createAllocation(a, 1234);
    expect(created.body.data.createAllocation.__typename).toBe('CreateAllocationPayload');
    // The trigger ran on the primary in the write's transaction; a's replica has it already.
    expect(await koreaTotal(a)).toBe(before + 1234);
    const position = a.db.$replication.currentPosition();
    expect(position).toBeGreaterThan(0);
    // b syncs only when asked (interval 0), so until then it has not seen the write.
    expect(await koreaTotal(b)).toBe(before);
    await b.db.$replication.catchUp(position);
    expect(b.db.$replication.currentPosition()).toBeGreaterThanOrEqual(position);
    expect(await koreaTotal(b)).toBe(before + 1234);
  });

  it('answers a case-insensitive search (from the folded columns, as better-sqlite3 does)', async () => {
    const query = '{ partners(first: 50, filter: { search: "SAMSUNG" }) { edges { node { name } } } }';
    const { body } = await post(b, query, {}, true);
    expect(body.errors).toBeUndefined();
    const names = body.data.partners.edges.map((edge: { node: { name: string } }) => edge.node.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain('samsung');
  });

  it('db:backup copies the primary into one checked standalone file', async () => {
    const total = await koreaTotal(a);
    const target = join(folder.path, 'backup', 'afg.db');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', target], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DATABASE_URL: primary.url, REPLICA_PATH: join(folder.path, 'unused.db'), RUST_LOG: 'off' },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`backed up ${primary.url}`);
    const copy = openDatabase({ path: target, migrate: false });
    try {
      const server = createGraphQLServer({ db: copy, graphiql: false, logging: false }).yoga;
      const response = await server.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ program(slug: "korea-2025") { gpuTotal { quantity } } }' }),
      });
      expect(((await response.json()) as { data: { program: { gpuTotal: { quantity: number } } } }).data.program.gpuTotal.quantity).toBe(
        total,
      );
    } finally {
      copy.$client.close();
    }
    expect(readdirSync(join(folder.path, 'backup'))).toEqual(['afg.db']);
  }, 60_000);

  it('refuses a database with a migration this code does not know, naming it', () => {
    a.db.$client
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at, name, applied_at) VALUES (?, ?, ?, ?)')
      .run('x', 0, '29990101000000_from_a_newer_release', new Date().toISOString());
    try {
      expect(() => openDatabase({ path: ':memory:', libsql: replica('c') })).toThrow(MigrationMismatchError);
      expect(() => openDatabase({ path: ':memory:', libsql: replica('d') })).toThrow(/does not know: 29990101000000_from_a_newer_release/);
    } finally {
      a.db.$client.prepare('DELETE FROM __drizzle_migrations WHERE name = ?').run('29990101000000_from_a_newer_release');
    }
  });

  it('with the primary stopped: reads are served and say how stale, writes fail with UNAVAILABLE, then all recovers', async () => {
    const before = await koreaTotal(a);
    await primary.stop();
    try {
      // One missed health check is not yet an outage; three in a row are.
      await a.db.$replication.refresh();
      await a.db.$replication.refresh();
      expect(a.db.$replication.status().primaryReachable).toBe(true);
      await a.db.$replication.refresh();
      expect(a.db.$replication.status().primaryReachable).toBe(false);
      const read = await post(a, '{ program(slug: "korea-2025") { gpuTotal { quantity } } }');
      expect(read.status).toBe(200);
      expect(read.body.data.program.gpuTotal.quantity).toBe(before);
      expect(read.body.extensions.replica).toMatchObject({ primaryReachable: false });
      expect(read.body.extensions.replica.stalenessMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(read.body.extensions.replica.lastSyncAt)).not.toBeNaN();
      const ready = readiness(a.db);
      expect(ready).toMatchObject({ ready: true, replica: { primaryReachable: false } });
      // One report of freshness, in one key order, on /ready and in the response extension.
      expect(Object.keys(read.body.extensions.replica)).toEqual(['primaryReachable', 'lastSyncAt', 'stalenessMs', 'position']);
      expect(Object.keys(ready.replica!)).toEqual(Object.keys(read.body.extensions.replica));
      expect(read.body.extensions.replica.position).toBe(ready.replica!.position);

      const write = await createAllocation(a, 5);
      expect(write.status).toBe(200);
      expect(write.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
      expect(write.body.errors?.[0]?.message).not.toMatch(/SQL|WriteDelegation|tcp|\//);
    } finally {
      await primary.start();
    }
    await a.db.$replication.refresh();
    expect(a.db.$replication.status().primaryReachable).toBe(true);
    const write = await createAllocation(a, 7);
    expect(write.body.data.createAllocation.__typename).toBe('CreateAllocationPayload');
    expect(await koreaTotal(a)).toBe(before + 7);
    await b.db.$replication.refresh();
    await b.db.$replication.catchUp(a.db.$replication.currentPosition());
    expect(await koreaTotal(b)).toBe(before + 7);
  }, 60_000);

  it('a write that reaches a primary which just went away fails with UNAVAILABLE, not a 500', async () => {
    await primary.stop();
    try {
      // Not yet noticed by the health check: the write is tried and libsql's failure is mapped.
      expect(a.db.$replication.writable()).toBe(true);
      const write = await createAllocation(a, 3);
      expect(write.status).toBe(200);
      expect(write.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    } finally {
      await primary.start();
    }
    await a.db.$replication.refresh();
    await b.db.$replication.refresh();
  }, 60_000);
});
