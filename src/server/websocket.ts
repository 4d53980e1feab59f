// graphql-ws over WebSocket on the same port and path as HTTP (/graphql), for Apollo Client and
// urql users. Operations go through yoga's envelop pipeline, so the auth policy, the limits and
// error masking are the same as over HTTP. The API key comes from the connection's
// `connectionParams` (browsers cannot set headers on a WebSocket; see `credentialOf` for the
// forms read) or the upgrade request's Authorization header.
//
// Limits of their own: a message larger than MAX_BODY_BYTES closes the socket (1009) before it
// is parsed, a socket runs at most WS_MAX_OPERATIONS operations at once (the rest get
// TOO_MANY_OPERATIONS: sending many at once is batching by another name, and HTTP batching is
// off), and a browser may open a socket only from an origin CORS allows, or the same origin.
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { WebSocketServer } from 'ws';
import { parseAuthorization } from '../auth/api-keys.js';
import { type Config, serverDefaults } from '../config.js';
import { originAllowed } from './cors.js';
import { clientError } from './errors.js';
import { withoutResponseCache } from './plugins/use-caching.js';
import type { Yoga } from './yoga.js';

export interface WebSocketOptions {
  /** Larger messages close the socket with 1009 (default 1 MiB, as MAX_BODY_BYTES). */
  maxPayloadBytes?: number;
  /** Operations one socket may run at once (default 100). */
  maxOperations?: number;
  /** Origins a browser may open a socket from, besides the service's own (default '*'). */
  corsOrigins?: string[] | '*';
}

/** The options main.ts passes, from the configuration. */
export function webSocketOptions(config: Pick<Config, 'maxBodyBytes' | 'wsMaxOperations' | 'corsOrigins'>): WebSocketOptions {
  return { maxPayloadBytes: config.maxBodyBytes, maxOperations: config.wsMaxOperations, corsOrigins: config.corsOrigins };
}

/** The graphql-ws close code for a connection_init the server will not accept as sent. */
const badRequest = 4400;
/** Keys that look like a credential; one the server does not read must not be ignored silently. */
const credentialLike = /token|api[-_]?key|auth|secret|passw|credential|bearer|session|cookie|jwt/i;

type Credential = { kind: 'none' } | { kind: 'key'; authorization: string } | { kind: 'refused'; reason: string };

/**
 * The API key in `connectionParams`, in the forms clients send it: `authorization` or
 * `Authorization` ("Bearer <key>"), the same inside `headers`, or `authToken` (the key, with or
 * without "Bearer "); an empty or null value counts as none. Any other credential-looking key, a
 * value that is not a bearer key, or two different keys are refused: going on anonymously would
 * hide the client's mistake.
 */
export function credentialOf(params: Readonly<Record<string, unknown>> | undefined): Credential {
  const found: string[] = [];
  const name = (key: string) => JSON.stringify(key.slice(0, 24));
  const read = (entries: Readonly<Record<string, unknown>>, where: string): string | undefined => {
    for (const [key, value] of Object.entries(entries)) {
      const header = key.toLowerCase() === 'authorization';
      const token = where === '' && key === 'authToken';
      if (!header && !token) {
        if (credentialLike.test(key)) return `connectionParams${where}.${name(key)} is not read: send authorization: "Bearer <key>"`;
        continue;
      }
      // Logged-out clients often send an empty or null credential: no key, as without the entry.
      if (value === null || value === undefined || value === '') continue;
      if (typeof value !== 'string') return `connectionParams${where}.${key} must be a string "Bearer <key>"`;
      const authorization = token && !/^bearer /i.test(value.trim()) ? `Bearer ${value.trim()}` : value;
      if (parseAuthorization(authorization).kind !== 'bearer') return `connectionParams${where}.${key} must be "Bearer <key>"`;
      found.push(authorization.trim().replace(/^bearer +/i, 'Bearer '));
    }
    return undefined;
  };
  if (!params) return { kind: 'none' };
  const top = read(params, '');
  if (top) return { kind: 'refused', reason: top };
  const headers = params.headers;
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    const nested = read(headers as Record<string, unknown>, '.headers');
    if (nested) return { kind: 'refused', reason: nested };
  }
  if (new Set(found).size > 1) return { kind: 'refused', reason: 'connectionParams carry two different keys: send one' };
  return found[0] ? { kind: 'key', authorization: found[0] } : { kind: 'none' };
}

