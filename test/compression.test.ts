// Compression negotiated by Accept-Encoding, the front cache's replays compressed too, and
// GraphiQL as a small page with immutable, ETagged, precompressed assets: raw HTTP on a real port
// (fetch would decompress and hide the bytes on the wire).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { negotiate } from '../src/server/compression.js';
import { suiteServer } from './fixtures.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(options.body);
  });
}

function decoded(answer: Raw): string {
  const encoding = answer.headers['content-encoding'];
  const bytes = encoding === 'br' ? brotliDecompressSync(answer.body) : encoding === 'gzip' ? gunzipSync(answer.body) : answer.body;
  return bytes.toString('utf8');
}

/** A read of several KB: every partner with its GPU total. */
const bigQuery = JSON.stringify({
  query:
    '{ partners(first: 100) { edges { cursor node { id slug name nameKo kind gpuTotal { quantity bound lowerBound upperBound } } } } }',
});
const smallQuery = JSON.stringify({ query: '{ programs(first: 1) { totalCount } }' });

describe('Accept-Encoding', () => {
  it('negotiates br before gzip, by q-value, and honours q=0 and identity', () => {
    expect(negotiate(undefined)).toBeNull();
    expect(negotiate('identity')).toBeNull();
    expect(negotiate('gzip, deflate, br')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(negotiate('br;q=0, gzip')).toBe('gzip');
    expect(negotiate('*')).toBe('br');
    expect(negotiate('*;q=0')).toBeNull();
    expect(negotiate('deflate')).toBeNull();
  });
});

describe('compressed answers on a real port', () => {
  const server = suiteServer({ graphiql: true });

  const post = (body: string, acceptEncoding?: string) =>
    raw(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
      body,
    });

  it('compresses a large answer with the negotiated encoding, the same JSON as uncompressed', async () => {
    const plain = await post(bigQuery);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(4096);
    expect(plain.headers.vary?.toLowerCase()).toContain('accept-encoding');
    for (const [accept, expected] of [
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, br;q=0.1', 'gzip'],
      ['gzip, deflate, br', 'br'],
    ] as const) {
      const answer = await post(bigQuery, accept);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding'], accept).toBe(expected);
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(answer.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(decoded(answer))).toEqual(JSON.parse(plain.body.toString('utf8')));
    }
  });

  it('leaves answers under 1 KB and refused encodings uncompressed', async () => {
    const small = await post(smallQuery, 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toEqual({ data: { programs: { totalCount: 1 } } });
    const refused = await post(bigQuery, 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it("replays the front cache's answers byte for byte, compressed for clients that accept it", async () => {
    const query = JSON.stringify({ query: '{ partners(first: 60) { edges { node { id name nameKo gpuTotal { quantity bound } } } } }' });
    const first = await post(query, 'br');
    const second = await post(query, 'br');
    const third = await post(query, 'gzip');
    const plain = await post(query);
    expect([first, second, third, plain].map((answer) => answer.headers['content-encoding'])).toEqual(['br', 'br', 'gzip', undefined]);
    expect(second.body.equals(first.body)).toBe(true);
    expect(decoded(third)).toBe(plain.body.toString('utf8'));
    expect(decoded(second)).toBe(plain.body.toString('utf8'));
    expect(second.headers.etag).toBe(first.headers.etag);
    const metrics = await raw(`${server.origin}/metrics`);
    expect(decoded(metrics)).toMatch(/graphql_front_cache_hits_total [3-9]/);
  });

  it('keeps streams uncompressed (SSE)', async () => {
    const stream = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const sent = httpRequest(
        server.url,
        { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'accept-encoding': 'gzip, br' } },
        (response) => {
          resolve(response.headers);
          response.destroy();
        },
      );
      sent.on('error', reject);
      sent.end(JSON.stringify({ query: 'subscription { allocationChanged { kind } }' }));
    });
    expect(stream['content-type']).toContain('text/event-stream');
    // yoga marks its event streams `content-encoding: none` so that proxies leave them alone too.
    expect(stream['content-encoding'] ?? 'none').toBe('none');
  });

  it('serves GraphiQL as a small page whose assets are immutable, ETagged files', async () => {
    const page = await raw(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = decoded(page);
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    expect(page.body.length).toBeLessThan(32 * 1024);
    const assets = [...html.matchAll(/(?:href|src)="\.(\/graphiql\/[^"]+)"/g)].map((match) => match[1]!);
    const workers = [...html.matchAll(/":"\.(\/graphiql\/[\w.-]+\.js)"/g)].map((match) => match[1]!);
    expect(assets).toHaveLength(3);
    expect(workers.length).toBe(3);
    let wire = 0;
    let plainBytes = 0;
    for (const asset of [...assets, ...workers]) {
      const plain = await raw(`${server.origin}${asset}`);
      expect(plain.status, asset).toBe(200);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.etag).toMatch(/^"[0-9a-f]{16}"$/);
      const brotli = await raw(`${server.origin}${asset}`, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(brotli.headers['content-encoding'] ?? 'none').toBe(plain.body.length >= 1024 ? 'br' : 'none');
      expect(brotli.headers.etag).not.toBe(plain.headers.etag);
      expect(decoded(brotli) === plain.body.toString('utf8') || asset.endsWith('.ico')).toBe(true);
      const revalidated = await raw(`${server.origin}${asset}`, {
        headers: { 'accept-encoding': 'gzip, br', 'if-none-match': String(brotli.headers.etag) },
      });
      expect(revalidated.status).toBe(304);
      expect(revalidated.body.length).toBe(0);
      wire += brotli.body.length;
      plainBytes += plain.body.length;
    }
    // The whole of GraphiQL: about 8.9 MB as files, under 3 MB on the wire with brotli.
    expect(plainBytes).toBeGreaterThan(8_000_000);
    expect(wire).toBeLessThan(3_000_000);
    const missing = await raw(`${server.origin}/graphiql/nothing-here.js`);
    expect(missing.status).toBe(404);
  });
});
