// The edges a hostile or merely unusual client reaches, over a real port with the production
// configuration (loadConfig with NODE_ENV=production, wired as main.ts wires it): CORS origins
// and headers, /metrics labels and access, errors raised inside yoga's pipeline on every
// transport, WebSocket limits and credential forms, schema disclosure, malformed GET parameters
// and persisted-operation hashes.
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { App } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { loadManifest } from '../src/server/persisted-operations.js';
import { guardRequestHooks } from '../src/server/plugins/guard-request-hooks.js';
import { schema } from '../src/graphql/index.js';
import { webSocketOptions } from '../src/server/websocket.js';
import { startServer } from './fixtures.js';
import { send } from './helpers.js';

interface Running {
  app: App;
  base: string;
  ws: string;
  post(body: unknown, headers?: Record<string, string>, path?: string): Promise<Response>;
  key(scopes: string[]): string;
}

/** The service as main.ts builds it, from an environment (production unless NODE_ENV says otherwise); closed when the test ends. */
async function start(env: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_PATH: ':memory:', ...env });
  const server = await startServer({
    ...config,
    logging: false,
    http: { maxBodyBytes: config.maxBodyBytes },
    webSocket: webSocketOptions(config),
  });
  const { app } = server;
  return {
    app,
    base: server.origin,
    ws: server.wsUrl,
    post: (body, headers = {}, path = '/graphql') => send(server, body, { headers, path }),
    key: (scopes) => createApiKey(app.db, { name: scopes.join('-'), scopes }).key,
  };
}

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** No stack frame, file path or source location in what a client was sent. */
function expectNothingInternal(text: string): void {
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+|\.js:\d+|file:\/\//);
}

