// The whole multi-machine topology at once: two instances of the real service (`src/main.ts`
// processes), each reading its own embedded replica of one real sqld primary, with a real Redis
// between them. Their replicas sync only every 60 s here, so what instance B shows right after a
// write on A can only be fresh if B caught its replica up to A's write first: a subscription
// event on B and B's next read must both carry the write (issue 20, item 4).
import { join } from 'node:path';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys.js';
import { closeDatabase, openDatabase } from '../src/db/client.js';
import { temporaryFolder } from './helpers.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from './server-process.js';
import { type SqldServer, sqldExecutable, startSqld } from './support/sqld.js';

const sqld = sqldExecutable();
const missing = redisMissing ?? (sqld.path ? undefined : sqld.reason);
if (missing) console.warn(`skipping the libSQL + Redis topology tests: ${missing}`);

const folder = temporaryFolder();
let primary: SqldServer;
let redis: RedisServer;
let a: ServerProcess;
let b: ServerProcess;
let writeKey = '';
let refs: { programId: string; partnerId: string };

async function graphql(instance: ServerProcess, query: string, variables: Record<string, unknown> = {}, key?: string) {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: unknown[] } };
}

const create = (instance: ServerProcess, quantity: number) =>
  graphql(
    instance,
    'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
    { input: { ...refs, quantity, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-02-01' } },
    writeKey,
  );

const total = async (instance: ServerProcess): Promise<number> =>
  (await graphql(instance, '{ program(slug: "korea-2025") { gpuTotal { quantity } } }')).body.data.program.gpuTotal.quantity;

function start(name: string, syncMs: string): Promise<ServerProcess> {
  return startServerProcess(join(folder.path, 'unused.db'), {
    DATABASE_URL: primary.url,
    REPLICA_PATH: join(folder.path, `${name}.db`),
    REPLICA_SYNC_MS: syncMs,
    REDIS_URL: redis.url,
    REDIS_CHANNEL: 'test:libsql-redis',
    SEED_DATASETS: 'korea-2025',
    RUST_LOG: 'off',
  });
}

describe.skipIf(missing)('instances on libSQL replicas with Redis between them', () => {
  beforeAll(async () => {
    primary = await startSqld();
    redis = await startRedis();
    // The writer's key goes in first, through a replica of this test's own (which migrates the
    // primary); A then seeds it, and B starts on an empty replica that catches up before serving.
    const db = openDatabase({
      path: ':memory:',
      libsql: { url: primary.url, authToken: undefined, replicaPath: join(folder.path, 'key.db'), syncIntervalMs: 0 },
    });
    writeKey = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
    closeDatabase(db);
    a = await start('a', '60000');
    b = await start('b', '60000');
    const ids = (await graphql(a, '{ program(slug: "korea-2025") { id } partners(first: 1) { edges { node { id } } } }')).body.data;
    refs = { programId: ids.program.id, partnerId: ids.partners.edges[0].node.id };
  }, 180_000);

  afterAll(async () => {
    killServerProcesses();
    await primary?.close();
    await redis?.remove();
    folder.remove();
  });

  it("a subscriber on B gets A's write in the event itself, though B's replica would not sync for a minute", async () => {
    const before = await total(b);
    const ws = createWsClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const iterator = ws.iterate<{ programTotalsChanged: { gpuTotal: { quantity: number } } }>({
      query: 'subscription { programTotalsChanged(slug: "korea-2025") { gpuTotal { quantity } } }',
    });
    const next = iterator.next();
    // The subscription reaches the bus a moment after the request is sent.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // B's total before the write: what it has cached and what its replica holds.
    expect(await total(b)).toBe(before);
    const written = await create(a, 7_777);
    expect(written.body.data.createAllocation.__typename).toBe('CreateAllocationPayload');
    const event = await Promise.race([
      next,
      new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('no event on B within 20 s')), 20_000)),
    ]);
    expect(event.done).toBe(false);
    if (event.done) return;
    expect(event.value.data?.programTotalsChanged.gpuTotal.quantity).toBe(before + 7_777);
    // And B's next read, cached before the write, is fresh too.
    expect(await total(b)).toBe(before + 7_777);
    await iterator.return?.();
    await ws.dispose();
  }, 60_000);

  it('A reads its own write at once', async () => {
    const before = await total(a);
    await create(a, 3);
    expect(await total(a)).toBe(before + 3);
  }, 30_000);
});
