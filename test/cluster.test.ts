// WORKERS=2: two processes on one port and one database. Subscribers on either hear writes made
// through the other, and no process serves a cached read that a write elsewhere made stale.
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { graphql, temporaryFolder } from './helpers.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from './server-process.js';

const folder = temporaryFolder();
let server: ServerProcess;
let key = '';

beforeAll(async () => {
  const databasePath = join(folder.path, 'cluster.db');
  const db = openDatabase({ path: databasePath });
  seedDatabase(db);
  key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
  db.$client.close();
  // Both workers print their address; wait for the second.
  server = await startServerProcess(databasePath, { WORKERS: '2', NODE_ENV: 'production' }, { serving: 2 });
}, 90_000);

afterAll(() => {
  killServerProcesses();
  folder.remove();
});

/** `graphql()` on a new connection each time (so the primary hands requests to either worker); the data. */
async function query<T>(text: string, variables: Record<string, unknown> = {}, authorization = false): Promise<T> {
  const headers = { connection: 'close' };
  const { body } = await graphql<T>(`${server.url}/graphql`, text, variables, { headers, accept: null, ...(authorization ? { key } : {}) });
  return body.data as T;
}

describe('two workers', () => {
  it('are two processes on one port', async () => {
    const pids = new Set<number>();
    for (let attempt = 0; attempt < 40 && pids.size < 2; attempt += 1) {
      const response = await fetch(`${server.url}/health`, { headers: { connection: 'close' } });
      pids.add(((await response.json()) as { pid: number }).pid);
    }
    expect(pids.size).toBe(2);
  });

  it('deliver a write to subscribers on every worker, and serve no stale cached read', async () => {
    const total = async () =>
      (await query<{ program: { gpuTotal: { quantity: number } } }>('{ program(slug: "korea-2025") { gpuTotal { quantity } } }')).program
        .gpuTotal.quantity;
    // Warm both workers' caches.
    const before = await total();
    for (let index = 0; index < 10; index += 1) expect(await total()).toBe(before);

    const clients = Array.from({ length: 8 }, () =>
      createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const iterators = clients.map((client) =>
      client.iterate<{ programTotalsChanged: { gpuTotal: { quantity: number } } }>({
        query: 'subscription { programTotalsChanged(slug: "korea-2025") { gpuTotal { quantity } } }',
      }),
    );
    const firsts = iterators.map((iterator) => iterator.next());
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const ids = await query<{ program: { id: string }; partner: { id: string } }>(
      '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }',
    );
    const created = await query<{ createAllocation: { __typename: string } }>(
      'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
      {
        input: {
          programId: ids.program.id,
          partnerId: ids.partner.id,
          quantity: 4321,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2026-03-01',
        },
      },
      true,
    );
    expect(created.createAllocation.__typename).toBe('CreateAllocationPayload');

    const events = await Promise.race([
      Promise.all(firsts),
      new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('not every subscriber heard the write')), 10_000)),
    ]);
    for (const event of events) expect(event.value?.data?.programTotalsChanged.gpuTotal.quantity).toBe(before + 4321);
    for (let index = 0; index < 10; index += 1) expect(await total()).toBe(before + 4321);
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
    await Promise.all(clients.map((client) => client.dispose()));
  });

  it('stop together on SIGTERM', async () => {
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  });
});
