// Automatic persisted queries with Apollo Client's own PersistedQueryLink against a real port:
// the first run registers the document (two requests), every later run is one request; with
// PERSISTED_OPERATIONS_ONLY=true nothing registers and only the manifest runs.
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../src/server/persisted-operations.js';
import { suiteServer } from './fixtures.js';
import { graphql } from './helpers.js';
import type { RealServer } from './real-server.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function apolloClient(server: RealServer): ApolloClient {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256 }).concat(new HttpLink({ uri: server.url })),
  });
}

const partnerQuery = gql`
  query PartnerForApq($slug: String!) {
    partner(slug: $slug) { id name gpuTotal { quantity bound } }
  }
`;

const graphqlPosts = (server: RealServer) => server.requests.filter((request) => request.path === '/graphql').length;

/** A whole request body (APQ's `extensions`, with or without `query`), as Apollo's link posts it. */
const postJson = (server: RealServer, body: Parameters<typeof graphql>[1]) => graphql(server, body, undefined, { accept: null });

describe('when arbitrary operations are allowed', () => {
  const server = suiteServer();

  it('registers a document on its first run, so every later run (a new client too) is one request', async () => {
    const before = graphqlPosts(server);
    const first = await apolloClient(server).query({ query: partnerQuery, variables: { slug: 'kt' } });
    expect(first.error).toBeUndefined();
    expect(first.data).toMatchObject({ partner: { name: 'KT Corp.' } });
    // PersistedQueryNotFound, then the hash with the text, which registers it.
    expect(graphqlPosts(server) - before).toBe(2);

    for (const slug of ['kt', 'samsung-electronics']) {
      const start = graphqlPosts(server);
      const again = await apolloClient(server).query({ query: partnerQuery, variables: { slug } });
      expect(again.error).toBeUndefined();
      expect((again.data as { partner: { name: string } }).partner.name).toBeTruthy();
      expect(graphqlPosts(server) - start).toBe(1);
    }
  });

  it('refuses a text whose hash is not the one sent, and registers nothing under it', async () => {
    const query = '{ programs(first: 1) { totalCount } }';
    const wrong = sha256('something else');
    const sent = await postJson(server, { query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    expect(sent.status).toBe(400);
    expect(sent.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_MISMATCH');
    const byHash = await postJson(server, { extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    expect(byHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('still serves the manifest by hash, and plain text without a hash', async () => {
    const [hash] = Object.keys(loadManifest());
    const byHash = await postJson(server, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.status).toBe(200);
    expect(byHash.body.errors).toBeUndefined();
    const text = await postJson(server, { query: '{ programs(first: 1) { totalCount } }' });
    expect(text.body).toEqual({ data: { programs: { totalCount: 1 } } });
  });
});

describe('with PERSISTED_OPERATIONS_ONLY=true', () => {
  const server = suiteServer({ persistedOperationsOnly: true });

  it('registers nothing: Apollo gets PERSISTED_QUERY_ONLY on every run', async () => {
    for (let run = 0; run < 2; run += 1) {
      const result = await apolloClient(server).query({ query: partnerQuery, variables: { slug: 'kt' }, errorPolicy: 'all' });
      expect(JSON.stringify(result.error)).toContain('persisted operations');
    }
    const query = 'query PartnerForApq($slug: String!) { partner(slug: $slug) { id } }';
    const registered = await postJson(server, {
      query,
      variables: { slug: 'kt' },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(registered.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const byHash = await postJson(server, {
      variables: { slug: 'kt' },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
    });
    expect(byHash.body.data ?? null).toBeNull();
    const [hash] = Object.keys(loadManifest());
    const manifest = await postJson(server, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(manifest.body.errors).toBeUndefined();
  });
});
