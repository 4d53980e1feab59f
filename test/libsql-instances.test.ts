// N instances of the real service (`src/main.ts` processes) on one real sqld primary, each on its
// own port and embedded replica file: started together they migrate and seed the primary once;
// killed under load, the others keep answering and no acknowledged write is lost; with the
// primary stopped they serve reads, say how stale, refuse writes with UNAVAILABLE, and recover;
// one started on an empty replica file has caught up before it answers.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { localMigrationNames } from '../src/db/migrations.js';
import { temporaryFolder } from './helpers.js';
import { killServerProcesses, type ServerProcess, startServerProcess } from './server-process.js';
import { type SqldServer, sqldExecutable, startSqld } from './support/sqld.js';

const sqld = sqldExecutable();
if (!sqld.path) console.warn(`skipping the libSQL instance tests: ${sqld.reason}`);

const folder = temporaryFolder();
let primary: SqldServer;
let instances: ServerProcess[] = [];
let writeKey: string;

function start(name: string): Promise<ServerProcess> {
  return startServerProcess(join(folder.path, 'unused.db'), {
    DATABASE_URL: primary.url,
    REPLICA_PATH: join(folder.path, `${name}.db`),
    REPLICA_SYNC_MS: '100',
    RESPONSE_CACHE: 'false',
    RUST_LOG: 'off',
  });
}

/** One statement on the primary over sqld's HTTP API (not through any instance). */
async function onPrimary(sql: string): Promise<unknown[][]> {
  const response = await fetch(`${primary.url}/v2/pipeline`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requests: [{ type: 'execute', stmt: { sql } }, { type: 'close' }] }),
  });
  const body = (await response.json()) as { results: { response: { result: { rows: { value: unknown }[][] } } }[] };
  return body.results[0]!.response.result.rows.map((row) => row.map((cell) => cell.value));
}

async function graphql(instance: ServerProcess, query: string, variables: Record<string, unknown> = {}, key?: string) {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[]; extensions?: any },
  };
}

