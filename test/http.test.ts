// The service over a real HTTP port, as `npm start` runs it.
import { Agent, request as httpRequest } from 'node:http';
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

describe('idle keep-alive connections', () => {
  const server = suiteServer();

  /** One POST through `agent` (node:http, as a gateway's fetch sends it); its status. */
  const post = (agent: Agent) =>
    new Promise<number>((resolve, reject) => {
      const sent = httpRequest(server.url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      sent.on('error', reject);
      sent.end(JSON.stringify({ query: '{ __typename }' }));
    });

  it('outlive a client agent’s: requests on reused sockets after a busy event loop are answered, not reset', async () => {
    // Two clients with Node's global agent settings: keep-alive, a 5 s idle timeout (Node's server default too).
    const agents = [0, 1].map(() => new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5_000 }));
    try {
      const statuses = await Promise.all(
        agents.map(async (agent) => {
          const first = await post(agent);
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          // Busy past both idle timeouts (a supergraph composition, a loaded machine), then send on
          // the pooled socket: a server that closes at 5 s closes it under the request (ECONNRESET).
          const until = Date.now() + 2_200;
          while (Date.now() < until);
          return [first, await post(agent)];
        }),
      );
      expect(statuses).toEqual([
        [200, 200],
        [200, 200],
      ]);
    } finally {
      for (const agent of agents) agent.destroy();
    }
  });
});
