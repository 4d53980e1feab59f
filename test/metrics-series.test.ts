// Every series /metrics exposes, read as prom-client writes it after a known mix of requests over
// a real port and graphql-ws: the names, the labels, the buckets, and how many times each request
// counts in each (src/server/plugins/use-metrics.ts records them without @envelop/prometheus).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../src/server/persisted-operations.js';
import { startServer } from './fixtures.js';
import { send } from './helpers.js';

/** prom-client's default histogram buckets, which every histogram here keeps. */
const buckets = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];

/** The value of the one line `series{labels}` (labels in prom-client's order), or undefined. */
function value(text: string, series: string, labels: Record<string, string | number> = {}): number | undefined {
  const body = Object.entries(labels)
    .map(([name, label]) => `${name}="${label}"`)
    .join(',');
  const line = body ? `${series}{${body}}` : series;
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe('/metrics series', () => {
  it('count each request once in each series it belongs to, with bounded labels', async () => {
    const server = await startServer();
    const metrics = async () => (await send(server, undefined, { method: 'GET', path: '/metrics' })).text();
    const [hash, shipped] = Object.entries(loadManifest()).find(([, text]) => text.includes('PageThroughPartners'))!;
    const post = async (body: unknown, headers: Record<string, string> = {}) => (await send(server, body, { headers })).status;

    expect(await post({ query: '{ programs { totalCount } }' })).toBe(200);
    expect(await post({ query: 'query Named { programs { totalCount } }' })).toBe(200);
    expect(await post({ query: shipped })).toBe(200);
    // GET, with a query string the labels must not carry.
    const get = await send(server, undefined, { method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}&leak=1` });
    expect(get.status).toBe(200);
    // A parse error, a validation error, two execution errors in one result, a refused key.
    // (Answered 200 with `errors` but the refused key, as yoga answers a client sending no Accept.)
    expect(await post({ query: '{' })).toBe(200);
    expect(await post({ query: '{ nope }' })).toBe(200);
    expect(await post({ query: '{ a: node(id: "bad") { id } b: node(id: "worse") { id } }' })).toBe(200);
    expect(await post({ query: '{ __typename }' }, { authorization: 'Bearer afg_not-a-key' })).toBe(401);
    // The first definition is a fragment: the envelop series have no type, the HTTP one has.
    expect(await post({ query: 'fragment F on Query { __typename } query Q { ...F }' })).toBe(200);
    // Over graphql-ws: the GraphQL series count it, the HTTP one does not (no HTTP request).
    const client = createClient({ url: server.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const overSocket = await new Promise((resolve, reject) => {
      let result: unknown;
      client.subscribe(
        { query: '{ programs { totalCount } }' },
        { next: (next) => (result = next), error: reject, complete: () => resolve(result) },
      );
    });
    await client.dispose();
    expect(overSocket).toMatchObject({ data: { programs: { totalCount: expect.any(Number) } } });

    const text = await metrics();
    const other = { operationType: 'query', operation: 'other' };
    const ofShipped = { operationType: 'query', operation: hash };
    // Executed: the two "other" POSTs, the GET, the one with execution errors, the socket's query.
    expect(value(text, 'graphql_envelop_request', other)).toBe(5);
    expect(value(text, 'graphql_envelop_request', ofShipped)).toBe(1);
    expect(value(text, 'graphql_envelop_request', { operationType: 'unknown', operation: 'other' })).toBe(1);
    for (const histogram of ['graphql_envelop_request_duration', 'graphql_envelop_phase_execute']) {
      expect(value(text, `${histogram}_count`, other)).toBe(5);
      expect(value(text, `${histogram}_count`, ofShipped)).toBe(1);
      expect(buckets.map((le) => value(text, `${histogram}_bucket`, { le, ...ofShipped }) !== undefined)).not.toContain(false);
      expect(value(text, `${histogram}_bucket`, { le: '+Inf', ...other })).toBe(5);
    }
    expect(value(text, 'graphql_envelop_error_result', { operationType: 'unknown', operation: 'none', phase: 'parse' })).toBe(1);
    expect(value(text, 'graphql_envelop_error_result', { ...other, phase: 'validate' })).toBe(1);
    expect(value(text, 'graphql_envelop_error_result', { ...other, phase: 'execute' })).toBe(2);
    expect(value(text, 'graphql_envelop_error_result', { ...other, phase: 'context' })).toBe(1);
    expect(value(text, 'graphql_envelop_schema_change')).toBe(1);

    const http = (labels: Record<string, string | number>) => ({ ...labels, route: '/graphql' });
    const post200 = http({ ...other, method: 'POST', statusCode: 200 });
    // Every request whose document parsed, whatever its answer; not the parse error, not /metrics:
    // two POSTs, the validation and execution errors, the fragment first (its operation is a query).
    expect(value(text, 'graphql_yoga_http_duration_count', post200)).toBe(5);
    expect(value(text, 'graphql_yoga_http_duration_count', http({ ...ofShipped, method: 'POST', statusCode: 200 }))).toBe(1);
    expect(value(text, 'graphql_yoga_http_duration_count', http({ ...other, method: 'GET', statusCode: 200 }))).toBe(1);
    expect(value(text, 'graphql_yoga_http_duration_count', http({ ...other, method: 'POST', statusCode: 401 }))).toBe(1);
    expect(buckets.map((le) => value(text, 'graphql_yoga_http_duration_bucket', { le, ...post200 }) !== undefined)).not.toContain(false);
    const httpCounts = text.split('\n').filter((line) => line.startsWith('graphql_yoga_http_duration_count'));
    expect(httpCounts.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)).toBe(8);

    // The series are exactly these, each with its help and type.
    const names = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => `${name} ${type}`);
    expect(names).toEqual([
      'graphql_front_cache_hits_total counter',
      'graphql_yoga_http_duration histogram',
      'graphql_envelop_request counter',
      'graphql_envelop_request_duration histogram',
      'graphql_envelop_phase_execute histogram',
      'graphql_envelop_error_result counter',
      'graphql_envelop_schema_change counter',
    ]);
    expect(text).not.toMatch(/Named|leak|url=|path=/);
  });
});