const preflight = (base: string, origin: string, headers = 'content-type,authorization') =>
  fetch(`${base}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });

describe('CORS', () => {
  it('production: no origin is allowed unless listed, on preflight or on the answer', async () => {
    const { base, post } = await start();
    const asked = await preflight(base, 'https://evil.example');
    expect(asked.headers.get('access-control-allow-origin')).toBeNull();
    const answered = await post({ query: '{ __typename }' }, { origin: 'https://evil.example' });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('listed origins are echoed, others get no CORS headers at all (not "null")', async () => {
    const { base } = await start({ CORS_ORIGINS: 'https://app.example, https://admin.example' });
    for (const origin of ['https://app.example', 'https://admin.example']) {
      const allowed = await preflight(base, origin);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
      expect(allowed.headers.get('vary')?.toLowerCase()).toContain('origin');
    }
    for (const origin of ['https://evil.example', 'null']) {
      const refused = await preflight(base, origin);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    }
    // One listed origin is not sent to a request from another.
    const single = await start({ CORS_ORIGINS: 'https://app.example' });
    expect((await preflight(single.base, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the headers Apollo, tracing and the service itself use, and exposes ETag and x-request-id', async () => {
    const { base, post } = await start({ CORS_ORIGINS: 'https://app.example' });
    const wanted = [
      'content-type',
      'authorization',
      'x-request-id',
      'apollographql-client-name',
      'apollographql-client-version',
      'apollo-require-preflight',
      'x-graphql-yoga-csrf',
      'traceparent',
      'tracestate',
      'sentry-trace',
      'baggage',
    ];
    const asked = await preflight(base, 'https://app.example', wanted.join(','));
    const allowed = (asked.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const header of wanted) expect(allowed, header).toContain(header);
    const answered = await post({ query: '{ programs { totalCount } }' }, { origin: 'https://app.example' });
    const exposed = (answered.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const header of ['etag', 'x-request-id', 'last-modified']) expect(exposed, header).toContain(header);
  });

  it('CORS_ALLOW_HEADERS and CORS_EXPOSE_HEADERS replace the lists', async () => {
    const { base, post } = await start({
      CORS_ORIGINS: 'https://app.example',
      CORS_ALLOW_HEADERS: 'content-type, authorization, x-tenant',
      CORS_EXPOSE_HEADERS: 'x-request-id',
    });
    const asked = await preflight(base, 'https://app.example', 'x-tenant');
    expect(asked.headers.get('access-control-allow-headers')).toBe('content-type, authorization, x-tenant');
    const answered = await post({ query: '{ __typename }' }, { origin: 'https://app.example' });
    expect(answered.headers.get('access-control-expose-headers')).toBe('x-request-id');
  });
});

describe('/metrics', () => {
  const csrf = { 'x-graphql-yoga-csrf': '1' };

  it('has bounded labels: no URLs, no client-chosen operation names; shipped operations by hash', async () => {
    const { base, post } = await start();
    const metrics = async () => (await fetch(`${base}/metrics`)).text();
    const distinct = async (from: number, to: number) => {
      for (let index = from; index < to; index += 1) {
        const query = encodeURIComponent(`query SecretName${index} { __typename }`);
        const response = await fetch(`${base}/graphql?query=${query}&leak=private-${index}`, { headers: csrf });
        expect(response.status).toBe(200);
        await post({ query: `query PostedName${index} { programs { totalCount } }` });
      }
    };
    await distinct(0, 5);
    const early = await metrics();
    await distinct(5, 60);
    const later = await metrics();
    for (const text of [early, later]) {
      expect(text).not.toMatch(/SecretName|PostedName|private-|leak=|url="/);
    }
    // New URLs and names add no series: the same number of lines.
    expect(later.split('\n').length).toBe(early.split('\n').length);
    // A shipped operation is labelled with its hash from persisted-operations.json.
    const [hash, document] = Object.entries(loadManifest()).find(([, text]) => text.includes('PageThroughPartners'))!;
    await post({ query: document });
    const shipped = await metrics();
    expect(shipped).toContain(`operation="${hash}"`);
    expect(shipped).toMatch(/graphql_yoga_http_duration_bucket\{[^}]*route="\/graphql"/);
  });

  it('METRICS_TOKEN: only a scraper sending it reads /metrics', async () => {
    const { base, key } = await start({ METRICS_TOKEN: 'scrape-secret-1234567890' });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    // An API key is not the metrics token.
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${key(['admin'])}` } })).status).toBe(401);
    const allowed = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer scrape-secret-1234567890' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('graphql_envelop_request');
  });

  it('READ_REQUIRES_KEY without METRICS_TOKEN: /metrics needs a valid API key', async () => {
    const { base, key } = await start({ READ_REQUIRES_KEY: 'true' });
    const refused = await fetch(`${base}/metrics`);
    expect(refused.status).toBe(401);
    expectNothingInternal(await refused.text());
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer afg_${'A'.repeat(43)}` } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${key(['read'])}` } })).status).toBe(200);
  });
});

describe('errors raised inside the pipeline, on every transport', () => {
  const bad = ['Bearer not-a-key', `Bearer afg_${'A'.repeat(43)}`, 'Basic dXNlcjpwdw==', 'garbage'];

  it('graphql-sse (/graphql/stream): a bad Authorization header is a 401 without a stack', async () => {
    const { post } = await start({ NODE_ENV: 'development' });
    for (const authorization of bad) {
      const response = await post({ query: '{ __typename }' }, { authorization, accept: 'text/event-stream' }, '/graphql/stream');
      const text = await response.text();
      expect(response.status, authorization).toBe(401);
      expectNothingInternal(text);
      expect((JSON.parse(text) as Body).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // A document that does not parse: 400 with the error. One that fails validation: the error
    // is the stream's one result (as graphql-sse and yoga's SSE answer it), with its code.
    for (const [query, status, code] of [
      ['{ programs {', 400, 'GRAPHQL_PARSE_FAILED'],
      ['{ nope }', 200, 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      const response = await post({ query }, { accept: 'text/event-stream' }, '/graphql/stream');
      const text = await response.text();
      expect(response.status, query).toBe(status);
      expectNothingInternal(text);
      expect(text, query).toContain(`"extensions":{"code":"${code}"}`);
    }
  });

  it('graphql-sse client, yoga SSE, HTTP and WebSocket: the same coded 401 / error', async () => {
    const running = await start({ NODE_ENV: 'development' });
    const authorization = `Bearer afg_${'B'.repeat(43)}`;
    const sseClient = createSseClient({ url: `${running.base}/graphql/stream`, headers: { authorization }, retryAttempts: 0 });
    const sseError = await new Promise<unknown>((resolve) => {
      sseClient.subscribe(
        { query: '{ __typename }' },
        { next: () => resolve('next'), error: resolve, complete: () => resolve('complete') },
      );
    });
    sseClient.dispose();
    // The client's NetworkError carries the client's own stack; the status is the server's.
    expect(String((sseError as Error).message)).toMatch(/401/);
    const yogaSse = await running.post({ query: '{ __typename }' }, { authorization, accept: 'text/event-stream' });
    expect(yogaSse.status).toBe(401);
    expectNothingInternal(await yogaSse.text());
    const http = await running.post({ query: '{ __typename }' }, { authorization });
    expect(http.status).toBe(401);
    const client = createWsClient({ url: running.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization } });
    const result = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: '{ __typename }' }, { next: resolve, error: resolve, complete: () => undefined });
    });
    await client.dispose();
    expectNothingInternal(JSON.stringify(result));
    expect(JSON.stringify(result)).toContain('UNAUTHENTICATED');
  });
});

