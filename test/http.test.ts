// The service over a real HTTP port, as `npm start` runs it.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createHttpServer, listen } from '../src/server/http.js';

describe('HTTP server', () => {
  let app: App;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    app = createApp({ databasePath: ':memory:', seedOnStart: true, graphiql: true, logging: false });
    server = createHttpServer(app, { db: app.db });
    const port = await listen(server, 0, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    app.close();
  });

  it('answers /health', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', pid: process.pid });
  });

  it('serves GraphQL over POST and GET', async () => {
    const query = '{ program(slug: "korea-2025") { installedBaseGpus allocations { totalCount } } }';
    const expected = { data: { program: { installedBaseGpus: 65_000, allocations: { totalCount: 5 } } } };
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual(expected);
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent(query)}`);
    expect(await get.json()).toEqual(expected);
  });

  it('serves GraphiQL to a browser, preloaded with example operations', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('DashboardSummary');
  });

  it('answers malformed JSON with a 400 and no stack trace', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
