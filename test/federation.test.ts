// The service as an Apollo Federation v2 subgraph: its SDL, batched entity resolution, and
// queries through a real Hive Gateway composing it with a second subgraph, all on 127.0.0.1.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createServer } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { printSubgraphSdl } from '../src/schema/index.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { execute, seededServer } from './helpers.js';

describe('subgraph SDL', () => {
  const { yoga } = seededServer();

  it('_service.sdl equals subgraph.graphql and links Federation v2', async () => {
    const { body } = await execute<{ _service: { sdl: string } }>(yoga, '{ _service { sdl } }');
    const committed = readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printSubgraphSdl());
    expect(`${body.data!._service.sdl}\n`).toBe(committed);
    expect(committed).toMatch(/@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+"/);
  });

  it('offers every entity by id, and the slugged ones by slug too', () => {
    const sdl = printSubgraphSdl();
    const keys = (type: string) => {
      const header = new RegExp(`type ${type} implements[^{]*`).exec(sdl)?.[0] ?? '';
      return [...header.matchAll(/@key\(fields: "(\w+)"\)/g)].map((match) => match[1]);
    };
    for (const type of ['Program', 'Partner', 'GpuModel', 'Initiative', 'Investment', 'Source']) {
      expect(keys(type), type).toEqual(['id', 'slug']);
    }
    expect(keys('Allocation')).toEqual(['id']);
  });
});