describe('the request-hook guard', () => {
  it('answers any hook that throws, synchronously or not, with a masked 500', async () => {
    const secret = new Error('ENOENT: /srv/secret/config.json');
    const yoga = createYoga({
      schema,
      logging: false,
      plugins: [
        {
          onRequest({ url }: { url: URL }) {
            if (url.pathname === '/sync') throw secret;
            if (url.pathname === '/async') return Promise.reject(secret);
            return undefined;
          },
        },
      ].map(guardRequestHooks),
    });
    for (const path of ['/sync', '/async']) {
      const response = await yoga.fetch(`http://localhost${path}`);
      const text = await response.text();
      expect(response.status, path).toBe(500);
      expect(text).not.toContain('secret');
      expectNothingInternal(text);
      expect((JSON.parse(text) as Body).errors?.[0]?.message).toBe('Unexpected error.');
    }
  });
});

/** Opens a raw graphql-transport-ws socket, acknowledged, and collects its messages. */
async function rawSocket(url: string, connectionParams: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
  const messages: { id?: string; type: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as (typeof messages)[number]));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
  await waitFor(() => messages.some((message) => message.type === 'connection_ack'));
  return { socket, messages, closed };
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WebSocket limits', () => {
  it('a message over MAX_BODY_BYTES closes the socket with 1009 before it is parsed', async () => {
    const running = await start({ MAX_BODY_BYTES: '65536' });
    const { socket, closed } = await rawSocket(running.ws);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename } # ${'x'.repeat(200_000)}` } }));
    expect((await closed).code).toBe(1009);
    expect((await fetch(`${running.base}/health`)).status).toBe(200);
  });

  it('runs at most WS_MAX_OPERATIONS operations at once per socket; the rest get TOO_MANY_OPERATIONS', async () => {
    const running = await start({ WS_MAX_OPERATIONS: '10' });
    const { socket, messages } = await rawSocket(running.ws);
    for (let index = 0; index < 25; index += 1) {
      socket.send(
        JSON.stringify({ id: String(index), type: 'subscribe', payload: { query: 'subscription { allocationChanged { kind } }' } }),
      );
    }
    await waitFor(() => messages.filter((message) => message.type === 'error').length === 15 && running.app.events.listenerCount() === 10);
    const errors = messages.filter((message) => message.type === 'error');
    for (const error of errors) expect(JSON.stringify(error.payload)).toContain('TOO_MANY_OPERATIONS');
    // Ending one frees its place.
    socket.send(JSON.stringify({ id: '0', type: 'complete' }));
    await waitFor(() => running.app.events.listenerCount() === 9);
    socket.send(JSON.stringify({ id: 'again', type: 'subscribe', payload: { query: 'subscription { allocationChanged { kind } }' } }));
    await waitFor(() => running.app.events.listenerCount() === 10);
    socket.terminate();
  });

  it('checks the Origin of the upgrade against CORS_ORIGINS', async () => {
    const running = await start({ CORS_ORIGINS: 'https://app.example' });
    const status = (origin?: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(running.ws, 'graphql-transport-ws', origin ? { headers: { origin } } : {});
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', () => undefined);
      });
    expect(await status('https://evil.example')).toBe(403);
    expect(await status('https://app.example')).toBe(101);
    // Not a browser (no Origin): allowed, as over HTTP.
    expect(await status()).toBe(101);
    // Production without CORS_ORIGINS: no other origin, but the service's own pages may connect.
    const closed = await start();
    const upgrade = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(closed.ws, 'graphql-transport-ws', { headers: { origin } });
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', () => undefined);
      });
    expect(await upgrade('https://app.example')).toBe(403);
    expect(await upgrade(closed.base)).toBe(101);
  });
});

