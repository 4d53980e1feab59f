// The direct lane (src/server/direct-lane.ts) against yoga itself: one app over all bundled
// datasets, served by two real HTTP servers, one with the lane and one without it (yoga answers
// everything there). Every request goes to both, raw over node:http, and the answers must be the
// same bytes with the same status and headers (but the date and the request id); the lane's own
// count says whether it answered or handed the request to yoga.
import { request as httpRequest, type Server } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { exampleOperations } from '../src/server/example-operations.js';
import { startRealServer, type RealServer } from './real-server.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One POST to /graphql on `port`, answered raw (no decompression, no header normalising). */
function raw(port: number, body: string, headers: Record<string, string>, path = '/graphql'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/** Headers that differ between any two answers (the clock and the request id). */
function comparable(headers: Raw['headers']): Raw['headers'] {
  const { date: _date, 'x-request-id': _id, ...rest } = headers;
  return rest;
}

async function port(server: Server): Promise<number> {
  return listen(server, 0, '127.0.0.1');
}

describe('the direct lane', () => {
  let service: RealServer;
  let yogaOnly: Server;
  let lanePort: number;
  let yogaPort: number;
  let adminKey: string;

  beforeAll(async () => {
    service = await startRealServer({ responseCache: false, seedDatasets: undefined, maxIdsPerRequest: 60 });
    adminKey = createApiKey(service.app.db, { name: 'admin', scopes: ['admin'] }).key;
    expect(service.app.lane).toBeDefined();
    lanePort = Number(new URL(service.origin).port);
    // The same app (database, yoga, plugins and metrics) behind a server without the lane.
    yogaOnly = createHttpServer({ ...service.app, lane: undefined }, { db: service.app.db });
    yogaPort = await port(yogaOnly);
  });
  afterAll(async () => {
    yogaOnly.closeAllConnections();
    await new Promise((resolve) => yogaOnly.close(resolve));
    await service.close();
  });

  const json = { 'content-type': 'application/json' };

  /**
   * Sends `body` to the lane's server twice (the first teaches it, when yoga executes it) and to
   * yoga's once; the second answer must equal yoga's, and the lane must have answered it or not.
   */
  async function same(body: unknown, headers: Record<string, string> = json, answeredByLane = true): Promise<Raw> {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    await raw(lanePort, text, headers);
    const before = service.app.lane!.answered;
    const lane = await raw(lanePort, text, headers);
    const yoga = await raw(yogaPort, text, headers);
    expect(lane.body.toString('utf8')).toBe(yoga.body.toString('utf8'));
    expect(lane.status).toBe(yoga.status);
    expect(comparable(lane.headers)).toEqual(comparable(yoga.headers));
    // Each answer has a request id of its own (the lane writes it with its other headers).
    expect(lane.headers['x-request-id']).toMatch(/^[\w.-]{1,64}$/);
    expect(yoga.headers['x-request-id']).toMatch(/^[\w.-]{1,64}$/);
    expect(lane.headers['x-request-id']).not.toBe(yoga.headers['x-request-id']);
    expect(service.app.lane!.answered - before).toBe(answeredByLane ? 1 : 0);
    return lane;
  }

  it("answers with the client's request id when it sends a usable one, as yoga's answers do", async () => {
    const body = JSON.stringify({ query: '{ programs { totalCount } }' });
    await raw(lanePort, body, json);
    const before = service.app.lane!.answered;
    const given = await raw(lanePort, body, { ...json, 'x-request-id': 'trace-42.a' });
    expect(given.headers['x-request-id']).toBe('trace-42.a');
    const refused = await raw(lanePort, body, { ...json, 'x-request-id': 'no spaces allowed' });
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(service.app.lane!.answered - before).toBe(2);
  });

  async function ids(): Promise<{ allocation: string; partners: string[]; programs: string[] }> {
    const answer = await raw(
      yogaPort,
      JSON.stringify({
        query:
          '{ allocations(first: 1) { edges { node { id } } } partners(first: 5) { edges { node { id } } } programs { edges { node { id } } } }',
      }),
      json,
    );
    const data = JSON.parse(answer.body.toString('utf8')).data;
    const of = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);
    return { allocation: of(data.allocations)[0]!, partners: of(data.partners), programs: of(data.programs) };
  }

  it('answers every example operation as yoga does, byte for byte', async () => {
    const names = [...exampleOperations.matchAll(/^query (\w+)/gm)].map((match) => match[1]!);
    expect(names.length).toBeGreaterThan(8);
    for (const operationName of names) {
      const answer = await same({ query: exampleOperations, operationName });
      expect(JSON.parse(answer.body.toString('utf8')).errors).toBeUndefined();
    }
  });

  it('answers small lookups, nested lists and totals with variables as yoga does', async () => {
    const { allocation, partners, programs } = await ids();
    await same({
      query:
        'query Node($id: ID!) { node(id: $id) { id ... on Allocation { quantity bound status announcedOn partner { name } gpuModel { name } } } }',
      variables: { id: allocation },
    });
    const entities = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id slug name kind } } }';
    await same({ query: entities, variables: { r: partners.map((id) => ({ __typename: 'Partner', id })) } });
    // Another variable value of the same document takes the same plan.
    await same({ query: entities, variables: { r: partners.slice(1, 3).map((id) => ({ __typename: 'Partner', id })) } });
    await same({ query: 'query N($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }', variables: { ids: [...programs, ...partners] } });
    // The bench's nested lists (read planner), their cursors and totals too.
    await same({
      query: `{ partners(first: 6) { totalCount edges { cursor node { name allocations(first: 3) { totalCount edges { node { quantity
        citations(first: 2) { edges { node { quote source { publisher } } } } } } } } } } }`,
    });
    await same({
      query: `{ programs(first: 3, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { name initiatives(first: 4) {
        edges { node { name allocations(first: 3) { edges { node { quantity partner { name } citations(first: 2) { edges { node { quote } } } } } } } } } } } } }`,
    });
    await same({
      query: `query F($min: Int!) { partners(first: 5, filter: { kind: { eq: COMPANY } }, orderBy: [{ field: NAME, direction: DESC }]) { edges { node { name
        allocations(first: 3, filter: { quantity: { gte: $min } }, orderBy: [{ field: ANNOUNCED_ON, direction: DESC }]) { edges { node { quantity status gpuModel { name } } } } } } } }`,
      variables: { min: 100 },
    });
    await same({
      query:
        'query T($kind: PartnerKind!) { allocationTotals(filter: { partner: { kind: { eq: $kind } } }, groupBy: [PARTNER]) { gpuTotal { quantity } groups { label gpuTotal { quantity } } } }',
      variables: { kind: 'GOVERNMENT' },
    });
  });

  it('negotiates the content type and the encoding as yoga does', async () => {
    const body = { query: 'query Many { programs { edges { node { slug name nameKo announcedOn } } } }' };
    for (const accept of [
      '*/*',
      'application/json',
      'application/graphql-response+json',
      'application/graphql-response+json, application/json;q=0.9',
      'application/json, text/plain, */*',
    ]) {
      await same(body, { ...json, accept });
    }
    for (const encoding of ['br', 'gzip', 'gzip, deflate, br', 'identity']) {
      const answer = await same(body, { ...json, 'accept-encoding': encoding });
      const decoded =
        answer.headers['content-encoding'] === 'br'
          ? brotliDecompressSync(answer.body)
          : answer.headers['content-encoding'] === 'gzip'
            ? gunzipSync(answer.body)
            : answer.body;
      expect(JSON.parse(decoded.toString('utf8')).data.programs.edges.length).toBeGreaterThan(5);
    }
    // A form the lane does not know is yoga's to negotiate: here a 406.
    const refused = await same(body, { ...json, accept: 'text/html' }, false);
    expect(refused.status).toBe(406);
  });

  it('hands yoga whatever it must answer otherwise: errors, refusals, CORS, extensions', async () => {
    const { partners } = await ids();
    const node = 'query N($id: ID!) { node(id: $id) { id } }';
    await same({ query: node, variables: { id: partners[0] } });
    // An error in a field; variables that do not coerce; too many representations.
    await same({ query: node, variables: { id: 'not-an-id' } }, json, false);
    await same({ query: node, variables: { id: { nested: true } } }, json, false);
    const entities = 'query E($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id } } }';
    const many = Array.from({ length: 61 }, () => ({ __typename: 'Partner', id: partners[0] }));
    const tooMany = await same({ query: entities, variables: { r: many } }, json, false);
    expect(tooMany.body.toString('utf8')).toContain('TOO_MANY_IDS');
    // A key that is not known; a browser's cross-origin request; a persisted-query extension.
    const unknownKey = await same({ query: node, variables: { id: partners[0] } }, { ...json, authorization: 'Bearer afg_nope' }, false);
    expect(unknownKey.status).toBe(401);
    const cors = await same({ query: node, variables: { id: partners[0] } }, { ...json, origin: 'https://example.org' }, false);
    expect(cors.headers['access-control-allow-origin']).toBeDefined();
    await same({ query: node, variables: { id: partners[0] }, extensions: {} }, json, false);
    // An operation name the document does not have, and an empty one.
    await same({ query: node, variables: { id: partners[0] }, operationName: 'Other' }, json, false);
    await same({ query: node, variables: { id: partners[0] }, operationName: '' }, json, false);
    // A valid key's answer is the lane's again.
    await same({ query: node, variables: { id: partners[0] } }, { ...json, authorization: `Bearer ${adminKey}` });
  });

  it('is never taught introspection, _service or a mutation', async () => {
    const before = service.app.lane!.size;
    await same({ query: '{ __schema { queryType { name } } }' }, json, false);
    await same({ query: '{ __type(name: "Program") { name } }' }, json, false);
    await same({ query: '{ _service { sdl } }' }, { ...json, authorization: `Bearer ${adminKey}` }, false);
    // Nor a text too long to keep as a key (here a 70 KiB comment): yoga answers it every time.
    await same({ query: `# ${'x'.repeat(70 * 1024)}\n{ programs { totalCount } }` }, json, false);
    const mutation = 'mutation { createApiKey(input: { name: "x", scopes: [READ] }) { key { id } } }';
    const first = await raw(lanePort, JSON.stringify({ query: mutation }), { ...json, authorization: `Bearer ${adminKey}` });
    expect(first.status).toBeLessThan(500);
    expect(service.app.lane!.size).toBe(before);
  });

  it('counts its answers in the metrics series yoga records', async () => {
    const metrics = async () =>
      new Promise<string>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port: lanePort, path: '/metrics' }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => resolve(text));
        })
          .on('error', reject)
          .end();
      });
    const count = (text: string, line: string) =>
      Number(
        text
          .split('\n')
          .find((candidate) => candidate.startsWith(`${line} `))
          ?.split(' ')[1] ?? 0,
      );
    const http =
      'graphql_yoga_http_duration_count{operationType="query",operation="other",method="POST",statusCode="200",route="/graphql"}';
    const executed = 'graphql_envelop_request{operationType="query",operation="other"}';
    const body = JSON.stringify({ query: 'query Counted { programs { totalCount } }' });
    await raw(lanePort, body, json);
    const before = await metrics();
    const answered = service.app.lane!.answered;
    for (let index = 0; index < 5; index += 1) await raw(lanePort, body, json);
    const after = await metrics();
    expect(service.app.lane!.answered - answered).toBe(5);
    expect(count(after, http) - count(before, http)).toBe(5);
    expect(count(after, executed) - count(before, executed)).toBe(5);
    // And the lane's own series, read from it at the scrape.
    expect(count(after, 'graphql_direct_lane_answered_total') - count(before, 'graphql_direct_lane_answered_total')).toBe(5);
    expect(count(after, 'graphql_direct_lane_answered_total')).toBe(service.app.lane!.answered);
    expect(count(after, 'graphql_direct_lane_plans')).toBe(service.app.lane!.size);
    expect(service.app.lane!.size).toBeGreaterThan(0);
  });
});