/** Runs `run`, answering what it throws as a masked, coded error result instead of closing the socket. */
async function guarded<T>(run: () => T | Promise<T>): Promise<T | ExecutionResult> {
  try {
    const result = await run();
    if (result && typeof result === 'object' && Symbol.asyncIterator in result)
      return guardStream(result as AsyncIterable<ExecutionResult>) as T;
    return result;
  } catch (error) {
    return { errors: [clientError(error)] };
  }
}

/**
 * A subscription whose source fails ends with one masked error result. Written as an iterator
 * object, not an async generator: a generator queues `return()` behind its pending `next()`, so
 * a client's "complete" would not end the subscription until the next event.
 */
function guardStream(stream: AsyncIterable<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  const iterator = stream[Symbol.asyncIterator]();
  let failed = false;
  const guard: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (failed) return { done: true, value: undefined };
      try {
        return await iterator.next();
      } catch (error) {
        failed = true;
        return { done: false, value: { errors: [clientError(error)] } };
      }
    },
    return: (value?: unknown) => (iterator.return ? iterator.return(value) : Promise.resolve({ done: true as const, value: undefined })),
    throw: (error?: unknown) => (iterator.throw ? iterator.throw(error) : Promise.reject(error)),
    [Symbol.asyncIterator]: () => guard,
  };
  return guard;
}

export function attachGraphQLWebSocket(server: Server, yoga: Yoga, options: WebSocketOptions = {}): WebSocketServer {
  const maxOperations = options.maxOperations ?? serverDefaults.wsMaxOperations;
  const origins = options.corsOrigins ?? serverDefaults.corsOrigins;
  const sockets = new WebSocketServer({
    server,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes ?? serverDefaults.maxBodyBytes,
    verifyClient: ({ origin, req }, done) => {
      // Clients other than browsers send no Origin; a page of the service itself may always connect.
      const sameOrigin = (() => {
        try {
          return new URL(origin).host === req.headers.host;
        } catch {
          return false;
        }
      })();
      if (!origin || sameOrigin || originAllowed({ origins }, origin)) done(true);
      else done(false, 403, 'Origin not allowed');
    },
  });
  const authorizations = new WeakMap<object, string>();
  useServer(
    {
      execute: (args) => guarded(() => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args)) as never,
      subscribe: (args) => guarded(() => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args)) as never,
      onConnect: (context) => {
        const credential = credentialOf(context.connectionParams);
        if (credential.kind === 'refused') {
          context.extra.socket.close(badRequest, credential.reason.slice(0, 123));
          return false;
        }
        if (credential.kind === 'key') authorizations.set(context, credential.authorization);
        return true;
      },
      // Every error sent to the client, whatever raised it, is masked and coded.
      onError: (_context, _id, _payload, errors) => errors.map((error) => clientError(error).toJSON()),
      onSubscribe: async (context, _id, payload) => {
        // graphql-ws registers the operation before calling this hook, so it is counted.
        if (Object.keys(context.subscriptions).length > maxOperations) {
          return [
            new GraphQLError(`This connection already runs ${maxOperations} operations: complete one first.`, {
              extensions: { code: 'TOO_MANY_OPERATIONS' },
            }),
          ];
        }
        try {
          const authorization = authorizations.get(context) ?? context.extra.request.headers.authorization;
          // A request object for yoga's context (auth reads its header).
          const request = new Request('http://localhost/graphql', {
            method: 'POST',
            headers: authorization ? { authorization } : {},
          });
          const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
            request,
            params: payload,
            // The response cache keys on yoga's HTTP pipeline, which these operations skip.
            ...withoutResponseCache,
          });
          const document = parse(payload.query);
          const errors = validate(schema, document);
          if (errors.length > 0) return [...errors];
          const contextValue = await contextFactory();
          return {
            schema,
            operationName: payload.operationName,
            document,
            variableValues: payload.variables,
            contextValue,
            rootValue: { execute, subscribe },
          };
        } catch (error) {
          return [clientError(error)];
        }
      },
    },
    sockets,
  );
  // graphql-ws prints a socket's errors with the whole socket object (a multi-line dump in the
  // JSON log) and closes it with 4500; these are the client's doing (an oversize message, a bad
  // frame) and ws has already closed the socket with the right code (1009, 1002).
  sockets.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', () => undefined);
  });
  return sockets;
}
