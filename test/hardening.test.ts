// What makes the service safe to expose, over a real port: document limits, body size, policy by
// environment, CORS, persisted operations, the response cache and its invalidation, health,
// readiness and metrics.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../src/app.js';
import type { BusMessage } from '../src/events/bus.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { listen } from '../src/server/http.js';
import { buildManifest, isSubscription, loadManifest, sha256 } from '../src/server/persisted-operations.js';
import { createFrontCache } from '../src/server/front-cache.js';
import { limits } from '../src/server/yoga.js';
import { startServer } from './fixtures.js';
import { send, StatementLog } from './helpers.js';

/** The service with `options` on a real port (startServer: closed when the test ends), over every bundled dataset. */
async function start(options: Partial<AppOptions> = {}, maxBodyBytes?: number) {
  const log = new StatementLog();
  const server = await startServer({
    seedDatasets: undefined,
    // Counts the statements drizzle runs, to see whether an answer came from the cache.
    sqlLogger: log,
    ...options,
    ...(maxBodyBytes ? { http: { maxBodyBytes } } : {}),
  });
  const post = (body: unknown, headers: Record<string, string> = {}) => send(server, body, { headers });
  return { app: server.app, base: server.origin, post, statements: () => log.count, queries: log.statements };
}

async function errorCode(response: Response): Promise<unknown> {
  const body = (await response.json()) as { errors?: { extensions?: { code?: string }; message: string }[] };
  return body.errors?.[0]?.extensions?.code ?? body.errors?.[0]?.message;
}

