// Many subscribers to one topic: no MaxListenersExceededWarning (it reaches stderr as a non-JSON
// line in the JSON log), every subscriber hears the event, and all listeners go when they leave.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { post, startRealServer, waitFor, type RealServer } from './real-server.js';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.close());

it('serves 25 subscribers to allocationChanged with no process warning', async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  const clients: Client[] = [];
  try {
    const ids = await post<{ program: { id: string }; partner: { id: string } }>(
      server,
      '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }',
    );
    const heard: number[] = [];
    const count = 25;
    for (let index = 0; index < count; index += 1) {
      const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, lazy: false });
      clients.push(client);
      client.subscribe(
        { query: 'subscription { allocationChanged { kind allocation { quantity } } }' },
        { next: () => heard.push(index), error: () => undefined, complete: () => undefined },
      );
    }
    await waitFor(() => server.app.events.listenerCount() >= count);
    const created = await post(
      server,
      'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
      {
        input: {
          programId: ids.data!.program.id,
          partnerId: ids.data!.partner.id,
          quantity: 7,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2026-02-01',
        },
      },
      { authorization: `Bearer ${server.writeKey}` },
    );
    expect(created.errors).toBeUndefined();
    await waitFor(() => heard.length >= count);
    expect(new Set(heard).size).toBe(count);
    // Warnings are emitted on the next tick after the listener that crossed the limit.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => `${warning.name}: ${warning.message}`)).toEqual([]);
  } finally {
    process.off('warning', onWarning);
    await Promise.all(clients.map((client) => client.dispose()));
  }
  await waitFor(() => server.app.events.listenerCount() === 0);
});
