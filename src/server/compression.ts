// Response compression for the node:http server, negotiated by Accept-Encoding (brotli, then gzip).
//
// Written over node:zlib rather than express's `compression` middleware: that middleware
// compresses every response as a stream, so each answer the front cache replays would be
// compressed again (about 0.06–0.1 ms for a 1 KB answer, several times what the replay itself
// costs), and it cannot keep one compressed copy per cached answer. Here a finished body is
// compressed once; a body the front cache replays (the same Buffer each time) reuses its copy.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this go as they are: a few hundred bytes gain little and cost CPU. */
export const minCompressBytes = 1024;

/** Types worth compressing. Streams (`text/event-stream`, `multipart/mixed`) are never buffered. */
const compressible =
  /^(application\/(json|graphql-response\+json|javascript)|text\/(html|css|plain|javascript)|image\/(svg\+xml|x-icon))\b/i;

/**
 * The encoding to answer with: the client's preferred of br and gzip by q-value (br on a tie),
 * or null for none (no header, `identity`, or both refused with q=0). `*` stands for both.
 */
export function negotiate(acceptEncoding: string | string[] | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  const quality: Record<string, number> = {};
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    quality[name] = q === undefined ? 1 : Number(q);
  }
  const of = (name: Encoding) => quality[name] ?? quality['*'] ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br <= 0 && gzip <= 0) return null;
  return br >= gzip ? 'br' : 'gzip';
}

/**
 * Compresses for a response built on the fly: brotli at quality 4 is about as fast as gzip at
 * level 6 (1.2 ms for 110 KB of JSON here) and a third of gzip's size on our JSON.
 */
export function compressBody(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
}

/** Compressed copies of bodies that are sent again as the same Buffer (front-cache replays). */
const copies = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>();

function compressedCopy(body: Buffer, encoding: Encoding): Buffer {
  let known = copies.get(body);
  if (!known) copies.set(body, (known = {}));
  return (known[encoding] ??= compressBody(body, encoding));
}

function addVary(response: ServerResponse, name: string): void {
  const current = response.getHeader('vary');
  // The usual case, on every GraphQL answer: no Vary yet.
  if (current === undefined) {
    response.setHeader('vary', name);
    return;
  }
  const list = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  if (list.includes('*') || list.some((value) => value.toLowerCase() === name.toLowerCase())) return;
  response.setHeader('vary', [...list, name].join(', '));
}

type Chunk = string | Uint8Array | null | undefined;
type Callback = (error?: Error | null) => void;

/** Responses already wrapped: a second call for the same one does nothing. */
const wrapped = new WeakSet<ServerResponse>();

/**
 * Makes `response` compress what is written to it when the request accepts it and the answer is
 * worth it (a compressible type, at least `minCompressBytes`, no Content-Encoding yet, no
 * `no-transform`). The status and headers are held until the first write decides; a compressible
 * body is collected until `end` (yoga writes JSON whole), anything else passes straight through.
 */
