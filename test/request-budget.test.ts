// The request budget, over a real port with production settings: cost computed with variables and
// list arguments, a cap on IDs and representations, document and input shape limits, and a time
// budget; on every transport (HTTP, yoga's SSE, graphql-sse, WebSocket).
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { App } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { parse, typeFromAST, getNamedType, Kind } from 'graphql';
import { schema } from '../src/graphql/index.js';
import { isSubscription, loadManifest } from '../src/server/persisted-operations.js';
import { measure } from '../src/server/plugins/use-request-budget.js';
import { startServer } from './fixtures.js';
import { insertRandomAllocations, send } from './helpers.js';

interface Running {
  app: App;
  config: Config;
  base: string;
  post(body: unknown): Promise<Response>;
}

/** A server as production runs it (NODE_ENV=production), with `environment` on top; closed when the test ends. */
async function start(environment: Record<string, string> = {}, setup?: (app: App) => void): Promise<Running> {
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_PATH: ':memory:', ...environment });
  const server = await startServer({ ...config, logging: false, http: { maxBodyBytes: config.maxBodyBytes }, ...(setup ? { setup } : {}) });
  const post = (body: unknown) => send(server, body, { headers: { accept: 'application/graphql-response+json' } });
  return { app: server.app, config, base: server.origin.slice('http://'.length), post };
}

interface Answer {
  status: number;
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  expect(text).not.toMatch(/\n\s+at |\/work\/|node_modules|SQLITE|Failed query/);
  let body: Omit<Answer, 'status'> = {};
  try {
    body = JSON.parse(text) as Omit<Answer, 'status'>;
  } catch {
    // Not JSON: the status tells.
  }
  return { status: response.status, ...body };
}

/** The answer must be refused with `code` (a GraphQL error, 4xx or 200 with no data), never a 500. */
function expectRefused(result: Answer, code: string): void {
  expect(result.status, JSON.stringify(result).slice(0, 300)).toBeLessThan(500);
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result).slice(0, 300)).toBe(code);
  expect(result.data ?? null).toBeNull();
}

const globalId = (typename: string, id: number) => Buffer.from(`${typename}:${id}`).toString('base64');

// Three nested pages: with literal `first: 100` graphql-armor priced this at millions.
const nestedPages =
  'query ($n: Int) { partners(first: $n) { edges { node { allocations(first: $n) { edges { node { partner { allocations(first: $n) { edges { node { quantity } } } } } } } } } } }';

