// The service over a real HTTP port, as `npm start` runs it.
import { describe, expect, it } from 'vitest';
import { suiteServer } from './fixtures.js';
import { graphql, send } from './helpers.js';

describe('HTTP server', () => {
  const server = suiteServer({ graphiql: true });

  it('answers /health', async () => {
    const response = await fetch(`${server.origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', pid: process.pid });
  });

  it('serves GraphQL over POST and GET', async () => {
    const query = '{ program(slug: "korea-2025") { installedBaseGpus allocations { totalCount } } }';
    const expected = { data: { program: { installedBaseGpus: 65_000, allocations: { totalCount: 5 } } } };
    const post = await graphql(server, query, undefined, { accept: null });
    expect(post.status).toBe(200);
    expect(post.body).toEqual(expected);
    const get = await fetch(`${server.url}?query=${encodeURIComponent(query)}`);
    expect(await get.json()).toEqual(expected);
  });

  it('serves GraphiQL to a browser, preloaded with example operations', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('DashboardSummary');
  });

  it('answers malformed JSON with a 400 and no stack trace', async () => {
    const response = await send(server, '{"query": ');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
