// Normalised client caches against a real server: Apollo Client 4's InMemoryCache and urql's
// graphcache, each without and with the configuration in clients/. Values without identity
// (GpuTotal) lost fields in Apollo and mixed two answers in urql; interface fragments need
// possibleTypes; connections page with the Relay helpers. clients/*.json must equal the schema.
import { readFileSync } from 'node:fs';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql, type InMemoryCacheConfig } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cacheConfig, mergeValue } from '../clients/apollo.js';
import { createGraphcacheConfig } from '../clients/urql.js';
import { cacheTypesOf, possibleTypesOf } from '../src/graphql/features/cache-facts.js';
import { schema } from '../src/graphql/index.js';
import { post, startRealServer, waitFor, type RealServer } from './real-server.js';

const fullQuery = /* GraphQL */ `
  query Full { program(slug: "korea-2025") { id gpuTotal { quantity bound lowerBound upperBound } } }
`;
/** The selection of the dashboard's ProgramTotalsChanged subscription. */
const smallQuery = /* GraphQL */ `
  query Small { program(slug: "korea-2025") { id gpuTotal { quantity bound } } }
`;

interface Full {
  program: { id: string; gpuTotal: { quantity: number; bound: string; lowerBound: number; upperBound: number | null } };
}

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

/** Adds an EXACT allocation: quantity and lowerBound both grow by `quantity`. */
async function addAllocation(quantity: number): Promise<void> {
  const ids = await post<{ program: { id: string }; partner: { id: string } }>(
    server,
    '{ program(slug: "korea-2025") { id } partner(slug: "kt") { id } }',
  );
  const created = await post(
    server,
    'mutation ($input: CreateAllocationInput!) { createAllocation(input: $input) { __typename } }',
    {
      input: {
        programId: ids.data!.program.id,
        partnerId: ids.data!.partner.id,
        quantity,
        bound: 'EXACT',
        status: 'ANNOUNCED',
        announcedOn: '2026-03-01',
      },
    },
    { authorization: `Bearer ${server.writeKey}` },
  );
  expect(created.errors).toBeUndefined();
}

/** Apollo and urql add `__typename` to every selection; the server's answer to the plain query has none. */
function withoutTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypename);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '__typename')
      .map(([key, inner]) => [key, withoutTypename(inner)]),
  );
}

async function current(): Promise<Full> {
  return (await post<Full>(server, fullQuery)).data!;
}

describe('clients/*.json', () => {
  it('equal what the schema says (run `npm run schema:print`)', () => {
    const read = (file: string) => JSON.parse(readFileSync(new URL(`../clients/${file}`, import.meta.url), 'utf8')) as unknown;
    expect(read('possible-types.json')).toEqual(possibleTypesOf(schema));
    expect(read('cache-types.json')).toEqual(cacheTypesOf(schema));
    expect(possibleTypesOf(schema).Error).toEqual([
      'ConflictError',
      'ForbiddenError',
      'NotFoundError',
      'ReferencedError',
      'ValidationError',
    ]);
    expect(cacheTypesOf(schema).values).toEqual(
      expect.arrayContaining(['GpuTotal', 'NationalCapacity', 'MonetaryAmount', 'MoneyTotal', 'BoundBreakdown']),
    );
  });
});