describe('graphql-ws credentials in connectionParams (real graphql-ws client)', () => {
  const ask = (url: string, connectionParams: Record<string, unknown>) => {
    const client = createWsClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams,
    });
    return new Promise<{ data?: unknown; errors?: unknown; closed?: { code: number; reason: string } }>((resolve) => {
      client.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ closed: { code, reason } });
      });
      client.subscribe<{ auditEvents: { totalCount: number } }>(
        { query: '{ auditEvents { totalCount } }' },
        { next: (result) => resolve(result as never), error: (error) => resolve({ errors: error }), complete: () => undefined },
      );
    }).finally(() => void client.dispose());
  };

  it('accepts authorization, Authorization, headers.authorization, headers.Authorization and authToken', async () => {
    const running = await start({ READ_REQUIRES_KEY: 'true' });
    const admin = running.key(['admin']);
    const forms: Record<string, unknown>[] = [
      { authorization: `Bearer ${admin}` },
      { Authorization: `Bearer ${admin}` },
      { headers: { authorization: `Bearer ${admin}` } },
      { headers: { Authorization: `Bearer ${admin}` } },
      { authToken: admin },
      { authToken: `Bearer ${admin}` },
    ];
    for (const params of forms) {
      expect(await ask(running.ws, params), JSON.stringify(Object.keys(params))).toEqual({ data: { auditEvents: { totalCount: 0 } } });
    }
  });

  it('closes with 4400 on an unrecognised credential or a malformed value, instead of going anonymous', async () => {
    const running = await start();
    const admin = running.key(['admin']);
    const refused: Record<string, unknown>[] = [
      { token: admin },
      { apiKey: admin },
      { 'x-api-key': admin },
      { auth: `Bearer ${admin}` },
      { accessToken: admin },
      { headers: { 'x-api-key': admin } },
      { authorization: 42 },
      { authorization: 'Basic dXNlcjpwdw==' },
      { authToken: 'not a key' },
      { authorization: `Bearer ${admin}`, authToken: running.key(['read']) },
    ];
    for (const params of refused) {
      const answer = await ask(running.ws, params);
      expect(answer.closed?.code, JSON.stringify(params)).toBe(4400);
      expect(answer.closed?.reason).toMatch(/connectionParams/);
    }
    // Harmless parameters are no credential: anonymous, as without any.
    expect(JSON.stringify(await ask(running.ws, { clientName: 'web', headers: { 'x-request-id': 'abc' } }))).toContain('FORBIDDEN');
    // A logged-out client's empty credential is no credential.
    expect(JSON.stringify(await ask(running.ws, { authorization: '', authToken: null }))).toContain('FORBIDDEN');
  });
});

