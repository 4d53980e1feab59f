// The service as an Apollo Federation v2 subgraph: its SDL, batched entity resolution, and
// queries through a real Hive Gateway composing it with a second subgraph, all on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { serverDefaults } from '../src/config.js';
import { printSubgraphSdl } from '../src/graphql/index.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { execute, seededServer, StatementLog } from './helpers.js';

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
    const statements = new StatementLog();
    const { yoga } = seededServer({ logger: statements });
    const partners = await execute<{ partners: { edges: { node: { id: string; slug: string } }[] } }>(
      yoga,
      '{ partners(first: 100) { edges { node { id slug } } } }',
    );
    const references = partners.body.data!.partners.edges.map(({ node }, index) =>
      index % 2 === 0 ? { __typename: 'Partner', id: node.id } : { __typename: 'Partner', slug: node.slug },
    );
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Partner { id slug name gpuTotal { quantity } allocations(first: 3) { edges { node { quantity } } } } } }`;
    statements.reset();
    const one = await execute<{ _entities: { slug: string }[] }>(yoga, query, { representations: references.slice(0, 2) });
    const forOne = statements.count;
    statements.reset();
    const all = await execute<{ _entities: { slug: string }[] }>(yoga, query, { representations: references });
    const forAll = statements.count;
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

  it('answers a key the type does not have with NOT_FOUND (a garbled id: INVALID_ID) for that entity, not a failed batch', async () => {
    const { yoga } = seededServer();
    const allocation = await execute<{ allocations: { edges: { node: { id: string } }[] } }>(
      yoga,
      '{ allocations(first: 1) { edges { node { id } } } }',
    );
    const id = allocation.body.data!.allocations.edges[0]!.node.id;
    const { body } = await execute<{ _entities: ({ id: string } | null)[] }>(
      yoga,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Allocation { id } } }',
      {
        r: [
          { __typename: 'Allocation', id },
          { __typename: 'Allocation', slug: 'no-slugs-here' },
          { __typename: 'Allocation', id: 42 },
        ],
      },
    );
    expect(body.data!._entities).toEqual([{ id }, null, null]);
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'INVALID_ID'],
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

/**
 * A second Relay-style subgraph, defined as another team would: its own `PageInfo` (so ours must
 * be @shareable), its own `Node` interface, an error type implementing our `Error` interface's
 * shape, the same date scalar, and a reference to our `Partner`.
 */
const newsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  scalar DateTime

  interface Node {
    id: ID!
  }

  interface Error {
    message: String!
    code: String!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Partner @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Article implements Node @key(fields: "id") {
    id: ID!
    title: String!
    publishedAt: DateTime!
    partner: Partner!
  }

  type ArticleEdge {
    cursor: String!
    node: Article!
  }

  type ArticleConnection {
    edges: [ArticleEdge!]!
    pageInfo: PageInfo!
  }

  type ArticleNotFoundError implements Error {
    message: String!
    code: String!
  }

  union ArticleResult = Article | ArticleNotFoundError

  type Query {
    articles(first: Int, after: String): ArticleConnection!
    article(id: ID!): ArticleResult!
  }
`);

function startServer(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  // As our own server does: idle connections outlive the gateway's agent's, or a request the
  // gateway sends on a socket as it closes is reset (ECONNRESET) when the event loop is busy.
  server.keepAliveTimeout = serverDefaults.keepAliveTimeoutMs;
  return listen(server, 0, '127.0.0.1').then((port) => ({ server, url: `http://127.0.0.1:${port}/graphql` }));
}