describe('document limits', () => {
  it('refuse deep, aliased, long, directive-heavy and costly documents with an error', async () => {
    const { post } = await start();
    let deep = 'name';
    for (let level = 0; level < limits.maxDepth; level += 1)
      deep = `supplier { allocations(first: 1) { edges { node { partner { ${deep} } } } } }`;
    const aliases = Array.from({ length: limits.maxAliases + 1 }, (_, index) => `a${index}: programs { totalCount }`).join(' ');
    const tokens = `{ ${Array.from({ length: limits.maxTokens }, () => '__typename').join(' ')} }`;
    const directives = `{ __typename ${'@skip(if: false) '.repeat(limits.maxDirectives + 1)} }`;
    const costly =
      '{ partners(first: 100) { edges { node { allocations(first: 100) { edges { node { partner { allocations(first: 100) { edges { node { partner { name } } } } } } } } } } } }';
    for (const query of [`{ programs { edges { node { ${deep} } } } }`, `{ ${aliases} }`, tokens, directives, costly]) {
      const response = await post({ query });
      expect(response.status).toBeLessThan(500);
      const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.message).toMatch(/depth|alias|token|directive|cost/i);
    }
  });

  it('let every shipped operation through, response cache on', async () => {
    const { post } = await start({ responseCache: true });
    // Subscriptions stream instead of answering; the subscription tests cover them.
    for (const query of Object.values(buildManifest()).filter((document) => !isSubscription(document))) {
      const body = (await (await post({ query })).json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      // The world view asks each programme's money in one currency: a currency with no stored
      // rate is a per-field answer of the data (the page shows "no rate"), not a refusal.
      const refused = (body.errors ?? []).filter((error) => error.extensions?.code !== 'EXCHANGE_RATE_MISSING');
      expect(refused, query.split('\n')[0]).toEqual([]);
      expect(body.data, query.split('\n')[0]).toBeTruthy();
    }
  });

  it('refuse a batch of operations', async () => {
    const { post } = await start();
    const response = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('request bodies', () => {
  it('over the limit get 413, declared or streamed', async () => {
    const { base, post } = await start({}, 4096);
    const big = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(10_000)}` });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe('PAYLOAD_TOO_LARGE');
    const streamed = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const small = await post({ query: '{ __typename }' });
    expect(small.status).toBe(200);
  });
});

describe('policy by environment', () => {
  it('production: no introspection, no GraphiQL, CSRF header needed for GET, errors masked', async () => {
    const { base, post } = await start({ introspection: false, csrfPrevention: true, graphiql: false });
    expect(await errorCode(await post({ query: '{ __schema { types { name } } }' }))).toBe('GRAPHQL_VALIDATION_FAILED');
    const suggestion = (await (await post({ query: '{ partnr { id } }' })).json()) as { errors: { message: string }[] };
    expect(suggestion.errors[0]!.message).not.toMatch(/Did you mean/);
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('GraphiQL');
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    const withHeader = await fetch(`${base}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
  });

  it('development: introspection and GraphiQL on', async () => {
    const { base, post } = await start({ graphiql: true });
    const body = (await (await post({ query: '{ __schema { queryType { name } } }' })).json()) as { data: unknown };
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect(await (await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } })).text()).toContain('GraphiQL');
  });

  it('CORS answers configured origins only', async () => {
    const { base } = await start({ corsOrigins: ['https://dashboard.example'] });
    const preflight = (origin: string) =>
      fetch(`${base}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('https://dashboard.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});

describe('persisted operations', () => {
  it('the committed manifest matches the shipped operations (run `npm run schema:print`)', () => {
    expect(loadManifest()).toEqual(buildManifest());
  });

  it('run by hash; with PERSISTED_OPERATIONS_ONLY other documents are refused', async () => {
    const [hash, document] = Object.entries(loadManifest()).find(([, text]) => text.includes('PageThroughPartners'))!;
    expect(sha256(document)).toBe(hash);
    const { post } = await start({ persistedOperationsOnly: true });
    const byHash = (await (await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).json()) as {
      data: { partners: { totalCount: number } };
    };
    expect(byHash.data.partners.totalCount).toBeGreaterThan(0);
    const arbitrary = await post({ query: '{ partners { totalCount } }' });
    expect(arbitrary.status).toBeLessThan(500);
    expect(await errorCode(arbitrary)).toBe('PERSISTED_QUERY_ONLY');
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(unknown.status).toBeLessThan(500);
    expect(await errorCode(unknown)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
  });
});

describe('the graphql-sse endpoint', () => {
  it('answers queries with the response cache on, and obeys PERSISTED_OPERATIONS_ONLY', async () => {
    const stream = (base: string, query: string) =>
      fetch(`${base}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query }),
      });
    const open = await start({ responseCache: true });
    const answered = await stream(open.base, '{ partners { totalCount } }');
    expect(answered.status).toBe(200);
    expect(await answered.text()).toMatch(/"totalCount":\d+/);

    const locked = await start({ persistedOperationsOnly: true });
    // Refused in validation: the refusal is the stream's one result, as yoga's SSE answers it.
    const refused = await stream(locked.base, '{ partners { totalCount } }');
    expect(refused.status).toBe(200);
    const refusal = await refused.text();
    expect(refusal).not.toContain('"data"');
    expect(refusal).toContain('"code":"PERSISTED_QUERY_ONLY"');
    const trusted = Object.values(loadManifest()).find((document) => !isSubscription(document))!;
    const allowed = await stream(locked.base, trusted);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('"data"');
  });
});