export function compressResponses(request: IncomingMessage, response: ServerResponse): void {
  if (wrapped.has(response)) return;
  wrapped.add(response);
  const encoding = request.method === 'HEAD' ? null : negotiate(request.headers['accept-encoding']);
  const writeHead = response.writeHead.bind(response) as (status: number, message?: string) => ServerResponse;
  const write = response.write.bind(response) as (chunk: Chunk, callback?: Callback) => boolean;
  const end = response.end.bind(response) as (chunk?: Chunk, callback?: () => void) => ServerResponse;
  let mode: 'undecided' | 'pass' | 'collect' = 'undecided';
  const chunks: Buffer[] = [];

  response.writeHead = ((status: number, ...rest: unknown[]) => {
    response.statusCode = status;
    const [first, second] = rest;
    if (typeof first === 'string') response.statusMessage = first;
    const headers = typeof first === 'string' ? second : first;
    if (headers && typeof headers === 'object') for (const [name, value] of headerEntries(headers)) response.setHeader(name, value);
    return response;
  }) as ServerResponse['writeHead'];

  const decide = (): void => {
    if (mode !== 'undecided') return;
    const type = String(response.getHeader('content-type') ?? '');
    const status = response.statusCode;
    const typed = compressible.test(type);
    if (typed) addVary(response, 'Accept-Encoding');
    mode =
      encoding &&
      typed &&
      status >= 200 &&
      status !== 204 &&
      status !== 304 &&
      !response.hasHeader('content-encoding') &&
      !/no-transform/i.test(String(response.getHeader('cache-control') ?? ''))
        ? 'collect'
        : 'pass';
    if (mode === 'pass') writeHead(status, response.statusMessage);
  };
  const toBuffer = (chunk: Chunk, given?: unknown): Buffer | null =>
    chunk === null || chunk === undefined
      ? null
      : typeof chunk === 'string'
        ? Buffer.from(chunk, (typeof given === 'string' ? given : 'utf8') as BufferEncoding)
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk);

  response.write = ((chunk: Chunk, ...rest: unknown[]) => {
    decide();
    const callback = rest.find((value) => typeof value === 'function') as Callback | undefined;
    if (mode === 'pass') return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(buffer);
    if (callback) process.nextTick(callback);
    return true;
  }) as ServerResponse['write'];

  response.end = ((chunk?: Chunk | (() => void), ...rest: unknown[]) => {
    if (typeof chunk === 'function') return response.end(undefined, chunk);
    decide();
    if (mode === 'pass') return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
    const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
    const buffer = toBuffer(chunk, rest[0]);
    if (buffer) chunks.push(buffer);
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    if (body.length < minCompressBytes) {
      response.setHeader('content-length', body.length);
      writeHead(response.statusCode, response.statusMessage);
      return end(body, callback);
    }
    const compressed = compressedCopy(body, encoding!);
    response.setHeader('content-encoding', encoding!);
    response.setHeader('content-length', compressed.length);
    writeHead(response.statusCode, response.statusMessage);
    return end(compressed, callback);
  }) as ServerResponse['end'];
}

/**
 * Writes a whole answer of a compressible type as compressResponses would have written it (Vary,
 * then the encoding negotiated when it is at least `minCompressBytes`), without holding its head
 * and body back first: for the direct lane (direct-lane.ts), whose answers are finished strings.
 * `headers` must not carry Content-Encoding or `no-transform`. An uncompressed string goes to
 * `end` as it is, which node writes in one piece with the head.
 */
export function writeWhole(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: { 'x-request-id': string; 'content-type': string; 'cache-control': string },
  text: string,
): void {
  const encoding = negotiate(request.headers['accept-encoding']);
  const length = Buffer.byteLength(text);
  if (encoding === null || length < minCompressBytes || request.method === 'HEAD') {
    response.writeHead(status, {
      'x-request-id': headers['x-request-id'],
      'content-type': headers['content-type'],
      'content-length': length,
      'cache-control': headers['cache-control'],
      vary: 'Accept-Encoding',
    });
    response.end(text);
    return;
  }
  const compressed = compressBody(Buffer.from(text, 'utf8'), encoding);
  response.writeHead(status, {
    'x-request-id': headers['x-request-id'],
    'content-type': headers['content-type'],
    'content-length': compressed.length,
    'cache-control': headers['cache-control'],
    vary: 'Accept-Encoding',
    'content-encoding': encoding,
  });
  response.end(compressed);
}

/** writeHead's headers (an object, [name, value] pairs or a flat list) as entries. */
function headerEntries(given: object): [string, NonNullable<OutgoingHttpHeaders[string]>][] {
  const entries: [string, unknown][] = !Array.isArray(given)
    ? Object.entries(given)
    : Array.isArray(given[0])
      ? (given as [string, unknown][])
      : Array.from({ length: given.length / 2 }, (_, index) => [String(given[2 * index]), given[2 * index + 1]]);
  return entries
    .filter((entry): entry is [string, NonNullable<OutgoingHttpHeaders[string]>] => entry[1] !== undefined && entry[1] !== null)
    .map(([name, value]) => [name.toLowerCase(), value]);
}
