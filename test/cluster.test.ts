// WORKERS=2: two processes on one port and one database. Subscribers on either hear writes made
// through the other, and no process serves a cached read that a write elsewhere made stale.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { seedDatabase } from '../src/db/seed/index.js';
import { temporaryFolder } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const folder = temporaryFolder();
let child: ChildProcess;
let base = '';
let key = '';
let output = '';

beforeAll(async () => {
  const databasePath = join(folder.path, 'cluster.db');
  const db = openDatabase({ path: databasePath });
  seedDatabase(db);
  key = createApiKey(db, { name: 'writer', scopes: ['write'] }).key;
  db.$client.close();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      WORKERS: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      LOG_REQUESTS: 'false',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 40_000;
  // Both workers print their address; wait for the second.
  while ((output.match(/serving http:\/\/[^\s]+/g) ?? []).length < 2) {
    if (Date.now() > deadline) throw new Error(`cluster did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  base = /serving (http:\/\/[^/\s]+)/.exec(output)![1]!;
});

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  folder.remove();
});

async function graphql<T>(query: string, variables: Record<string, unknown> = {}, authorization = false): Promise<T> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', connection: 'close', ...(authorization ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return ((await response.json()) as { data: T }).data;
}

describe('two workers', () => {
  it('are two processes on one port', async () => {
    const pids = new Set<number>();
    for (let attempt = 0; attempt < 40 && pids.size < 2; attempt += 1) {
      const response = await fetch(`${base}/health`, { headers: { connection: 'close' } });
      pids.add(((await response.json()) as { pid: number }).pid);
    }
    expect(pids.size).toBe(2);
  });

  it('deliver a write to subscribers on every worker, and serve no stale cached read', async () => {
    const total = async () =>
      (await graphql<{ program: { gpuTotal: { quantity: number } } }>('{ program(slug: "korea-2025") { gpuTotal { quantity } } }')).program
        .gpuTotal.quantity;
    // Warm both workers' caches.
    const before = await total();
    for (let index = 0; index < 10; index += 1) expect(await total()).toBe(before);

    const clients = Array.from({ length: 8 }, () =>
      createClient({ url: `${base.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const iterators = clients.map((client) =>
      client.iterate<{ programTotalsChanged: { gpuTotal: { quantity: number } } }>({
        query: 'subscription { programTotalsChanged(slug: "korea-2025") { gpuTotal { quantity } } }',
      }),
    );
    const firsts = iterators.map((iterator) => iterator.next());
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const ids = await graphql<{ program: { id: string }; partner: { id: string } }>(
      '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }',
    );
    const created = await graphql<{ createAllocation: { __typename: string } }>(
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
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