describe('the direct lane, out of time', () => {
  it('hands a query that ran past its deadline to yoga, which refuses it as REQUEST_TIMEOUT', async () => {
    // A deadline that has passed before the first resolver runs.
    const service = await startRealServer({ responseCache: false, requestTimeoutMs: 1e-6 });
    try {
      const body = JSON.stringify({ query: '{ programs { totalCount edges { node { slug } } } }' });
      const lanePort = Number(new URL(service.origin).port);
      const headers = { 'content-type': 'application/json' };
      const first = await raw(lanePort, body, headers);
      const second = await raw(lanePort, body, headers);
      for (const answer of [first, second]) {
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.body.toString('utf8')).errors[0].extensions.code).toBe('REQUEST_TIMEOUT');
      }
      expect(service.app.lane!.size).toBe(1);
      expect(service.app.lane!.answered).toBe(0);
    } finally {
      await service.close();
    }
  });
});

describe('the direct lane is off', () => {
  it('with the response cache, with persisted operations only, and when configured off', async () => {
    for (const options of [{}, { responseCache: false, persistedOperationsOnly: true }, { responseCache: false, directLane: false }]) {
      const service = await startRealServer(options);
      try {
        expect(service.app.lane).toBeUndefined();
      } finally {
        await service.close();
      }
    }
  });
});