describe('Apollo Client 4', () => {
  const apollo = (config: InMemoryCacheConfig = {}) =>
    new ApolloClient({ cache: new InMemoryCache(config), link: new HttpLink({ uri: server.url }) });

  it('without the configuration, a smaller selection of the same GpuTotal loses the fuller one ("Cache data may be lost")', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = apollo();
    await client.query({ query: gql(fullQuery) });
    await client.query({ query: gql(smallQuery), fetchPolicy: 'network-only' });
    expect(client.readQuery({ query: gql(fullQuery) })).toBeNull();
    expect(warn.mock.calls.flat().join(' ')).toMatch(/Cache data may be lost/);
  });

  it('with it, the same value merges: the fuller query is still answered from the cache', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = apollo(cacheConfig);
    const full = await client.query({ query: gql(fullQuery) });
    await client.query({ query: gql(smallQuery), fetchPolicy: 'network-only' });
    expect(client.readQuery({ query: gql(fullQuery) })).toEqual(full.data);
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/Cache data may be lost/);
  });

  it('with it, a changed value replaces the old one instead of mixing them (a plain `merge: true` mixes)', async () => {
    const configured = apollo(cacheConfig);
    const naive = apollo({ typePolicies: { GpuTotal: { merge: true } } });
    for (const client of [configured, naive]) await client.query({ query: gql(fullQuery) });
    const before = await current();
    await addAllocation(7);
    for (const client of [configured, naive]) await client.query({ query: gql(smallQuery), fetchPolicy: 'network-only' });
    const after = await current();
    expect(after.program.gpuTotal.quantity).toBe(before.program.gpuTotal.quantity + 7);
    expect(after.program.gpuTotal.lowerBound).toBe(before.program.gpuTotal.lowerBound + 7);
    // The plain merge shows the new quantity beside the old lower bound.
    expect((naive.readQuery({ query: gql(fullQuery) }) as Full).program.gpuTotal).toMatchObject({
      quantity: after.program.gpuTotal.quantity,
      lowerBound: before.program.gpuTotal.lowerBound,
    });
    // Ours has no mix to show, and the next read fetches the whole value again.
    expect(configured.readQuery({ query: gql(fullQuery) })).toBeNull();
    expect(withoutTypename((await configured.query({ query: gql(fullQuery) })).data)).toEqual(after);
  });

  it("stays consistent when the dashboard's own subscription (graphql-ws) delivers gpuTotal { quantity bound }", async () => {
    const sockets = createWsClient({ url: server.wsUrl, webSocketImpl: WebSocket });
    const client = new ApolloClient({
      cache: new InMemoryCache(cacheConfig),
      link: ApolloLink.split(
        ({ operationType }) => operationType === 'subscription',
        new GraphQLWsLink(sockets),
        new HttpLink({ uri: server.url }),
      ),
    });
    try {
      await client.query({ query: gql(fullQuery) });
      const events: unknown[] = [];
      const listening = server.app.events.listenerCount();
      const subscription = client
        .subscribe({
          query: gql`subscription Live($slug: String!) { programTotalsChanged(slug: $slug) { id gpuTotal { quantity bound } } }`,
          variables: { slug: 'korea-2025' },
        })
        .subscribe({ next: (event) => events.push(event) });
      await waitFor(() => server.app.events.listenerCount() > listening);
      await addAllocation(5);
      await waitFor(() => events.length > 0);
      const after = await current();
      const cached = client.readQuery({ query: gql(fullQuery) });
      // The whole new value, or nothing (the next read fetches it): never a new quantity beside
      // the old lowerBound.
      if (cached !== null) expect(withoutTypename(cached)).toEqual(after);
      expect(withoutTypename((await client.query({ query: gql(fullQuery) })).data)).toEqual(after);
      subscription.unsubscribe();
    } finally {
      await sockets.dispose();
    }
  });

  it('mergeValue keeps what the incoming copy agrees with and replaces what it contradicts', () => {
    const options = { mergeObjects: (a: object, b: object) => ({ ...a, ...b }) } as never;
    expect(mergeValue({ quantity: 1, lowerBound: 1 }, { quantity: 1 }, options)).toEqual({ quantity: 1, lowerBound: 1 });
    expect(mergeValue({ quantity: 1, lowerBound: 1 }, { quantity: 2 }, options)).toEqual({ quantity: 2 });
  });

  it('matches interface fragments with possibleTypes (Apollo answers from its cache, so without them the field is missing)', async () => {
    const query = gql`query Versioned { partner(slug: "kt") { id name ... on Versioned { version } } }`;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const without = (await apollo().query({ query, errorPolicy: 'all' })).data as { partner: { version?: number } } | undefined;
    expect(without?.partner.version).toBeUndefined();
    const client = apollo(cacheConfig);
    const fetched = (await client.query({ query })).data as { partner: { version?: number } };
    expect(fetched.partner.version).toBeTypeOf('number');
    expect(client.readQuery({ query })).toEqual(fetched);
  });

  it('pages a connection with relayStylePagination: the next page is appended to the cached list', async () => {
    const query = gql`query Page($after: String) { partners(first: 3, after: $after, orderBy: [{ field: NAME, direction: ASC }]) { edges { cursor node { id slug } } pageInfo { hasNextPage endCursor } } }`;
    const client = apollo(cacheConfig);
    const first = await client.query({ query });
    const page = (first.data as { partners: { pageInfo: { endCursor: string } } }).partners;
    // What `fetchMore` does: the next page from the network, merged into the list by the field policy.
    await client.query({ query, variables: { after: page.pageInfo.endCursor }, fetchPolicy: 'network-only' });
    const merged = client.readQuery({ query }) as { partners: { edges: { node: { slug: string } }[] } };
    const direct = await post<{ partners: { edges: { node: { slug: string } }[] } }>(
      server,
      '{ partners(first: 6, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { slug } } } }',
    );
    expect(merged.partners.edges.map((edge) => edge.node.slug)).toEqual(direct.data!.partners.edges.map((edge) => edge.node.slug));
  });
});

