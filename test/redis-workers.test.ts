// WORKERS=2 with REDIS_URL: the workers talk through Redis, not through the primary's relay.
// /ready on every worker names the Redis bus and reports it down while Redis is stopped (the
// relay never is), and subscribers spread over both workers hear a write made through either.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { temporaryFolder } from './helpers.js';
import { redisMissing, startRedis, type RedisServer } from './redis-server.js';

if (redisMissing) console.warn(`skipping the WORKERS-over-Redis tests: ${redisMissing}`);

const root = new URL('..', import.meta.url).pathname;
const folder = temporaryFolder();
let redis: RedisServer;
let child: ChildProcess | undefined;
let base = '';
let key = '';
let output = '';

beforeAll(async () => {
  if (redisMissing) return;
  const databasePath = join(folder.path, 'workers.db');
  const db = openDatabase({ path: databasePath });
  seedDatabase(db);
  key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
  db.$client.close();
  redis = await startRedis();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      WORKERS: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      LOG_REQUESTS: 'false',
      REDIS_URL: redis.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while ((output.match(/serving http:\/\/[^\s]+/g) ?? []).length < 2) {
    if (Date.now() > deadline) throw new Error(`cluster did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  base = /serving (http:\/\/[^/\s]+)/.exec(output)![1]!;
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await redis?.remove();
  folder.remove();
});

/** /ready's bus report from as many fresh connections (so from both workers). */
async function busStates(): Promise<Set<string>> {
  const states = new Set<string>();
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const response = await fetch(`${base}/ready`, { headers: { connection: 'close' } });
    states.add(JSON.stringify(((await response.json()) as { events?: unknown }).events));
  }
  return states;
}

async function waitForStates(expected: string): Promise<void> {
  const until = Date.now() + 20_000;
  for (;;) {
    const states = await busStates();
    if (states.size === 1 && states.has(expected)) return;
    if (Date.now() > until) throw new Error(`/ready said ${[...states].join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(redisMissing)('WORKERS=2 with REDIS_URL', () => {
  it('uses Redis between the workers, reports it down and back, and delivers across workers', async () => {
    await waitForStates(JSON.stringify({ transport: 'redis', connected: true }));
    expect(output).toContain('"events":"redis"');

    const clients = Array.from({ length: 6 }, () =>
      createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const iterators = clients.map((client) =>
      client.iterate<{ programTotalsChanged: { gpuTotal: { quantity: number } } }>({
        query: 'subscription { programTotalsChanged(slug: "korea-2025") { gpuTotal { quantity } } }',
      }),
    );
    const within = <T>(promise: Promise<T>, what: string) =>
      Promise.race([promise, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(what)), 15_000))]);

    await redis.stop();
    await waitForStates(JSON.stringify({ transport: 'redis', connected: false }));
    const told = await within(Promise.all(iterators.map((iterator) => iterator.next())), 'not every subscriber was told');
    for (const result of told) expect(result.value?.errors?.[0]?.extensions?.code).toBe('EVENTS_MAY_BE_MISSED');
    await redis.start();
    await waitForStates(JSON.stringify({ transport: 'redis', connected: true }));
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const post = async (query: string, variables: Record<string, unknown> = {}) =>
      (
        (await (
          await fetch(`${base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'close', authorization: `Bearer ${key}` },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as { data: Record<string, { id: string; gpuTotal: { quantity: number } }> }
      ).data;
    const ids = await post('{ program(slug: "korea-2025") { id gpuTotal { quantity } } partner(slug: "kt") { id } }');
    const before = ids.program!.gpuTotal.quantity;
    const heard = Promise.all(
      iterators.map(async (iterator) => {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return undefined;
          if (next.value.data) return next.value.data.programTotalsChanged.gpuTotal.quantity;
        }
      }),
    );
    await post('mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }', {
      input: {
        programId: ids.program!.id,
        partnerId: ids.partner!.id,
        quantity: 77,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-03-01',
      },
    });
    expect(await within(heard, 'not every subscriber heard the write')).toEqual(iterators.map(() => before + 77));
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
    await Promise.all(clients.map((client) => client.dispose()));
  }, 120_000);

  it('stop together on SIGTERM, their Redis connections closed', async () => {
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
