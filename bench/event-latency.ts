// Write-to-event latency between two instances over Redis: instance A takes a write, a
// graphql-ws subscriber on instance B receives its event. Both are real service processes on one
// SQLite file with a real Redis (Debian's redis-server) between them, started here on free
// loopback ports. Writes go one at a time so each latency is one write's, not a queue's.
//
//   npx tsx bench/event-latency.ts [--writes 300]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { temporaryFolder } from '../test/helpers.js';
import { redisMissing, startRedis } from '../test/redis-server.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from '../test/server-process.js';

const { values } = parseArgs({ options: { writes: { type: 'string', default: '300' } } });
const writes = Number(values.writes);
if (redisMissing) throw new Error(redisMissing);

const folder = temporaryFolder();
const databasePath = join(folder.path, 'latency.db');
const db = openDatabase({ path: databasePath });
seedDatabase(db);
const key = createApiKey(db, { name: 'bench', scopes: ['write'] }).key;
db.$client.close();
const redis = await startRedis();
const env = { REDIS_URL: redis.url, SEED_ON_START: 'false', RESPONSE_CACHE: 'true' };
const a = await startServerProcess(databasePath, env);
const b = await startServerProcess(databasePath, env);

async function post(instance: ServerProcess, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: Record<string, { id?: string; allocation?: { id: string } }> }).data;
}

const ids = await post(a, '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }');
const arrived = new Map<string, number>();
let waiting: { id: string; resolve: () => void } | undefined;
const client = createClient({ url: `${b.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket });
client.subscribe<{ allocationChanged: { allocationId: string } }>(
  { query: 'subscription { allocationChanged { allocationId } }' },
  {
    next: (result) => {
      const id = result.data?.allocationChanged.allocationId;
      if (!id) return;
      arrived.set(id, performance.now());
      if (waiting?.id === id) waiting.resolve();
    },
    error: (error) => console.error(error),
    complete: () => undefined,
  },
);
await new Promise((resolve) => setTimeout(resolve, 1500));

const toEvent: number[] = [];
const toAck: number[] = [];
for (let index = 0; index < writes + 20; index += 1) {
  const started = performance.now();
  const created = await post(
    a,
    'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { ... on CreateAllocationPayload { allocation { id } } } }',
    {
      input: {
        programId: ids.program!.id,
        partnerId: ids.partner!.id,
        quantity: 1,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-03-01',
      },
    },
  );
  const acknowledged = performance.now();
  const id = created.createAllocation!.allocation!.id;
  if (!arrived.has(id)) await new Promise<void>((resolve) => (waiting = { id, resolve }));
  // The first 20 warm both processes up (JIT, statement caches) and are not counted.
  if (index < 20) continue;
  toEvent.push(arrived.get(id)! - started);
  toAck.push(acknowledged - started);
}

const percentile = (list: number[], p: number) =>
  [...list].sort((x, y) => x - y)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`${writes} writes on A, one at a time; subscriber on B (graphql-ws); Redis ${redis.url}`);
console.log(`write sent on A -> event received on B: p50 ${ms(percentile(toEvent, 50))}, p99 ${ms(percentile(toEvent, 99))}`);
console.log(`write sent on A -> A's answer received:  p50 ${ms(percentile(toAck, 50))}, p99 ${ms(percentile(toAck, 99))}`);

await client.dispose();
killServerProcesses();
await redis.remove();
folder.remove();
