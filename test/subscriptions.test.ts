// Live updates over real transports on 127.0.0.1, with real clients: graphql-sse (both modes),
// yoga's own SSE, and graphql-ws over WebSocket.
import type { Server } from 'node:http';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../src/app.js';
import { engineOptions } from './support/engine.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { attachGraphQLWebSocket } from '../src/server/websocket.js';

interface Running {
  app: App;
  server: Server;
  base: string;
  key: string;
  ids: { program: string; kt: string; samsung: string };
  close(): Promise<void>;
}

async function start(options: { readRequiresKey?: boolean } = {}): Promise<Running> {
  const app = createApp({
    databasePath: ':memory:',
    seedOnStart: true,
    // Korea's dataset only: the figures below are Korea's, and on libSQL the template holds it.
    seedDatasets: ['korea-2025'],
    graphiql: false,
    logging: false,
    ...engineOptions({ seeded: true }),
    ...options,
  });
  const key = createApiKey(app.db, { name: 'writer', scopes: ['write'] }).key;
  const server = createHttpServer(app, { db: app.db });
  const sockets = attachGraphQLWebSocket(server, app.yoga);
  const base = `127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  const response = await fetch(`http://${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({
      query: '{ program(slug: "korea-2025") { id } kt: partner(slug: "kt") { id } samsung: partner(slug: "samsung-electronics") { id } }',
    }),
  });
  const data = ((await response.json()) as { data: { program: { id: string }; kt: { id: string }; samsung: { id: string } } }).data;
  return {
    app,
    server,
    base,
    key,
    ids: { program: data.program.id, kt: data.kt.id, samsung: data.samsung.id },
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise((resolve) => sockets.close(resolve));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      app.close();
    },
  };
}

async function createAllocation(running: Running, partnerId: string, quantity: number): Promise<string> {
  const response = await fetch(`http://${running.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${running.key}` },
    body: JSON.stringify({
      query: 'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
      variables: {
        input: { programId: running.ids.program, partnerId, quantity, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-02-01' },
      },
    }),
  });
  return ((await response.json()) as { data: { createAllocation: { __typename: string } } }).data.createAllocation.__typename;
}