describe('response cache', () => {
  it('serves a repeated read without SQL, and never a stale answer after a write', async () => {
    const { app, post, statements } = await start({ responseCache: true });
    const key = createApiKey(app.db, { name: 'writer', scopes: ['write'] }).key;
    const query = '{ program(slug: "korea-2025") { id gpuTotal { quantity } partnerCount } }';
    const read = async () =>
      ((await (await post({ query })).json()) as { data: { program: { id: string; gpuTotal: { quantity: number } } } }).data.program;
    const first = await read();
    const headers = (await post({ query })).headers;
    expect(headers.get('cache-control')).toBe('private, no-cache');
    const etag = headers.get('etag')!;
    expect((await post({ query }, { 'if-none-match': etag })).status).toBe(304);
    const before = statements();
    const second = await read();
    expect(second).toEqual(first);
    expect(statements()).toBe(before);

    const kt = ((await (await post({ query: '{ partner(slug: "kt") { id } }' })).json()) as { data: { partner: { id: string } } }).data
      .partner.id;
    const created = await post(
      {
        query: `mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }`,
        variables: {
          input: { programId: first.id, partnerId: kt, quantity: 777, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-01-01' },
        },
      },
      { authorization: `Bearer ${key}` },
    );
    expect(((await created.json()) as { data: { createAllocation: { __typename: string } } }).data.createAllocation.__typename).toBe(
      'CreateAllocationPayload',
    );
    expect((await read()).gpuTotal.quantity).toBe(first.gpuTotal.quantity + 777);
  });

  it('never answers a mutation from the cache: the same request twice runs twice', async () => {
    const { app, post } = await start({ responseCache: true });
    const key = createApiKey(app.db, { name: 'writer', scopes: ['write'] }).key;
    const ids = (
      (await (await post({ query: '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }' })).json()) as {
        data: { program: { id: string }; partner: { id: string } };
      }
    ).data;
    const create = {
      query:
        'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { ... on CreateAllocationPayload { allocation { id } } } }',
      variables: {
        input: {
          programId: ids.program.id,
          partnerId: ids.partner.id,
          quantity: 5,
          bound: 'EXACT',
          status: 'ANNOUNCED',
          announcedOn: '2026-01-01',
        },
      },
    };
    const created: string[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await post(create, { authorization: `Bearer ${key}` });
      expect(response.headers.get('etag')).toBeNull();
      created.push(
        ((await response.json()) as { data: { createAllocation: { allocation: { id: string } } } }).data.createAllocation.allocation.id,
      );
    }
    expect(new Set(created).size).toBe(2);
  });

  it('does not keep a read that ran while a write emptied it', async () => {
    let report: ((message: BusMessage) => void) | undefined;
    let statements = 0;
    let raceNext = false;
    const app = createApp({
      databasePath: ':memory:',
      seedOnStart: true,
      graphiql: false,
      logging: false,
      responseCache: true,
      // Another process reports a write exactly while this process's read reads the database.
      transport: { send: () => undefined, onMessage: (handler) => void (report = handler) },
      sqlLogger: {
        logQuery: () => {
          statements += 1;
          if (raceNext) {
            raceNext = false;
            report!({ kind: 'invalidate' });
          }
        },
      },
    });
    const read = async () =>
      (
        await app.yoga.fetch('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ program(slug: "korea-2025") { gpuTotal { quantity } } }' }),
        })
      ).json();
    raceNext = true;
    const first = await read();
    const afterRace = statements;
    expect(await read()).toEqual(first);
    expect(statements, 'the raced answer was kept').toBeGreaterThan(afterRace);
    const afterSecond = statements;
    expect(await read()).toEqual(first);
    expect(statements, 'an ordinary answer is kept').toBe(afterSecond);
    app.close();
  });

  it('keeps answers apart per API key', async () => {
    const { app, post } = await start({ responseCache: true });
    const admin = createApiKey(app.db, { name: 'admin', scopes: ['admin'] }).key;
    const query = '{ auditEvents { totalCount } }';
    expect(await errorCode(await post({ query }))).toBe('FORBIDDEN');
    const allowed = (await (await post({ query }, { authorization: `Bearer ${admin}` })).json()) as { data: unknown };
    expect(allowed.data).toEqual({ auditEvents: { totalCount: 0 } });
    expect(await errorCode(await post({ query }))).toBe('FORBIDDEN');
  });
});

