// Several instances of the service, separate processes on their own ports over one SQLite file
// (the WAL topology WORKERS=n uses), with a real Redis between them (REDIS_URL): a write on one is
// heard by the others' caches and subscribers (SSE and graphql-ws), a Redis outage costs no write
// and no stale answer and is told to subscribers, events resume when Redis is back, and killing
// an instance under load leaves the others answering and their subscribers hearing.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { temporaryFolder } from './helpers.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from './server-process.js';

if (redisMissing) console.warn(`skipping the multi-instance Redis tests: ${redisMissing}`);

const folder = temporaryFolder();
const databasePath = join(folder.path, 'shared.db');
let redis: RedisServer;
let key = '';
let ids: { program: string; kt: string } = { program: '', kt: '' };
let a: ServerProcess;
let b: ServerProcess;

type Result<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function graphql<T>(instance: ServerProcess, query: string, variables: Record<string, unknown> = {}, write = false) {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(write ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, body: (await response.json()) as Result<T> };
}

async function total(instance: ServerProcess): Promise<number> {
  const { body } = await graphql<{ program: { gpuTotal: { quantity: number } } }>(
    instance,
    '{ program(slug: "korea-2025") { gpuTotal { quantity } } }',
  );
  return body.data!.program.gpuTotal.quantity;
}