describe('schema disclosure with introspection off', () => {
  const sdl = '{ _service { sdl } }';

  it('_service answers admin keys only; with introspection on, anyone', async () => {
    const running = await start();
    const { post, key } = running;
    const anonymous = (await (await post({ query: sdl })).json()) as Body;
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const reader = (await (await post({ query: sdl }, { authorization: `Bearer ${key(['read'])}` })).json()) as Body;
    expect(reader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Hidden in a fragment or under an alias: the same.
    const hidden = (await (await post({ query: '{ ...F } fragment F on Query { s: _service { sdl } }' })).json()) as Body;
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = (await (await post({ query: sdl }, { authorization: `Bearer ${key(['admin'])}` })).json()) as {
      data: { _service: { sdl: string } };
    };
    expect(admin.data._service.sdl).toContain('type Program');
    // Over WebSocket and graphql-sse too: the check runs at execution, on every transport.
    const { messages, socket } = await rawSocket(running.ws);
    socket.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: sdl } }));
    await waitFor(() => messages.some((message) => message.id === 's' && message.type === 'next'));
    expect(JSON.stringify(messages.find((message) => message.id === 's')!.payload)).toContain('FORBIDDEN');
    socket.terminate();
    const stream = await running.post({ query: sdl }, { accept: 'text/event-stream' }, '/graphql/stream');
    const streamed = await stream.text();
    expect(streamed).toContain('FORBIDDEN');
    expect(streamed).not.toContain('type Program');
    const open = await start({ INTROSPECTION: 'true' });
    const answered = (await (await open.post({ query: sdl })).json()) as { data: { _service: { sdl: string } } };
    expect(answered.data._service.sdl).toContain('type Program');
  });

  it('no suggestion of any kind: fields, arguments, types, enum values, variable fields', async () => {
    const { post, key } = await start();
    const writer = { authorization: `Bearer ${key(['write'])}` };
    const input = { programId: 'x', partnerId: 'y', quantity: 1, bound: 'EXACT', status: 'ANNOUNCED', announcedOn: '2026-01-01' };
    const mutation = 'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }';
    const cases: [unknown, Record<string, string>?][] = [
      [{ query: '{ programz { totalCount } }' }],
      [{ query: '{ programs(frist: 1) { totalCount } }' }],
      [{ query: 'query ($n: Innt) { programs(first: $n) { totalCount } }' }],
      [{ query: '{ allocations(filter: { bound: { eq: EXACTT } }) { totalCount } }' }],
      [{ query: '{ allocations(filter: { bonud: { eq: EXACT } }) { totalCount } }' }],
      [{ query: mutation, variables: { input: { ...input, bound: 'EXACTT' } } }, writer],
      [{ query: mutation, variables: { input: { ...input, quantityy: 2 } } }, writer],
    ];
    for (const [body, headers] of cases) {
      const text = await (await post(body, headers)).text();
      expect(text).not.toMatch(/Did you mean|EXACT"|"quantity"|"bound"|"first"|"programs"|"Int"/);
      expect((JSON.parse(text) as Body).errors?.length, text).toBeGreaterThan(0);
    }
    // With introspection on, suggestions help developers as before.
    const open = await start({ NODE_ENV: 'development' });
    expect(await (await open.post({ query: '{ programz { totalCount } }' })).text()).toMatch(/Did you mean/);
  });
});

describe('malformed GET parameters and persisted-operation hashes', () => {
  it('GET with variables= or extensions= that is not a JSON object is a 400', async () => {
    const { base } = await start();
    const query = encodeURIComponent('query ($n: Int) { programs(first: $n) { totalCount } }');
    for (const extra of ['variables=%7Bnope', 'extensions=not-json', 'variables=%5B1%5D', 'variables=42', 'extensions=%22x%22']) {
      const response = await fetch(`${base}/graphql?query=${query}&${extra}`, { headers: { 'x-graphql-yoga-csrf': '1' } });
      const text = await response.text();
      expect(response.status, extra).toBe(400);
      expectNothingInternal(text);
      expect((JSON.parse(text) as Body).errors?.[0]?.extensions?.code, extra).toBe('BAD_REQUEST');
    }
    const fine = await fetch(`${base}/graphql?query=${query}&variables=%7B%22n%22%3A1%7D`, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(fine.status).toBe(200);
    const stream = await fetch(`${base}/graphql/stream?query=${query}&variables=%7Bnope`, { headers: { accept: 'text/event-stream' } });
    expect(stream.status).toBe(400);
    expectNothingInternal(await stream.text());
  });

  it('hashes named like Object.prototype members are unknown hashes, not 500s', async () => {
    for (const env of [{}, { PERSISTED_OPERATIONS_ONLY: 'true' }] as Record<string, string>[]) {
      const { post } = await start(env);
      for (const hash of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const response = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
        const text = await response.text();
        expect(response.status, hash).toBeLessThan(500);
        expectNothingInternal(text);
        expect((JSON.parse(text) as Body).errors?.[0]?.extensions?.code, hash).toMatch(/^PERSISTED_QUERY_NOT_(FOUND|IN_LIST)$/);
      }
    }
  });
});
