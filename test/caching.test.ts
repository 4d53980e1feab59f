// The response cache as one plugin (src/server/plugins/use-caching.ts), over a real port: the
// HTTP layer's front cache comes from createGraphQLServer, and WebSocket operations, which skip
// yoga's HTTP pipeline, run with the cache off (explicitly, through their context).
import { createClient, type Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRealServer, type RealServer } from './real-server.js';

let running: RealServer | undefined;
let client: Client | undefined;
afterEach(async () => {
  await client?.dispose();
  await running?.close();
  running = undefined;
  client = undefined;
});

function query<T>(ws: Client, document: string): Promise<{ data?: T; errors?: { message: string }[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: T; errors?: { message: string }[] } = {};
    ws.subscribe<T>({ query: document }, { next: (value) => (result = value as never), error: reject, complete: () => resolve(result) });
  });
}

describe('the response cache', () => {
  it('is handed to the HTTP layer by createGraphQLServer, and is off for WebSocket queries', async () => {
    running = await startRealServer({ responseCache: true });
    expect(running.app.frontCache).toBeDefined();
    const document = '{ programs { totalCount } }';
    const post = () =>
      fetch(running!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }) });
    expect((await post()).headers.get('etag')).toBeTruthy();
    await post();
    expect(running.app.frontCache!.size).toBe(1);
    client = createClient({ url: running.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    for (let round = 0; round < 2; round += 1) {
      const answer = await query<{ programs: { totalCount: number } }>(client, document);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.programs.totalCount).toBeGreaterThan(0);
    }
    expect(running.app.frontCache!.size).toBe(1);
  });

  it('is absent when RESPONSE_CACHE is off', async () => {
    running = await startRealServer({ responseCache: false });
    expect(running.app.frontCache).toBeUndefined();
  });
});