describe('urql with graphcache', () => {
  const urql = (config: Parameters<typeof cacheExchange>[0] = {}) =>
    new Client({
      url: server.url,
      exchanges: [cacheExchange(config), fetchExchange],
      requestPolicy: 'cache-first',
      preferGetMethod: false,
    });

  it('without the configuration, a cache-first read shows a new quantity beside the old lowerBound', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = urql();
    await client.query(fullQuery, {}).toPromise();
    const before = await current();
    await addAllocation(11);
    await client.query(smallQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    const read = (await client.query(fullQuery, {}).toPromise()).data as Full;
    const after = await current();
    expect(read.program.gpuTotal.quantity).toBe(after.program.gpuTotal.quantity);
    expect(read.program.gpuTotal.lowerBound).toBe(before.program.gpuTotal.lowerBound);
    expect(read.program.gpuTotal.lowerBound).not.toBe(after.program.gpuTotal.lowerBound);
    // graphcache also warns that it cannot key GpuTotal.
    expect(warn.mock.calls.flat().join(' ')).toMatch(/GpuTotal/);
  });

  it('with it, the read is consistent: the fields the smaller write lacked are fetched again', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const client = urql(createGraphcacheConfig());
    await client.query(fullQuery, {}).toPromise();
    await addAllocation(13);
    await client.query(smallQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    const read = (await client.query(fullQuery, {}).toPromise()).data as Full;
    expect(withoutTypename(read)).toEqual(await current());
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/GpuTotal/);
  });

  it('with it, the same value written by a smaller selection keeps the fuller one in the cache', async () => {
    const client = urql(createGraphcacheConfig());
    const full = (await client.query(fullQuery, {}).toPromise()).data;
    await client.query(smallQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    const posts = server.requests.length;
    const read = await client.query(fullQuery, {}).toPromise();
    expect(read.data).toEqual(full);
    expect(server.requests.length).toBe(posts);
  });

  it('pages a connection with relayPagination: the second page reads as the list so far', async () => {
    const query =
      'query Page($after: String) { partners(first: 3, after: $after, orderBy: [{ field: NAME, direction: ASC }]) { edges { cursor node { id slug } } pageInfo { hasNextPage endCursor } } }';
    type Page = { partners: { edges: { node: { slug: string } }[]; pageInfo: { endCursor: string } } };
    const client = urql(createGraphcacheConfig());
    const first = (await client.query(query, {}).toPromise()).data as Page;
    const second = (await client.query(query, { after: first.partners.pageInfo.endCursor }).toPromise()).data as Page;
    const direct = await post<Page>(
      server,
      '{ partners(first: 6, orderBy: [{ field: NAME, direction: ASC }]) { edges { node { slug } } } }',
    );
    expect(second.partners.edges.map((edge) => edge.node.slug)).toEqual(direct.data!.partners.edges.map((edge) => edge.node.slug));
  });
});