let refs: { programId: string; partnerId: string };
const create = (instance: ServerProcess, quantity: number) =>
  graphql(
    instance,
    'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename ... on CreateAllocationPayload { allocation { quantity } } } }',
    { input: { ...refs, quantity, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-01-01' } },
    writeKey,
  );

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(!sqld.path)('instances on one libSQL primary', () => {
  beforeAll(async () => {
    primary = await startSqld();
    // Three at once on a new database: each tries to migrate and seed it.
    instances = await Promise.all(['one', 'two', 'three'].map(start));
    // The writer's key, made through a replica of this test's own; every instance has it once synced.
    const db = openDatabase({
      path: ':memory:',
      libsql: { url: primary.url, authToken: undefined, replicaPath: join(folder.path, 'key.db'), syncIntervalMs: 0 },
    });
    writeKey = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
    closeDatabase(db);
    const ids = (await graphql(instances[0]!, '{ program(slug: "korea-2025") { id } partners(first: 1) { edges { node { id } } } }')).body
      .data;
    refs = { programId: ids.program.id, partnerId: ids.partners.edges[0].node.id };
    await until(
      async () => (await create(instances[0]!, 1)).body.data?.createAllocation?.__typename === 'CreateAllocationPayload',
      'the key to reach the replicas',
    );
  }, 120_000);
  afterAll(async () => {
    killServerProcesses();
    await primary?.close();
    folder.remove();
  });

  it('started together, they applied each migration once and loaded each dataset once', async () => {
    const applied = (await onPrimary('SELECT name FROM __drizzle_migrations ORDER BY id')).map((row) => row[0]);
    expect(applied).toEqual(localMigrationNames(join(import.meta.dirname, '../drizzle')));
    const loads = await onPrimary('SELECT dataset, count(*) FROM dataset_loads GROUP BY dataset');
    expect(loads.length).toBeGreaterThan(0);
    for (const [, n] of loads) expect(String(n)).toBe('1');
    for (const instance of instances) {
      const ready = await fetch(`${instance.url}/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { replica: { primaryReachable: boolean } }).replica.primaryReachable).toBe(true);
    }
  });

  it('an instance whose code lacks a migration the database has refuses to serve, naming it', async () => {
    await onPrimary(
      "INSERT INTO __drizzle_migrations (hash, created_at, name, applied_at) VALUES ('x', 0, '29990101000000_from_a_newer_release', '2999-01-01')",
    );
    try {
      await expect(start('refused')).rejects.toThrow(/does not know: 29990101000000_from_a_newer_release/);
    } finally {
      await onPrimary("DELETE FROM __drizzle_migrations WHERE name = '29990101000000_from_a_newer_release'");
    }
  }, 60_000);

  it('killed under load: the others keep answering and no acknowledged write is lost', async () => {
    const [one, two, three] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const acknowledged: number[] = [];
    const failures: string[] = [];
    let stop = false;
    const writer = async (instance: ServerProcess, base: number) => {
      for (let i = 0; !stop; i++) {
        const quantity = base + i;
        const result = await create(instance, quantity);
        if (result.body.data?.createAllocation?.__typename === 'CreateAllocationPayload') acknowledged.push(quantity);
        else failures.push(JSON.stringify(result.body));
      }
    };
    const reader = async (instance: ServerProcess) => {
      while (!stop) {
        const result = await graphql(instance, '{ programs(first: 5) { totalCount } }');
        if (result.status !== 200 || result.body.errors) failures.push(JSON.stringify(result.body));
      }
    };
    // The doomed instance takes writes too: what it acknowledged before dying must survive.
    const threeAcknowledged: number[] = [];
    const threeWriter = (async () => {
      for (let i = 0; i < 1000; i++) {
        try {
          const result = await create(three, 3_000_000 + i);
          if (result.body.data?.createAllocation?.__typename === 'CreateAllocationPayload') threeAcknowledged.push(3_000_000 + i);
        } catch {
          return; // its connection died with it
        }
      }
    })();
    const load = Promise.all([writer(one, 1_000_000), writer(two, 2_000_000), reader(one), reader(two)]);
    await until(async () => threeAcknowledged.length >= 5 && acknowledged.length >= 10, 'writes under load', 60_000);
    three.child.kill('SIGKILL');
    await three.exited;
    const afterKill = acknowledged.length;
    await until(async () => acknowledged.length >= afterKill + 10, 'writes after the kill', 60_000);
    stop = true;
    await load;
    await threeWriter;
    expect(failures).toEqual([]);
    const stored = new Set((await onPrimary('SELECT quantity FROM allocations WHERE quantity >= 1000000')).map((row) => Number(row[0])));
    for (const quantity of [...acknowledged, ...threeAcknowledged]) expect(stored.has(quantity), `allocation ${quantity}`).toBe(true);
  }, 180_000);

  it('a new instance on an empty replica file has caught up before it answers', async () => {
    const expected = Number((await onPrimary('SELECT count(*) FROM allocations'))[0]![0]);
    const fresh = await start('fresh');
    instances.push(fresh);
    const { body } = await graphql(fresh, '{ allocations(first: 1) { totalCount } }');
    expect(body.data.allocations.totalCount).toBe(expected);
  }, 60_000);

  it('with the primary stopped: reads served with their staleness, writes UNAVAILABLE, then recovery', async () => {
    const [one, two] = instances as [ServerProcess, ServerProcess];
    const readyOf = async (instance: ServerProcess) =>
      (await (await fetch(`${instance.url}/ready`)).json()) as {
        status: string;
        replica: { primaryReachable: boolean; stalenessMs: number };
      };
    await primary.stop();
    try {
      await until(async () => (await readyOf(one)).replica.primaryReachable === false, 'instance one to notice');
      const ready = await readyOf(one);
      expect(ready.status).toBe('ready');
      const read = await graphql(one, '{ programs(first: 5) { totalCount } }');
      expect(read.status).toBe(200);
      expect(read.body.data.programs.totalCount).toBeGreaterThan(0);
      expect(read.body.extensions.replica.primaryReachable).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await graphql(one, '{ programs(first: 1) { totalCount } }')).body.extensions.replica.stalenessMs).toBeGreaterThan(200);
      const write = await create(one, 42);
      expect(write.status).toBe(200);
      expect(write.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    } finally {
      await primary.start();
    }
    await until(async () => (await readyOf(one)).replica.primaryReachable && (await readyOf(two)).replica.primaryReachable, 'recovery');
    const write = await create(one, 4_000_000);
    expect(write.body.data.createAllocation.__typename).toBe('CreateAllocationPayload');
    // Within the sync interval (100 ms here), generously bounded: the other instance sees it.
    const expected = Number((await onPrimary('SELECT count(*) FROM allocations'))[0]![0]);
    await until(
      async () => (await graphql(two, '{ allocations(first: 1) { totalCount } }')).body.data?.allocations.totalCount === expected,
      'instance two to see the write',
    );
  }, 120_000);
});