describe('cost with variables', () => {
  it('lets every shipped operation through with its largest pages', () => {
    // Every Int variable at the largest page (100); the other variables as the dashboard sends them.
    const sample: Record<string, unknown> = { String: 'korea-2025', Currency: 'KRW', Int: 100, ID: globalId('Program', 1) };
    for (const document of Object.values(loadManifest())) {
      const ast = parse(document);
      const operation = ast.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      const variables = Object.fromEntries(
        (operation?.kind === Kind.OPERATION_DEFINITION ? (operation.variableDefinitions ?? []) : []).map((variable) => [
          variable.variable.name.value,
          sample[getNamedType(typeFromAST(schema, variable.type as never)!).name] ?? null,
        ]),
      );
      const measured = measure({ schema, document: ast, variableValues: variables });
      expect(measured?.cost, `${document.split('\n')[0]} ${isSubscription(document) ? '(subscription)' : ''}`).toBeLessThanOrEqual(
        loadConfig({}).maxCost,
      );
    }
  });

  it('refuses page sizes passed as variables as it refuses literal ones', async () => {
    const { post } = await start();
    expectRefused(await answer(await post({ query: nestedPages, variables: { n: 100 } })), 'QUERY_TOO_COMPLEX');
    // The same document with small pages is cheap and runs.
    const small = await answer(await post({ query: nestedPages, variables: { n: 2 } }));
    expect(small.errors).toBeUndefined();
    expect(small.status).toBe(200);
  });

  it('measures a document again when the variables its cost depends on change (the measure is remembered per document)', async () => {
    const { post, config } = await start();
    // Cheap first, so a remembered measure of the same document would let the dear one through.
    for (const n of [2, 100, 3]) {
      const result = await answer(await post({ query: nestedPages, variables: { n } }));
      if (n === 100) expectRefused(result, 'QUERY_TOO_COMPLEX');
      else expect(result.errors).toBeUndefined();
    }
    const deep =
      'query ($deep: Boolean!) { partners(first: 100) { edges { node { name allocations(first: 100) @include(if: $deep) { edges { node { partner { allocations(first: 100) { edges { node { quantity } } } } } } } } } } }';
    expect((await answer(await post({ query: deep, variables: { deep: false } }))).errors).toBeUndefined();
    expectRefused(await answer(await post({ query: deep, variables: { deep: true } })), 'QUERY_TOO_COMPLEX');
    const byIds = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    expect((await answer(await post({ query: byIds, variables: { ids: [globalId('Partner', 1)] } }))).errors).toBeUndefined();
    const ids = Array.from({ length: config.maxIdsPerRequest + 1 }, (_, index) => globalId('Partner', index + 1));
    expectRefused(await answer(await post({ query: byIds, variables: { ids } })), 'TOO_MANY_IDS');
  });

  it('counts a connection without `first` at its default page size', async () => {
    const { post } = await start();
    const unpaged =
      '{ partners { edges { node { allocations { edges { node { partner { allocations { edges { node { partner { allocations { edges { node { quantity } } } } } } } } } } } } } } }';
    expectRefused(await answer(await post({ query: unpaged })), 'QUERY_TOO_COMPLEX');
  });

  it("holds on yoga's SSE, graphql-sse and WebSocket too", async () => {
    const { base } = await start();
    // yoga's own SSE: Accept: text/event-stream on /graphql.
    const sse = await fetch(`http://${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: nestedPages, variables: { n: 100 } }),
    });
    expect(sse.status).toBeLessThan(500);
    expect(await sse.text()).toContain('QUERY_TOO_COMPLEX');

    const costlySubscription =
      'subscription ($n: Int) { allocationChanged { allocation { partner { allocations(first: $n) { edges { node { partner { allocations(first: $n) { edges { node { quantity } } } } } } } } } } }';
    const collect = (subscribe: (sink: { next(value: unknown): void; error(error: unknown): void; complete(): void }) => void) =>
      new Promise<string>((resolve) => {
        const seen: unknown[] = [];
        subscribe({
          next: (value) => seen.push(value),
          error: (error) => resolve(JSON.stringify(error)),
          complete: () => resolve(JSON.stringify(seen)),
        });
      });

    const streamClient = createSseClient({ url: `http://${base}/graphql/stream`, retryAttempts: 0 });
    const overSse = await collect((sink) => streamClient.subscribe({ query: costlySubscription, variables: { n: 100 } }, sink));
    streamClient.dispose();
    expect(overSse).toContain('QUERY_TOO_COMPLEX');

    const wsClient = createWsClient({ url: `ws://${base}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const overWs = await collect((sink) => wsClient.subscribe({ query: costlySubscription, variables: { n: 100 } }, sink));
    const queryOverWs = await collect((sink) => wsClient.subscribe({ query: nestedPages, variables: { n: 100 } }, sink));
    await wsClient.dispose();
    expect(overWs).toContain('QUERY_TOO_COMPLEX');
    expect(queryOverWs).toContain('QUERY_TOO_COMPLEX');
  });
});

describe('IDs and representations', () => {
  it('caps nodes(ids:) and _entities(representations:) per request', async () => {
    const { post, config } = await start();
    const ids = Array.from({ length: config.maxIdsPerRequest + 1 }, (_, index) => globalId('Partner', index + 1));
    expectRefused(
      await answer(await post({ query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } })),
      'TOO_MANY_IDS',
    );
    // Split over two fields, the request still holds too many.
    const half = ids.slice(0, Math.ceil(ids.length / 2));
    expectRefused(
      await answer(
        await post({
          query: 'query ($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } b: nodes(ids: $b) { id } }',
          variables: { a: half, b: half },
        }),
      ),
      'TOO_MANY_IDS',
    );
    const representations = Array.from({ length: config.maxIdsPerRequest + 1 }, () => ({ __typename: 'Partner', slug: 'kt' }));
    expectRefused(
      await answer(
        await post({
          query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { name } } }',
          variables: { r: representations },
        }),
      ),
      'TOO_MANY_IDS',
    );
    // Within the cap, the IDs answer.
    const few = await answer(
      await post({ query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: ids.slice(0, 3) } }),
    );
    expect(few.errors).toBeUndefined();
  });

  it('multiplies the cost beneath by the number of IDs', async () => {
    const { post } = await start();
    const ids = Array.from({ length: 100 }, (_, index) => globalId('Partner', index + 1));
    const query =
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Partner { allocations(first: 100) { edges { node { partner { name } } } } } } }';
    expectRefused(await answer(await post({ query, variables: { ids } })), 'QUERY_TOO_COMPLEX');
    const representations = ids.map(() => ({ __typename: 'Partner', slug: 'kt' }));
    expectRefused(
      await answer(
        await post({
          query:
            'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { allocations(first: 100) { edges { node { partner { name } } } } } } }',
          variables: { r: representations },
        }),
      ),
      'QUERY_TOO_COMPLEX',
    );
  });
});

describe('filters passed as variables', () => {
  it('answer like literal filters (graphql-jit no longer compiles recursive inputs)', async () => {
    const { post } = await start();
    const byVariable = await answer(
      await post({ query: 'query ($f: PartnerFilter) { partners(filter: $f) { totalCount } }', variables: { f: { search: 'samsung' } } }),
    );
    const literal = await answer(await post({ query: '{ partners(filter: { search: "samsung" }) { totalCount } }' }));
    expect(byVariable.errors).toBeUndefined();
    expect(byVariable.status).toBe(200);
    expect(byVariable.data).toEqual(literal.data);
    expect((literal.data as { partners: { totalCount: number } }).partners.totalCount).toBeGreaterThan(0);
  });
});

describe('size and shape', () => {
  it('refuses deeply nested documents before parsing them', async () => {
    const { post, base } = await start();
    const deepList = `{ partners(filter: { id: { in: ${'['.repeat(2000)}"x"${']'.repeat(2000)} } }) { totalCount } }`;
    expectRefused(await answer(await post({ query: deepList })), 'QUERY_TOO_COMPLEX');
    const deepDocument = `{ ${'a { '.repeat(10_000)}b${' }'.repeat(10_000)} }`;
    expectRefused(await answer(await post({ query: deepDocument })), 'QUERY_TOO_COMPLEX');
    // Asked again (yoga caches parsed documents by their text), still refused.
    expectRefused(await answer(await post({ query: deepDocument })), 'QUERY_TOO_COMPLEX');
    // The graphql-sse endpoint refuses it too, not with a 500: as graphql-sse answers a document
    // that fails validation, the refusal is the stream's one result, with its code.
    const overSse = await fetch(`http://${base}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: deepDocument }),
    });
    expect(overSse.status).toBe(200);
    const streamed = (await overSse.text()).split('\n').find((line) => line.startsWith('data: {'));
    expect(JSON.parse(streamed!.slice('data: '.length)).errors.map((error: any) => error.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses filter variables nested too deep or too large for one statement', async () => {
    const { post } = await start();
    let deep: Record<string, unknown> = { search: 'samsung' };
    for (let level = 0; level < 1000; level += 1) deep = { NOT: deep };
    const query = 'query ($f: PartnerFilter) { partners(filter: $f) { totalCount } }';
    expectRefused(await answer(await post({ query, variables: { f: deep } })), 'INPUT_TOO_LARGE');
    const manyIds = { id: { in: Array.from({ length: 40_000 }, (_, index) => globalId('Partner', index + 1)) } };
    expectRefused(await answer(await post({ query, variables: { f: manyIds } })), 'INPUT_TOO_LARGE');
    const manyOrs = { OR: Array.from({ length: 20_000 }, (_, index) => ({ slug: { eq: `p${index}` } })) };
    expectRefused(await answer(await post({ query, variables: { f: manyOrs } })), 'INPUT_TOO_LARGE');
    // The same shapes at a sane size still answer.
    const fine = await answer(
      await post({ query, variables: { f: { OR: [{ NOT: { search: 'samsung' } }, { slug: { in: ['kt', 'naver'] } }] } } }),
    );
    expect(fine.errors).toBeUndefined();
    // Within the limit, a long OR or AND is one statement SQLite accepts (its expression tree
    // stops at 1,000 levels, which `a OR b OR …` reached at 1,000 terms).
    const wideOr = { OR: [...Array.from({ length: 1500 }, (_, index) => ({ slug: { eq: `p${index}` } })), { slug: { eq: 'kt' } }] };
    const wideAnd = { AND: Array.from({ length: 1500 }, (_, index) => ({ slug: { ne: `p${index}` } })) };
    const counts = await Promise.all(
      [wideOr, wideAnd].map(async (f) => {
        const result = await answer(await post({ query, variables: { f } }));
        expect(result.errors).toBeUndefined();
        return (result.data as { partners: { totalCount: number } }).partners.totalCount;
      }),
    );
    expect(counts[0]).toBe(1);
    expect(counts[1]).toBeGreaterThan(1);
  });
});

describe('time budget', () => {
  it('cancels a request past it with REQUEST_TIMEOUT, and the process keeps answering', async () => {
    // A budget of 1 ms and a request that reads thousands of rows: it cannot finish in time.
    const { post, base } = await start({ REQUEST_TIMEOUT_MS: '1', RESPONSE_CACHE: 'false' }, (app) => {
      let seed = 7;
      insertRandomAllocations(app.db, () => (seed = (seed * 16807) % 2147483647) / 2147483647, 2000);
    });
    const aliases = Array.from(
      { length: 8 },
      (_, index) =>
        `a${index}: allocations(first: 100, orderBy: { field: QUANTITY, direction: ${index % 2 ? 'ASC' : 'DESC'} }) { edges { node { quantity partner { name } program { name } } } }`,
    ).join(' ');
    const [slow, health] = await Promise.all([
      answer(await post({ query: `{ ${aliases} }` })),
      fetch(`http://${base}/health`, { signal: AbortSignal.timeout(10_000) }),
    ]);
    expectRefused(slow, 'REQUEST_TIMEOUT');
    expect(health.status).toBe(200);
    // Cheap requests still fit in a larger budget: the cancellation is per request.
    expect((await fetch(`http://${base}/health`)).status).toBe(200);
  });
});