describe('through a real gateway', () => {
  let app: App;
  const servers: Server[] = [];
  let gateway: ReturnType<typeof createGatewayRuntime>;
  let featuredPartnerId = '';
  let subgraphs: { name: string; typeDefs: ReturnType<typeof parse>; url: string }[] = [];

  beforeAll(async () => {
    app = createApp({ databasePath: ':memory:', seedOnStart: true, seedDatasets: ['korea-2025'], graphiql: false, logging: false });
    const ours = createHttpServer(app, { db: app.db });
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

    const samsung = await execute<{ partner: { id: string } }>(app.yoga, '{ partner(slug: "samsung-electronics") { id } }');
    const articles = [
      { id: 'a1', title: 'KT opens its AI factory', publishedAt: '2025-11-01T00:00:00Z', partner: { id: featuredPartnerId } },
      { id: 'a2', title: 'Samsung orders Blackwell', publishedAt: '2025-11-02T00:00:00Z', partner: { id: samsung.body.data!.partner.id } },
      { id: 'a3', title: 'A third story', publishedAt: '2025-11-03T00:00:00Z', partner: { id: featuredPartnerId } },
    ];
    const newsSchema = buildSubgraphSchema({
      typeDefs: newsTypeDefs,
      resolvers: {
        Query: {
          articles: (_root: unknown, args: { first?: number; after?: string }) => {
            const start = args.after ? articles.findIndex((article) => article.id === args.after) + 1 : 0;
            const page = articles.slice(start, start + (args.first ?? 10));
            return {
              edges: page.map((node) => ({ cursor: node.id, node })),
              pageInfo: {
                hasNextPage: start + page.length < articles.length,
                hasPreviousPage: start > 0,
                startCursor: page[0]?.id ?? null,
                endCursor: page.at(-1)?.id ?? null,
              },
            };
          },
          article: (_root: unknown, args: { id: string }) =>
            articles.find((article) => article.id === args.id) ?? {
              __typename: 'ArticleNotFoundError',
              message: `No article ${args.id}.`,
              code: 'NOT_FOUND',
            },
        },
        ArticleResult: { __resolveType: (value: { __typename?: string }) => value.__typename ?? 'Article' },
        Article: { __resolveReference: (reference: { id: string }) => articles.find((article) => article.id === reference.id) },
      },
    });
    const news = await startServer(createYoga({ schema: newsSchema, logging: false }));
    servers.push(news.server);

    subgraphs = [
      { name: 'ai-factory-graph', typeDefs: parse(printSubgraphSdl()), url: oursUrl },
      { name: 'reviews', typeDefs: reviewsTypeDefs, url: reviews.url },
      { name: 'news', typeDefs: newsTypeDefs, url: news.url },
    ];
    const composed = composeServices(subgraphs);
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((error) => error.message).join('; ')}`);
    gateway = createGatewayRuntime({ supergraph: composed.supergraphSdl, logging: false });
  });

  afterAll(async () => {
    await gateway?.dispose();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    app.close();
  });

  async function viaGateway<T>(query: string, through = gateway): Promise<{ data?: T; errors?: unknown[] }> {
    const response = await through.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  }

  it("adds the other subgraph's fields to our entities", async () => {
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
      {
        name: 'Quantum computing on the Hangang supercomputer',
        watchers: 'hangang-quantum-computing'.length,
        participants: { totalCount: 2 },
      },
    ]);
  });

  it("composes with a second Relay-style subgraph's PageInfo, Node and Error in both composers", () => {
    const guild = composeServices(subgraphs);
    const apollo = composeWithApollo(subgraphs);
    expect(guild.errors?.map((error) => error.message)).toBeUndefined();
    expect(apollo.errors?.map((error) => error.message)).toBeUndefined();
  });

  it("pages both subgraphs' connections and follows a reference into ours, through supergraphs from both composers", async () => {
    const apollo = composeWithApollo(subgraphs);
    const apolloGateway = createGatewayRuntime({ supergraph: apollo.supergraphSdl!, logging: false });
    try {
      for (const through of [gateway, apolloGateway]) {
        const result = await viaGateway<{
          articles: {
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: { node: { title: string; partner: { name: string; rating: number } } }[];
          };
          partners: { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
          missing: { __typename: string; code?: string };
        }>(
          `{
            articles(first: 2) { pageInfo { hasNextPage endCursor } edges { node { title partner { name rating } } } }
            partners(first: 2) { pageInfo { hasNextPage endCursor } }
            missing: article(id: "zz") { __typename ... on Error { code } }
          }`,
          through,
        );
        expect(result.errors).toBeUndefined();
        expect(result.data!.articles.pageInfo).toEqual({ hasNextPage: true, endCursor: 'a2' });
        expect(result.data!.articles.edges.map(({ node }) => [node.title, node.partner.name, node.partner.rating])).toEqual([
          ['KT opens its AI factory', 'KT Corp.', 5],
          ['Samsung orders Blackwell', 'Samsung Electronics', 3],
        ]);
        expect(result.data!.partners.pageInfo.hasNextPage).toBe(true);
        expect(typeof result.data!.partners.pageInfo.endCursor).toBe('string');
        expect(result.data!.missing).toEqual({ __typename: 'ArticleNotFoundError', code: 'NOT_FOUND' });
      }
    } finally {
      await apolloGateway.dispose();
    }
  });
});
