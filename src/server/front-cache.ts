// Cached answers served by the HTTP layer, before yoga parses the request.
//
// The response cache plugin still runs yoga's whole pipeline for a hit (request adapter, params,
// envelop hooks, a SHA-256 key, serialization): 7.8k hits/s on node(id:) where the floor answers
// 45.9k (bench/RESULTS.md). No yoga or envelop plugin answers before that pipeline, so this does:
// it replays, byte for byte, a response the response cache plugin decided to cache (it carries
// an ETag), for a request with the same method, URL, body and the headers the answer depends on.
// It is emptied whenever the plugin's cache is (plugins/use-caching.ts), and it holds the one
// generation counter both caches use to drop an answer computed across a write.
//
// Library internals depended on:
// - node:http's ServerResponse (Node 20 to 24): `writeHead`, `write` and `end` are replaced on
//   the one response being computed to capture what yoga writes; @whatwg-node/server 0.11.0
//   sends its headers through either `setHeader` or one `writeHead` call, both are read.
// - @graphql-yoga/plugin-response-cache 3.26.1: an answer it decided to cache carries `ETag`
//   and a `Last-Modified` of the moment it was stored (its `shouldCacheResult`), which is how a
//   cacheable answer is recognised here and when the plugin's copy expires.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Counter, type Registry } from 'prom-client';
import { serverDefaults } from '../config.js';

interface Entry {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  expires: number;
}

/** Request headers that change the answer: who asks, in which format, from which origin. */
const keyHeaders = ['authorization', 'accept', 'content-type', 'origin', 'x-graphql-yoga-csrf'] as const;
/** Response headers that belong to one exchange, not to the answer. */
const perExchange = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'transfer-encoding']);
/** Answers larger than this are not kept (the cache holds `max` of them). */
const maxBodyBytes = 512 * 1024;

export interface FrontCache {
  /**
   * Answers `request` from the cache if it can (true), or prepares to keep the answer yoga is
   * about to write. `body` is the request body already read (POST), if any.
   */
  serve(request: IncomingMessage, response: ServerResponse, body: Buffer | undefined): boolean;
  /** Forgets every answer and advances `generation`: called whenever a write empties the caches. */
  clear(): void;
  /**
   * Grows with every clear. An answer computed while it changed may predate a write: neither
   * this cache nor the response cache plugin keeps it (use-caching.ts reads it too).
   */
  readonly generation: number;
  readonly size: number;
}

export interface FrontCacheOptions {
  ttlMs: number;
  /** Answers kept at most (the least recently kept go first); config's default when absent. */
  max?: number;
  path?: string;
  /**
   * Asked only when an answer is found: false treats the request as a miss (a key revoked
   * since, say), so yoga answers it.
   */
  mayReplay?: (request: IncomingMessage) => boolean;
  /** Where replays are counted: they never reach yoga's metrics. */
  registry?: Registry;
}

export function createFrontCache(options: FrontCacheOptions): FrontCache {
  const max = options.max ?? serverDefaults.responseCacheMaxEntries;
  const path = options.path ?? '/graphql';
  const entries = new Map<string, Entry>();
  let generation = 0;
  const hits =
    options.registry &&
    new Counter({
      name: 'graphql_front_cache_hits_total',
      help: "Requests answered from the HTTP layer's copy of the response cache, before yoga (not counted in the graphql_* metrics).",
      registers: [options.registry],
    });

  function keyOf(request: IncomingMessage, body: Buffer | undefined): string | null {
    if (request.method !== 'POST' && request.method !== 'GET') return null;
    const url = request.url ?? '/';
    if (url !== path && !url.startsWith(`${path}?`)) return null;
    const headers = request.headers;
    // Conditional requests get their 304 from the plugin; streams are never cached.
    if (headers['if-none-match'] || headers['if-modified-since']) return null;
    if (headers.accept?.includes('text/event-stream')) return null;
    let key = `${request.method} ${url}\n`;
    for (const name of keyHeaders) key += `${headers[name] ?? ''}\n`;
    return body ? key + body.toString('latin1') : key;
  }

  function keep(key: string, entry: Entry): void {
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > max) entries.delete(entries.keys().next().value!);
  }

  return {
    serve(request, response, body) {
      const key = keyOf(request, body);
      if (key === null) return false;
      const entry = entries.get(key);
      if (entry && entry.expires > Date.now() && (!options.mayReplay || options.mayReplay(request))) {
        response.writeHead(entry.status, entry.headers);
        response.end(entry.body);
        hits?.inc();
        return true;
      }
      if (entry) entries.delete(key);

      // A miss: capture what yoga writes, and keep it if the plugin cached it too.
      const started = generation;
      const chunks: Buffer[] = [];
      let size = 0;
      // Headers come through setHeader or, in one go, through writeHead (yoga uses either).
      let headHeaders: OutgoingHttpHeaders = {};
      const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
      response.writeHead = ((...args: unknown[]) => {
        const last = args.at(-1);
        if (last && typeof last === 'object') headHeaders = headerObject(last);
        return writeHead(...args);
      }) as ServerResponse['writeHead'];
      const write = response.write.bind(response) as (...args: unknown[]) => boolean;
      const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
      const capture = (chunk: unknown) => {
        if (size > maxBodyBytes || chunk === undefined || chunk === null || typeof chunk === 'function') return;
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
        size += buffer.length;
        chunks.push(buffer);
      };
      response.write = ((chunk: unknown, ...rest: unknown[]) => {
        capture(chunk);
        return write(chunk, ...rest);
      }) as ServerResponse['write'];
      response.end = ((chunk?: unknown, ...rest: unknown[]) => {
        capture(chunk);
        const sent = { ...response.getHeaders(), ...headHeaders };
        if (response.statusCode === 200 && sent.etag !== undefined && size <= maxBodyBytes && generation === started) {
          const headers: OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(sent)) {
            if (!perExchange.has(name) && value !== undefined) headers[name] = value;
          }
          const lastModified = Date.parse(String(sent['last-modified'] ?? ''));
          // Expires when the plugin's copy does (it was stored at Last-Modified, to the second).
          const expires = (Number.isNaN(lastModified) ? Date.now() : lastModified) + options.ttlMs;
          keep(key, { status: 200, headers, body: Buffer.concat(chunks), expires });
        }
        return end(chunk, ...rest);
      }) as ServerResponse['end'];
      return false;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
    get generation() {
      return generation;
    },
    get size() {
      return entries.size;
    },
  };
}

/** writeHead's headers (an object, [name, value] pairs or a flat list) with lower-case names. */
function headerObject(given: object): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  if (!Array.isArray(given)) {
    for (const [name, value] of Object.entries(given)) headers[name.toLowerCase()] = value as OutgoingHttpHeaders[string];
    return headers;
  }
  const pairs: unknown[][] = Array.isArray(given[0])
    ? (given as unknown[][])
    : Array.from({ length: given.length / 2 }, (_, index) => [given[2 * index], given[2 * index + 1]]);
  for (const [name, value] of pairs) headers[String(name).toLowerCase()] = value as OutgoingHttpHeaders[string];
  return headers;
}