describe('_entities', () => {
  it('resolves N references with the same number of SQL statements as 1', async () => {
    let statements = 0;
    const { yoga } = seededServer({ logger: { logQuery: () => (statements += 1) } });
    const partners = await execute<{ partners: { edges: { node: { id: string; slug: string } }[] } }>(
      yoga,
      '{ partners(first: 100) { edges { node { id slug } } } }',
    );
    const references = partners.body.data!.partners.edges.map(({ node }, index) =>
      index % 2 === 0 ? { __typename: 'Partner', id: node.id } : { __typename: 'Partner', slug: node.slug },
    );
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Partner { id slug name gpuTotal { quantity } allocations(first: 3) { edges { node { quantity } } } } } }`;
    statements = 0;
    const one = await execute<{ _entities: { slug: string }[] }>(yoga, query, { representations: references.slice(0, 2) });
    const forOne = statements;
    statements = 0;
    const all = await execute<{ _entities: { slug: string }[] }>(yoga, query, { representations: references });
    const forAll = statements;
    expect(one.body.errors).toBeUndefined();
    expect(all.body.data!._entities.map((entity) => entity.slug)).toEqual(partners.body.data!.partners.edges.map(({ node }) => node.slug));
    expect(references.length).toBeGreaterThan(10);
    expect(forAll).toBe(forOne);
    // One statement loads every reference with its selection (allocations included), one the GPU totals.
    expect(forOne).toBe(2);
  });

  it('answers an unknown key with null and an error for that entity only', async () => {
    const { yoga } = seededServer();
    const { body } = await execute<{ _entities: ({ slug: string } | null)[] }>(
      yoga,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { slug } ... on Program { slug } } }',
      {
        r: [
          { __typename: 'Partner', slug: 'kt' },
          { __typename: 'Partner', slug: 'no-such-partner' },
          { __typename: 'Program', id: Buffer.from('Program:999').toString('base64') },
          { __typename: 'Program', slug: 'korea-2025' },
        ],
      },
    );
    expect(body.data!._entities).toEqual([{ slug: 'kt' }, null, null, { slug: 'korea-2025' }]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'NOT_FOUND'],
    ]);
  });

  it('answers a key the type does not have with NOT_FOUND for that entity, not a failed batch', async () => {
    const { yoga } = seededServer();
    const allocation = await execute<{ allocations: { edges: { node: { id: string } }[] } }>(yoga, '{ allocations(first: 1) { edges { node { id } } } }');
    const id = allocation.body.data!.allocations.edges[0]!.node.id;
    const { body } = await execute<{ _entities: ({ id: string } | null)[] }>(
      yoga,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Allocation { id } } }',
      { r: [{ __typename: 'Allocation', id }, { __typename: 'Allocation', slug: 'no-slugs-here' }, { __typename: 'Allocation', id: 42 }] },
    );
    expect(body.data!._entities).toEqual([{ id }, null, null]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'NOT_FOUND'],
    ]);
  });
});

/** A second subgraph, defined here, that extends our Partner and Initiative and points back at them. */
const reviewsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type Partner @key(fields: "id") {
    id: ID!
    rating: Int!
  }

  type Initiative @key(fields: "slug") {
    slug: String!
    watchers: Int!
  }

  type Query {
    featuredPartner: Partner
    featuredInitiatives: [Initiative!]!
  }
`);

function startServer(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return listen(server, 0, '127.0.0.1').then((port) => ({ server, url: `http://127.0.0.1:${port}/graphql` }));
}

describe('through a real gateway', () => {
  let app: App;
  const servers: Server[] = [];
  let gateway: ReturnType<typeof createGatewayRuntime>;
  let featuredPartnerId = '';

  beforeAll(async () => {
    app = createApp({ databasePath: ':memory:', seedOnStart: true, graphiql: false, logging: false });
    const ours = createHttpServer(app.yoga, { db: app.db });
    const oursUrl = `http://127.0.0.1:${await listen(ours, 0, '127.0.0.1')}/graphql`;
    servers.push(ours);

    const kt = await execute<{ partner: { id: string } }>(app.yoga, '{ partner(slug: "kt") { id } }');
    featuredPartnerId = kt.body.data!.partner.id;
    const reviewsSchema = buildSubgraphSchema({
      typeDefs: reviewsTypeDefs,
      resolvers: {
        Query: {
          featuredPartner: () => ({ id: featuredPartnerId }),
          featuredInitiatives: () => [{ slug: 'ai-native-6g' }, { slug: 'hangang-quantum-computing' }],
        },
        Partner: {
          __resolveReference: (reference: { id: string }) => reference,
          rating: (partner: { id: string }) => (partner.id === featuredPartnerId ? 5 : 3),
        },
        Initiative: {
          __resolveReference: (reference: { slug: string }) => reference,
          watchers: (initiative: { slug: string }) => initiative.slug.length,
        },
      },
    });
    const reviews = await startServer(createYoga({ schema: reviewsSchema, logging: false }));
    servers.push(reviews.server);

    const composed = composeServices([
      { name: 'ai-factory-graph', typeDefs: parse(printSubgraphSdl()), url: oursUrl },
      { name: 'reviews', typeDefs: reviewsTypeDefs, url: reviews.url },
    ]);
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
    gateway = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: false });
  });

  afterAll(async () => {
    await gateway?.dispose();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    app.close();
  });

  async function viaGateway<T>(query: string): Promise<{ data?: T; errors?: unknown[] }> {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  }

  it('adds the other subgraph\'s fields to our entities', async () => {
    const result = await viaGateway<{ partners: { edges: { node: { slug: string; rating: number } }[] } }>(
      '{ partners(first: 100, filter: { kind: { eq: TELECOM } }) { edges { node { slug rating } } } }',
    );
    expect(result.errors).toBeUndefined();
    const ratings = Object.fromEntries(result.data!.partners.edges.map(({ node }) => [node.slug, node.rating]));
    expect(ratings).toEqual({ kt: 5, 'lg-uplus': 3, 'sk-telecom': 3 });
  });

  it('resolves our entities when the other subgraph references them, by id and by slug', async () => {
    const result = await viaGateway<{
      featuredPartner: { name: string; gpuTotal: { quantity: number }; rating: number };
      featuredInitiatives: { name: string; watchers: number; participants: { totalCount: number } }[];
    }>(`{
      featuredPartner { name rating gpuTotal { quantity } }
      featuredInitiatives { name watchers participants { totalCount } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.featuredPartner).toEqual({ name: 'KT Corp.', rating: 5, gpuTotal: { quantity: 0 } });
    expect(result.data!.featuredInitiatives).toEqual([
      { name: 'AI-native 6G (AI-RAN)', watchers: 'ai-native-6g'.length, participants: { totalCount: 7 } },
      { name: 'Quantum computing on the Hangang supercomputer', watchers: 'hangang-quantum-computing'.length, participants: { totalCount: 2 } },
    ]);
  });
});
