// Bad input, systematically, over a real port: every case gets a 4xx, a coded GraphQL error, or
// (for odd but valid text) a correct answer; never a 500, a stack trace or SQL; and the server
// keeps answering.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { createHttpServer, listen } from '../src/server/http.js';

let app: App;
let server: Server;
let base = '';
let key = '';

beforeAll(async () => {
  app = createApp({ databasePath: ':memory:', seedOnStart: true, graphiql: false, logging: false });
  key = createApiKey(app.db, { name: 'writer', scopes: ['write'] }).key;
  server = createHttpServer(app, { db: app.db, maxBodyBytes: 200_000 });
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  app.close();
});

/** '4xx': an HTTP client error; 'coded': a 4xx or a GraphQL error with a code; 'answer': data. */
type Expectation = '4xx' | 'coded' | 'answer';
interface Case {
  name: string;
  expect: Expectation;
  request: () => Promise<Response>;
}

const json =
  (body: unknown, headers: () => Record<string, string> = () => ({})) =>
  () =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers() },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
const query = (text: string, variables?: Record<string, unknown>) => json({ query: text, variables });
const search = (text: string) =>
  query('query ($s: String) { partners(filter: { search: $s }) { totalCount edges { node { name } } } }', { s: text });
const createPartner = (name: string) =>
  json(
    {
      query: 'mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { __typename ... on Error { code } } }',
      variables: { input: { slug: `p-${Math.random().toString(36).slice(2, 10)}`, name, kind: 'COMPANY' } },
    },
    () => ({ authorization: `Bearer ${key}` }),
  );

const cases: Case[] = [
  { name: 'malformed JSON', expect: '4xx', request: json('{"query": "{ __typename }"') },
  { name: 'JSON that is not an object', expect: '4xx', request: json('[1, 2, 3]') },
  { name: 'empty body', expect: '4xx', request: json('') },
  { name: 'empty JSON object', expect: 'coded', request: json('{}') },
  { name: 'JSON null', expect: '4xx', request: json('null') },
  {
    name: 'wrong content type',
    expect: '4xx',
    request: () => fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<query/>' }),
  },
  { name: 'query that is not a string', expect: '4xx', request: json({ query: 42 }) },
  {
    name: 'mutation over GET',
    expect: '4xx',
    request: () => fetch(`${base}/graphql?query=${encodeURIComponent('mutation { __typename }')}`),
  },
  { name: 'PUT', expect: '4xx', request: () => fetch(`${base}/graphql`, { method: 'PUT', body: '{}' }) },
  { name: 'unknown path', expect: '4xx', request: () => fetch(`${base}/admin.php`) },
  { name: 'oversized body', expect: '4xx', request: json({ query: `{ __typename } #${'x'.repeat(300_000)}` }) },
  { name: 'syntax error', expect: 'coded', request: query('{ partners { ') },
  { name: 'unknown field', expect: 'coded', request: query('{ nope }') },
  { name: 'huge document', expect: 'coded', request: query(`{ ${'__typename '.repeat(20_000)} }`) },
  {
    name: 'deep document',
    expect: 'coded',
    request: query(
      `{ programs { edges { node { ${'supplier { allocations { edges { node { partner { '.repeat(8)}name${' } } } } }'.repeat(8)} } } } }`,
    ),
  },
  {
    name: 'many aliases',
    expect: 'coded',
    request: query(`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: programs { totalCount }`).join(' ')} }`),
  },
  { name: 'wrong variable type', expect: 'coded', request: query('query ($n: Int) { partners(first: $n) { totalCount } }', { n: 'ten' }) },
  {
    name: 'variable over 32 bits',
    expect: 'coded',
    request: query('query ($n: Int) { partners(first: $n) { totalCount } }', { n: 2 ** 40 }),
  },
  { name: 'missing required variable', expect: 'coded', request: query('query ($s: String!) { partner(slug: $s) { id } }') },
  { name: 'invalid global ID', expect: 'coded', request: query('{ node(id: "not-an-id") { id } }') },
  {
    name: 'ID of another type in a filter',
    expect: 'coded',
    request: query('{ allocations(filter: { id: { eq: "UGFydG5lcjox" } }) { totalCount } }'),
  },
  { name: 'invalid cursor', expect: 'coded', request: query('{ partners(first: 2, after: "garbage") { edges { cursor } } }') },
  { name: 'page too large', expect: 'coded', request: query('{ partners(first: 5000) { edges { cursor } } }') },
  {
    name: 'impossible date',
    expect: 'coded',
    request: query('{ programs(filter: { announcedOn: { gt: "2025-02-30" } }) { totalCount } }'),
  },
  { name: 'unknown currency', expect: 'coded', request: query('{ investmentTotals(groupBy: [], currency: "ZZZ") { total { amount } } }') },
  {
    name: 'malformed Authorization header',
    expect: '4xx',
    request: json({ query: '{ __typename }' }, () => ({ authorization: 'Bearer' })),
  },
  { name: 'SQL-like search text', expect: 'answer', request: search("'; DROP TABLE partners; --") },
  { name: 'SQL wildcard search text', expect: 'answer', request: search('%_%') },
  { name: 'control characters', expect: 'coded', request: search('\u0000\u0001\u001b[31m') },
  { name: 'lone surrogate in a search', expect: 'coded', request: search('a\ud800b') },
  { name: 'lone surrogate in a write', expect: 'coded', request: createPartner('a\ud800b') },
  { name: 'very long search string', expect: 'answer', request: search('가'.repeat(50_000)) },
  { name: 'Korean and emoji search', expect: 'answer', request: search('삼성 🚀') },
  { name: 'Korean and emoji name in a write', expect: 'answer', request: createPartner('엔비디아 파트너 🚀') },
  { name: 'very long name in a write', expect: 'coded', request: createPartner('x'.repeat(10_000)) },
  { name: 'blank name in a write', expect: 'coded', request: createPartner('   ') },
];

describe('bad input', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const response = await entry.request();
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBeLessThan(500);
    expect(text).not.toMatch(/\bat [\w.<>]+ \(.*:\d+:\d+\)/);
    expect(text).not.toMatch(/SQLITE_|sqlite3?_|select .* from/i);
    if (entry.expect === '4xx') {
      expect(response.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
      return;
    }
    const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
    const typedError = JSON.stringify(body.data ?? {}).match(/"code":"([A-Z_]+)"/)?.[1];
    if (entry.expect === 'coded') {
      if (response.status >= 400) return;
      const code = body.errors?.[0]?.extensions?.code ?? typedError;
      expect(code, text.slice(0, 300)).toMatch(/^[A-Z_]+$/);
    } else {
      expect(body.errors, text.slice(0, 300)).toBeUndefined();
      expect(typedError).toBeUndefined();
    }
  });

  it('leaves the server answering, and the data intact', async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ program(slug: "korea-2025") { gpuTotal { quantity } } partners { totalCount } }' }),
    });
    const body = (await response.json()) as { data: { program: { gpuTotal: { quantity: number } }; partners: { totalCount: number } } };
    expect(body.data.program.gpuTotal.quantity).toBe(260_000);
    expect(body.data.partners.totalCount).toBeGreaterThanOrEqual(17);
  });
});