/** Creates an allocation through `instance`; its global ID once acknowledged. */
async function create(instance: ServerProcess, quantity: number): Promise<string> {
  const { status, body } = await graphql<{ createAllocation: { __typename: string; allocation?: { id: string } } }>(
    instance,
    'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename ... on CreateAllocationPayload { allocation { id } } } }',
    { input: { programId: ids.program, partnerId: ids.kt, quantity, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-03-01' } },
    true,
  );
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data!.createAllocation.allocation!.id;
}

async function ready(instance: ServerProcess): Promise<{ status: string; events?: { transport: string; connected: boolean } }> {
  const response = await fetch(`${instance.url}/ready`, { signal: AbortSignal.timeout(5_000) });
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

async function waitUntil(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const busConnected = (instance: ServerProcess) => async () => (await ready(instance)).events?.connected === true;

async function startInstance(): Promise<ServerProcess> {
  const instance = await startServerProcess(databasePath, {
    REDIS_URL: redis.url,
    REDIS_CHANNEL: 'test:instances',
    SEED_ON_START: 'false',
  });
  await waitUntil(busConnected(instance));
  return instance;
}

/** The next `count` results of a subscription, or an error after `ms`. */
async function take<T>(iterator: AsyncIterator<T>, count: number, ms = 15_000): Promise<T[]> {
  const results: T[] = [];
  const deadline = new Promise<never>((_resolve, reject) =>
    setTimeout(() => reject(new Error(`got ${results.length} of ${count} results`)), ms),
  );
  while (results.length < count) {
    const next = await Promise.race([iterator.next(), deadline]);
    if (next.done) break;
    results.push(next.value);
  }
  return results;
}

type Totals = Result<{ programTotalsChanged: { gpuTotal: { quantity: number } } }>;
const totalsSubscription = 'subscription { programTotalsChanged(slug: "korea-2025") { gpuTotal { quantity } } }';

/** One subscriber over graphql-ws and one over graphql-sse, both on `instance`. */
function subscribers(instance: ServerProcess) {
  const ws = createWsClient({ url: `${instance.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
  const sse = createSseClient({ url: `${instance.url}/graphql/stream`, retryAttempts: 0 });
  const iterators = [ws.iterate<Totals['data']>({ query: totalsSubscription }), sse.iterate<Totals['data']>({ query: totalsSubscription })];
  return {
    iterators: iterators as AsyncIterator<Totals>[],
    /** The next result on each. */
    next: () => Promise.all(iterators.map((iterator) => take(iterator as AsyncIterator<Totals>, 1).then(([result]) => result!))),
    close: async () => {
      await Promise.all(iterators.map((iterator) => iterator.return?.()));
      await ws.dispose();
      sse.dispose();
    },
  };
}

beforeAll(async () => {
  if (redisMissing) return;
  const db = openDatabase({ path: databasePath });
  seedDatabase(db);
  key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
  db.$client.close();
  redis = await startRedis();
  a = await startInstance();
  b = await startInstance();
  const { body } = await graphql<{ program: { id: string }; partner: { id: string } }>(
    a,
    '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }',
  );
  ids = { program: body.data!.program.id, kt: body.data!.partner.id };
}, 120_000);

afterAll(async () => {
  killServerProcesses();
  await redis?.remove();
  folder.remove();
});

describe.skipIf(redisMissing)('instances over Redis', () => {
  it('/ready reports the Redis bus, connected', async () => {
    expect(await ready(a)).toEqual({ status: 'ready', events: { transport: 'redis', connected: true } });
    expect(await ready(b)).toEqual({ status: 'ready', events: { transport: 'redis', connected: true } });
  });

  it('a read cached on B is fresh after a write on A', async () => {
    const before = await total(b);
    expect(await total(b)).toBe(before);
    // B caches: a change made behind every instance's back (straight into the file) is not seen
    // by the cached document, only by a new one (an alias makes it another cache entry).
    const file = new Database(databasePath);
    file
      .prepare(
        "UPDATE allocations SET quantity = quantity + 1 WHERE id = (SELECT max(id) FROM allocations WHERE program_id = (SELECT id FROM programs WHERE slug = 'korea-2025'))",
      )
      .run();
    file.close();
    const uncached = async () =>
      (await graphql<{ program: { t: { quantity: number } } }>(b, `{ program(slug: "korea-2025") { t: gpuTotal { quantity } } }`)).body
        .data!.program.t.quantity;
    expect(await uncached()).toBe(before + 1);
    expect(await total(b)).toBe(before);
    // A write through A empties B's caches: B's next read is fresh (the change above included).
    await create(a, 500);
    expect(await total(b)).toBe(before + 1 + 500);
    expect(await total(b)).toBe(before + 1 + 500);
  });

  it('a subscriber on B hears a write on A, over graphql-ws and SSE', async () => {
    const before = await total(b);
    const onB = subscribers(b);
    const next = onB.next();
    // The subscriptions reach the bus a moment after the request; writes before that go unheard.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await create(a, 250);
    for (const result of await next) expect(result.data?.programTotalsChanged.gpuTotal.quantity).toBe(before + 250);
    await onB.close();
  });

  it('with Redis stopped: writes succeed, B serves no stale answer, subscribers are told; all resumes when Redis is back', async () => {
    const onB = subscribers(b);
    let next = onB.next();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = await total(b);
    expect(await total(b)).toBe(before);

    await redis.stop();
    // Subscribers on B are told events may be missed from now on; the stream stays open.
    for (const result of await next) {
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'EVENTS_MAY_BE_MISSED', connected: false });
    }
    // Reads still work and /ready still says ready, with the bus reported down.
    expect(await ready(b)).toEqual({ status: 'ready', events: { transport: 'redis', connected: false } });
    expect(await ready(a)).toEqual({ status: 'ready', events: { transport: 'redis', connected: false } });

    // Writes on A succeed, and B (which cannot hear of them) answers from the database.
    next = onB.next();
    await create(a, 70);
    expect(await total(b)).toBe(before + 70);
    await create(a, 30);
    expect(await total(b)).toBe(before + 100);
    expect(await total(a)).toBe(before + 100);

    await redis.start();
    await waitUntil(busConnected(a));
    await waitUntil(busConnected(b));
    // Back: subscribers are told to refetch, then hear writes again.
    for (const result of await next) expect(result.errors?.[0]?.extensions).toEqual({ code: 'EVENTS_MAY_BE_MISSED', connected: true });
    // A's own reconnection notice (a `gap` for what it published meanwhile) may come too.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const heard = Promise.all(
      onB.iterators.map(async (iterator) => {
        for (;;) {
          const [result] = await take(iterator, 1);
          if (result?.data) return result.data.programTotalsChanged.gpuTotal.quantity;
        }
      }),
    );
    await create(a, 5);
    expect(await heard).toEqual([before + 105, before + 105]);
    // And B caches again, and is still told of A's writes.
    expect(await total(b)).toBe(before + 105);
    await create(a, 5);
    expect(await total(b)).toBe(before + 110);
    await onB.close();
  }, 90_000);

  it('an instance killed under load: the others keep answering, their subscribers keep hearing, no acknowledged write is lost', async () => {
    const c = await startInstance();
    const onB = createWsClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const heardOnB = new Set<string>();
    const unsubscribe = onB.subscribe<{ allocationChanged: { allocationId: string } }>(
      { query: 'subscription { allocationChanged { allocationId } }' },
      {
        next: (result) => result.data && heardOnB.add(result.data.allocationChanged.allocationId),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const acknowledged: { id: string; through: 'A' | 'C' }[] = [];
    const failures: string[] = [];
    let killed = false;
    let stop = false;
    const reads = (instance: ServerProcess, name: string) =>
      (async () => {
        let count = 0;
        while (!stop) {
          try {
            const { status } = await graphql(
              instance,
              '{ program(slug: "korea-2025") { gpuTotal { quantity } } allocations(first: 5) { totalCount } }',
            );
            if (status !== 200) failures.push(`${name}: ${status}`);
            count += 1;
          } catch (error) {
            failures.push(`${name}: ${String(error)}`);
          }
        }
        return count;
      })();
    const writes = (instance: ServerProcess, through: 'A' | 'C') =>
      (async () => {
        while (!stop && !(through === 'C' && killed)) {
          try {
            acknowledged.push({ id: await create(instance, 1), through });
          } catch (error) {
            // C's writes fail once it is gone; A's must not.
            if (through === 'A') failures.push(`A write: ${String(error)}`);
          }
        }
      })();
    const load = [reads(a, 'A'), reads(b, 'B'), reads(a, 'A'), reads(b, 'B'), writes(a, 'A'), writes(c, 'C')];
    // C answers its own readers until it dies; their failures after the kill are expected.
    const readsOnC = (async () => {
      while (!stop && !killed) await graphql(c, '{ allocations(first: 1) { totalCount } }').catch(() => undefined);
    })();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    killed = true;
    c.child.kill('SIGKILL');
    await c.exited;
    const writesBeforeKill = acknowledged.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stop = true;
    const counts = (await Promise.all(load)).filter((count): count is number => typeof count === 'number');
    await readsOnC;

    expect(failures).toEqual([]);
    expect(counts.every((count) => count > 0)).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(writesBeforeKill);
    // Every acknowledged write is in the database, seen through B.
    const found: (string | undefined)[] = [];
    for (let start = 0; start < acknowledged.length; start += 200) {
      const { body } = await graphql<{ nodes: ({ id: string } | null)[] }>(b, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        ids: acknowledged.slice(start, start + 200).map((write) => write.id),
      });
      found.push(...body.data!.nodes.map((node) => node?.id));
    }
    expect(found).toEqual(acknowledged.map((write) => write.id));
    // B's subscriber heard every write A acknowledged, before and after C died.
    const throughA = acknowledged.filter((write) => write.through === 'A').map((write) => write.id);
    await waitUntil(async () => throughA.every((id) => heardOnB.has(id)), 10_000);
    unsubscribe();
    await onB.dispose();
  }, 120_000);
});