/** Collects the next `count` results of a subscription from an async iterator, with a deadline. */
async function take<T>(iterator: AsyncIterator<T>, count: number, ms = 5000): Promise<T[]> {
  const results: T[] = [];
  const deadline = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('no event in time')), ms));
  while (results.length < count) {
    const next = await Promise.race([iterator.next(), deadline]);
    if (next.done) break;
    results.push(next.value);
  }
  return results;
}

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('subscriptions', () => {
  // A server per test: a subscription a failing test leaves open cannot disturb the next one.
  let running: Running;
  beforeEach(async () => {
    running = await start();
  });
  afterEach(async () => {
    await running.close();
  });

  it.each([
    ['distinct connections', false],
    ['single connection', true],
  ] as const)('graphql-sse (%s): programTotalsChanged carries the new totals after a write', async (_mode, singleConnection) => {
    const client = createSseClient({ url: `http://${running.base}/graphql/stream`, singleConnection, retryAttempts: 0 });
    const events = client.iterate<{ programTotalsChanged: { gpuTotal: { quantity: number }; nationalCapacity: { after: number } } }>({
      query: 'subscription { programTotalsChanged(slug: "korea-2025") { gpuTotal { quantity } nationalCapacity { after } } }',
    });
    await waitFor(() => running.app.events.listenerCount() > 0);
    const before = (await fetch(`http://${running.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ program(slug: "korea-2025") { gpuTotal { quantity } } }' }),
    }).then((response) => response.json())) as { data: { program: { gpuTotal: { quantity: number } } } };
    expect(await createAllocation(running, running.ids.kt, 100)).toBe('CreateAllocationPayload');
    const [event] = await take(events, 1);
    const total = before.data.program.gpuTotal.quantity + 100;
    expect(event!.data!.programTotalsChanged).toEqual({ gpuTotal: { quantity: total }, nationalCapacity: { after: 65_000 + total } });
    await events.return?.();
    client.dispose();
    await waitFor(() => running.app.events.listenerCount() === 0);
  });

  it("yoga's own SSE on /graphql (Accept: text/event-stream)", async () => {
    const controller = new AbortController();
    const response = await fetch(`http://${running.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { allocationChanged { kind allocation { quantity } } }' }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await waitFor(() => running.app.events.listenerCount() > 0);
    await createAllocation(running, running.ids.kt, 321);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"quantity":321')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('"kind":"CREATED"');
    controller.abort();
    await waitFor(() => running.app.events.listenerCount() === 0);
  });

  it('graphql-ws: allocationChanged with a filter sees only matching changes, after commit', async () => {
    const client: WsClient = createWsClient({ url: `ws://${running.base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const events = client.iterate<{ allocationChanged: { kind: string; allocation: { quantity: number; partner: { slug: string } } } }>({
      query:
        'subscription { allocationChanged(filter: { partner: { kind: { eq: TELECOM } } }) { kind allocation { quantity partner { slug } } } }',
    });
    await waitFor(() => running.app.events.listenerCount() > 0);
    // Not a telecom: filtered out. A rolled-back write (validation failure): nothing published.
    await createAllocation(running, running.ids.samsung, 11);
    expect(await createAllocation(running, running.ids.kt, 0)).toBe('ValidationError');
    await createAllocation(running, running.ids.kt, 22);
    const [event] = await take(events, 1);
    expect(event!.data!.allocationChanged).toEqual({ kind: 'CREATED', allocation: { quantity: 22, partner: { slug: 'kt' } } });
    await events.return?.();
    await client.dispose();
    await waitFor(() => running.app.events.listenerCount() === 0);
  });

  it('100 subscribers connect and disconnect and leave no listener behind', async () => {
    const clients = Array.from({ length: 100 }, () =>
      createWsClient({ url: `ws://${running.base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    const iterators = clients.map((client) => client.iterate({ query: 'subscription { allocationChanged { kind } }' }));
    const pending = iterators.map((iterator) => iterator.next());
    await waitFor(() => running.app.events.listenerCount() === 100, 10_000);
    await createAllocation(running, running.ids.kt, 5);
    const first = await Promise.all(pending);
    expect(first.every((result) => !result.done)).toBe(true);
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
    await Promise.all(clients.map((client) => client.dispose()));
    await waitFor(() => running.app.events.listenerCount() === 0, 10_000);
  });

  it('obey the limits of queries', async () => {
    const client = createWsClient({ url: `ws://${running.base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: allocationChanged { kind }`).join(' ');
    const events = client.iterate({ query: `subscription { ${aliases} }` });
    await expect(take(events, 1)).rejects.toBeTruthy();
    await client.dispose();
  });
});

describe('subscriptions when reads require a key', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ readRequiresKey: true });
  });
  afterAll(async () => {
    await running.close();
  });

  it('refuse a subscriber without a key, over SSE and WebSocket, and accept one with', async () => {
    const sse = await fetch(`http://${running.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { allocationChanged { kind } }' }),
    });
    expect(sse.status).toBe(401);

    const anonymous = createWsClient({ url: `ws://${running.base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const refused = anonymous.iterate({ query: 'subscription { allocationChanged { kind } }' });
    await expect(take(refused, 1)).rejects.toBeTruthy();
    await anonymous.dispose();
    expect(running.app.events.listenerCount()).toBe(0);

    const keyed = createWsClient({
      url: `ws://${running.base}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${running.key}` },
    });
    const accepted = keyed.iterate<{ allocationChanged: { kind: string } }>({ query: 'subscription { allocationChanged { kind } }' });
    await waitFor(() => running.app.events.listenerCount() === 1);
    await createAllocation(running, running.ids.kt, 7);
    const [event] = await take(accepted, 1);
    expect(event!.data).toEqual({ allocationChanged: { kind: 'CREATED' } });
    await accepted.return?.();
    await keyed.dispose();
  });
});
