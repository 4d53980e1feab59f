// The HTTP server: liveness and readiness, a request-body limit, request ids and request logs
// around yoga, and a graceful stop.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { migrationStatus, type Db } from '../db/client.js';
import { replicaReport, type ReplicaReport } from '../db/replication.js';
import type { Events } from '../events/bus.js';
import { compressResponses } from './compression.js';
import type { DashboardHandler } from './dashboard.js';
import { serveGraphiQLAsset } from './graphiql.js';
import { jsonLogger, type Logger } from './log.js';
import { serverDefaults } from '../config.js';
import type { GraphQLServer } from './yoga.js';

export interface HttpOptions {
  db: Db;
  /** The event bus, whose link to other instances /ready reports. */
  events?: Pick<Events, 'status'>;
  /** Larger request bodies get 413 before yoga sees them. */
  maxBodyBytes?: number;
  /** How long an idle keep-alive connection stays open (serverDefaults.keepAliveTimeoutMs when absent). */
  keepAliveTimeoutMs?: number;
  /** Where request lines go; none when absent. */
  logger?: Logger;
  /** Serves the dashboard at `/`, `/programs/<slug>` and `/assets/*` (GET and HEAD); none when absent. */
  dashboard?: DashboardHandler;
  /** Serves GraphiQL's scripts, styles and icon at `/graphiql/*` (the page links them). */
  graphiql?: boolean;
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/**
 * Ready when the database answers and every migration in drizzle/ has been applied. On libSQL
 * the replica's freshness is reported too: an instance whose primary is down stays ready for
 * reads (from its replica) and says how stale they are.
 */
export function readiness(db: Db): { ready: boolean; reason?: string; replica?: ReplicaReport } {
  try {
    const { applied, available } = migrationStatus(db);
    if (applied < available) return { ready: false, reason: `${available - applied} migration(s) pending` };
    if (db.$replication.engine === 'libsql') {
      return { ready: true, replica: replicaReport(db.$replication.status()) };
    }
    return { ready: true };
  } catch {
    return { ready: false, reason: 'database unavailable' };
  }
}

/**
 * Reads the body up to `limit` bytes and hands it to yoga as a buffer; a larger body gets 413
 * without being read to the end. A declared Content-Length over the limit is refused at once.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    // One chunk (a small request's usual body) is taken as it is rather than copied.
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * The already-read body as @whatwg-node/server 0.11.0 (under graphql-yoga 5.24.1) takes it: a
 * node request with a `body` property is read from that instead of its stream (an internal of
 * its node adapter, not a documented API). Given a Buffer it lists the Buffer's keys (a string
 * per byte) and re-reads the body through a stream; given the parsed JSON object it hands that
 * object to yoga's `request.json()` as is. So a JSON request passes its parsed object; anything
 * else (other types, invalid JSON, arrays, `{}`) passes the bytes, and yoga reports what is
 * wrong with them as before.
 */
function bodyForYoga(request: IncomingMessage, body: Buffer): unknown {
  if (!request.headers['content-type']?.includes('json')) return body;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length > 0) return parsed;
  } catch {
    // Invalid JSON: yoga answers it with its own 400.
  }
  return body;
}

/** The request id and compression, as every answer but the direct lane's gets them (installed once per response). */
function prepareAnswer(request: IncomingMessage, response: ServerResponse, requestId: string): void {
  response.setHeader('x-request-id', requestId);
  compressResponses(request, response);
}

/**
 * A node:http server: /health, /ready, the dashboard, then the front cache's answers and yoga for
 * everything else (GraphQL, /metrics).
 */
export function createHttpServer({ yoga, frontCache, lane }: GraphQLServer, options: HttpOptions): Server {
  const limit = options.maxBodyBytes ?? serverDefaults.maxBodyBytes;
  const server = createServer(async (request, response) => {
    const started = process.hrtime.bigint();
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    const path = (request.url ?? '/').split('?')[0]!;
    // Every answer below, the front cache's replays included, carries the request id and is
    // compressed when worth it. A POST the direct lane may answer gets neither until the lane has
    // passed it on: the lane writes whole answers with the id and compresses them itself
    // (compression.ts `writeWhole`), its headers in one writeHead (node's fast path, taken only
    // while no header has been set before).
    if (lane === undefined || request.method !== 'POST') prepareAnswer(request, response, requestId);
    // Without a logger, no listener per request.
    if (options.logger)
      response.on('finish', () => {
        options.logger?.info('request', {
          requestId,
          method: request.method,
          path,
          status: response.statusCode,
          durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        });
      });

    try {
      if (path === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
        sendJson(response, 200, { status: 'ok', pid: process.pid });
        return;
      }
      if (path === '/ready' && (request.method === 'GET' || request.method === 'HEAD')) {
        const state = readiness(options.db);
        // The bus is reported, not required: reads still work while it is cut off (uncached).
        const events = options.events?.status();
        sendJson(
          response,
          state.ready ? 200 : 503,
          state.ready
            ? { status: 'ready', ...(state.replica ? { replica: state.replica } : {}), ...(events ? { events } : {}) }
            : { status: 'not ready', reason: state.reason, ...(events ? { events } : {}) },
        );
        return;
      }
      if (options.graphiql && (await serveGraphiQLAsset(request, response, path))) return;
      if (options.dashboard && (request.method === 'GET' || request.method === 'HEAD') && (await options.dashboard(request, response)))
        return;
      let body: Buffer | undefined;
      if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') {
        const read = await readBody(request, limit);
        if (read === 'too-large') {
          prepareAnswer(request, response, requestId);
          sendJson(
            response,
            413,
            { errors: [{ message: `The request body is larger than ${limit} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
            { connection: 'close' },
          );
          return;
        }
        // @whatwg-node/server uses a body a framework has already read instead of the stream.
        body = read;
      }
      if (frontCache) {
        prepareAnswer(request, response, requestId);
        if (frontCache.serve(request, response, body)) return;
      }
      // Parsed only when yoga is to answer: a cached answer needs the bytes alone.
      if (body) {
        const parsed = bodyForYoga(request, body);
        // A plain query yoga has validated before is answered without yoga (direct-lane.ts).
        if (lane && parsed !== body) {
          const served = lane.serve(request, response, parsed as object, requestId);
          if (served === true || (served !== false && (await served))) return;
        }
        (request as IncomingMessage & { body?: unknown }).body = parsed;
      }
      prepareAnswer(request, response, requestId);
      await yoga(request, response);
    } catch (error) {
      options.logger?.error('request failed', { requestId, error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) {
        response.setHeader('x-request-id', requestId);
        sendJson(response, 500, { errors: [{ message: 'Unexpected error.' }] });
      } else response.end();
    }
  });
  // The client, not this server, should be the one to close an idle connection (see serverDefaults).
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? serverDefaults.keepAliveTimeoutMs;
  return server;
}

/** Starts listening and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish (closing idle keep-alive
 * connections at once and the rest after `timeoutMs`), then runs `close`.
 */
export function stopGracefully(server: Server, timeoutMs: number, close: () => void, logger: Logger = jsonLogger): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      logger.warn('shutdown timeout: closing remaining connections');
      server.closeAllConnections();
    }, timeoutMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      close();
      resolve();
    });
    server.closeIdleConnections();
  });
}