describe('cached answers served before yoga', () => {
  it('replay the same bytes and headers with their own request id, per API key and Accept', async () => {
    const { app, post, statements } = await start({ responseCache: true });
    const front = app.frontCache!;
    const admin = createApiKey(app.db, { name: 'admin', scopes: ['admin'] }).key;
    const query = { query: '{ programs { edges { node { name gpuTotal { quantity bound } } } } }' };
    const first = await post(query);
    const firstBody = await first.text();
    expect(front.size).toBe(1);
    const before = statements();
    const again = await post(query);
    expect(await again.text()).toBe(firstBody);
    expect(statements()).toBe(before);
    for (const header of ['content-type', 'etag', 'last-modified', 'cache-control', 'access-control-allow-origin']) {
      expect(again.headers.get(header), header).toBe(first.headers.get(header));
    }
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    // Another key or another Accept is another answer.
    await post(query, { authorization: `Bearer ${admin}` });
    await post(query, { accept: 'application/graphql-response+json' });
    expect(front.size).toBe(3);
    // Errors and mutations are never kept; a write empties the cache.
    await post({ query: '{ nope }' });
    expect(front.size).toBe(3);
    const program = (
      (await (await post({ query: '{ program(slug: "korea-2025") { id version } }' })).json()) as {
        data: { program: { id: string; version: number } };
      }
    ).data.program;
    await post(
      {
        query: 'mutation ($input: UpdateProgramInput!) { updateProgram(input: $input) { __typename } }',
        variables: { input: { id: program.id, expectedVersion: program.version, description: 'Changed.' } },
      },
      { authorization: `Bearer ${admin}` },
    );
    expect(front.size).toBe(0);
  });

  it('are not replayed to a key revoked since, by another process', async () => {
    const { app, post } = await start({ responseCache: true });
    const front = app.frontCache!;
    const reader = createApiKey(app.db, { name: 'reader', scopes: ['read'] });
    const query = { query: '{ programs { totalCount } }' };
    const headers = { authorization: `Bearer ${reader.key}` };
    expect((await post(query, headers)).status).toBe(200);
    expect((await post(query, headers)).status).toBe(200);
    expect(front.size).toBe(1);
    // What `npm run apikey -- revoke` does from its own process: a write this server never sees.
    app.db.$client.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').run(new Date().toISOString(), reader.id);
    const refused = await post(query, headers);
    expect(refused.status).toBe(401);
    expect(await errorCode(refused)).toBe('UNAUTHENTICATED');
    // Anonymous answers are replayed as before.
    await post(query);
    const sizeBefore = front.size;
    expect((await post(query)).status).toBe(200);
    expect(front.size).toBe(sizeBefore);
  });

  it("look a request's API key up once, though the cache and the context both ask", async () => {
    const { app, post, queries } = await start({ responseCache: true });
    const reader = createApiKey(app.db, { name: 'reader', scopes: ['read'] });
    const keyLookups = () => queries.filter((query) => /^select .* from "api_keys"/i.test(query)).length;
    for (const query of ['{ programs { totalCount } }', '{ partners { totalCount } }']) {
      const before = keyLookups();
      const response = await post({ query }, { authorization: `Bearer ${reader.key}` });
      expect(response.status).toBe(200);
      expect(keyLookups() - before, query).toBe(1);
    }
    // An unknown key: one lookup too, and its 401.
    const before = keyLookups();
    const refused = await post({ query: '{ programs { totalCount } }' }, { authorization: `Bearer afg_${'A'.repeat(43)}` });
    expect(refused.status).toBe(401);
    expect(keyLookups() - before).toBe(1);
  });

  it('do not keep an answer computed while the cache was emptied', async () => {
    const front = createFrontCache({ ttlMs: 60_000 });
    let computed = 0;
    const server = createServer((request, response) => {
      if (front.serve(request, response, undefined)) return;
      computed += 1;
      // A write lands while this answer is being computed.
      if (request.url === '/graphql?racing') front.clear();
      response.writeHead(200, { etag: 'x', 'content-type': 'application/json' });
      response.end('{"data":{}}');
    });
    const base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
    try {
      for (const url of ['/graphql?racing', '/graphql?racing', '/graphql?calm', '/graphql?calm']) {
        expect(await (await fetch(base + url)).text()).toBe('{"data":{}}');
      }
      expect(computed).toBe(3);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('operations endpoints', () => {
  it('/health, /ready, /metrics and request ids', async () => {
    const { base, post } = await start();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    await post({ query: 'query Named { __typename }' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/graphql_envelop_request_duration/);
    // A document not in persisted-operations.json is "other", whatever the client named it.
    expect(metrics).toMatch(/graphql_envelop_request\{operationType="query",operation="other"\} 1/);
    expect(metrics).not.toContain('Named');
    const quiet = await start({ metrics: false });
    expect((await fetch(`${quiet.base}/metrics`)).status).toBe(404);
    // Answers replayed by the front cache, which never reach yoga's metrics, have their counter.
    const cached = await start({ responseCache: true });
    const hits = async () =>
      Number(/^graphql_front_cache_hits_total (\d+)$/m.exec(await (await fetch(`${cached.base}/metrics`)).text())?.[1]);
    expect(await hits()).toBe(0);
    for (let round = 0; round < 3; round += 1) await cached.post({ query: '{ programs { totalCount } }' });
    expect(await hits()).toBe(2);
    const echoed = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${base}/health`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
