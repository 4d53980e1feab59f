// Environment → typed configuration. The one module that reads process.env.
import { z } from 'zod';

/** What one request may ask of the process (src/server/plugins/use-request-budget.ts). */
export interface RequestBudget {
  /** Largest cost of one operation (graphql-armor's measure: 1 per scalar, 2 per object, times page sizes). */
  maxCost: number;
  /** IDs in `nodes(ids:)` plus representations in `_entities`, summed over one request. */
  maxIdsPerRequest: number;
  /** Deepest nesting of brackets in the document, and of objects and lists in the variables. */
  maxNesting: number;
  /** Values (scalars, objects and lists, counted one each) in the variables of one request. */
  maxInputValues: number;
  /** A query still executing after this long is cancelled with REQUEST_TIMEOUT; 0 turns it off. */
  requestTimeoutMs: number;
}

/** The request budget's defaults (README, "Limits"). */
export const defaultBudget: RequestBudget = {
  // The heaviest shipped operation, the Initiatives example, costs 13,023 (measured);
  // three nested pages of 100 cost millions.
  maxCost: 50_000,
  maxIdsPerRequest: 500,
  maxNesting: 64,
  // Far below SQLite's 32,766 bound parameters per statement and 1,000 levels of expression.
  maxInputValues: 5_000,
  requestTimeoutMs: 10_000,
};

/**
 * What the server does when a caller (a test, app.ts, main.ts) leaves an option out: the one
 * place these defaults are written; the environment's defaults below are taken from here too.
 */
export const serverDefaults = {
  readRequiresKey: false,
  introspection: true,
  corsOrigins: '*' as string[] | '*',
  csrfPrevention: false,
  persistedOperationsOnly: false,
  /** Cache read responses until the next write. */
  responseCache: true,
  responseCacheTtlMs: 60_000,
  /** Answers kept by the response cache, and as many by the HTTP layer's front cache. */
  responseCacheMaxEntries: 1000,
  /** Run plain totals queries compiled by graphql-jit. */
  jit: true,
  /** Answer plain queries yoga has validated from node:http directly (src/server/direct-lane.ts). */
  directLane: true,
  metrics: true,
  /** Larger request bodies get 413 (MAX_BODY_BYTES); larger WebSocket messages close the socket. */
  maxBodyBytes: 1_048_576,
  /**
   * How long an idle keep-alive connection stays open (KEEP_ALIVE_TIMEOUT_MS). Longer than any
   * client or proxy keeps one (Node's agents 5 s, undici 4 s, load balancers 60 s): at Node's own
   * 5 s both ends gave up together, and a request sent on the closing socket got ECONNRESET.
   * 72 s is Fastify's default, for the same reason.
   */
  keepAliveTimeoutMs: 72_000,
  /** Operations one WebSocket may run at once (WS_MAX_OPERATIONS). */
  wsMaxOperations: 100,
  /** The Redis pub/sub channel instances share (REDIS_CHANNEL). */
  redisChannel: 'ai-factory-graph:events',
};

/** How money totals convert (README, "Money"). */
export const moneyPolicy = {
  /**
   * How many days from an investment's announcement a stored rate may be dated to convert it; null:
   * the nearest rate, however far (the default, so every total converts when a pair has a rate).
   * `investmentTotals(rateWithinDays:)` sets it per query; farther rates give EXCHANGE_RATE_MISSING.
   */
  exchangeRateMaxDays: null as number | null,
};

/** Document limits (graphql-armor), sized so every shipped operation passes with room and abusive ones fail. */
export const documentLimits = {
  maxDepth: 16,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 30,
  // The cost, with variables, and the rest of the request budget: use-request-budget.ts.
  // Wide documents are held by the alias and token limits.
  maxCost: defaultBudget.maxCost,
};

/** A request budget with config's default for every value not given. */
export function requestBudget(given: Partial<RequestBudget>): RequestBudget {
  const budget = { ...defaultBudget };
  for (const key of Object.keys(budget) as (keyof RequestBudget)[]) budget[key] = given[key] ?? defaultBudget[key];
  return budget;
}

/** Defaults of the libSQL engine (DATABASE_URL): README, "Beyond one machine". */
export const libsqlDefaults = {
  /** How often an embedded replica pulls new frames from the primary; 0 syncs only when asked. */
  replicaSyncMs: 1000,
};

/** A libSQL server (sqld) as the database: writes go to `url`, reads to the embedded replica. */
export interface LibsqlConfig {
  /** The primary: `libsql://`, `http://` or `https://`. */
  url: string;
  /** Sent as a bearer token when the server requires one (sqld's --auth-jwt-key-file). */
  authToken: string | undefined;
  /** The embedded replica: a local SQLite file kept in sync with the primary, read at local speed. */
  replicaPath: string;
  /** Sync interval of the embedded replica, in milliseconds (0: only after this instance's writes and when asked). */
  syncIntervalMs: number;
}

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('./data/ai-factory-graph.db'),
  DATABASE_URL: z
    .string()
    .regex(/^(libsql|https?):\/\/[^/\s]+/, 'use a libsql://, http:// or https:// URL of a libSQL server')
    .optional(),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  REPLICA_PATH: z.string().min(1).optional(),
  REPLICA_SYNC_MS: z.coerce.number().int().min(0).default(libsqlDefaults.replicaSyncMs),
  SEED_ON_START: booleanFlag.default(true),
  SEED_DATASETS: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.split(',').map((name) => name.trim()))),
  GRAPHIQL: booleanFlag.optional(),
  INTROSPECTION: booleanFlag.optional(),
  LOG_SQL: booleanFlag.default(false),
  LOG_REQUESTS: booleanFlag.default(true),
  READ_REQUIRES_KEY: booleanFlag.default(serverDefaults.readRequiresKey),
  CORS_ORIGINS: z.string().optional(),
  CORS_ALLOW_HEADERS: z.string().optional(),
  CORS_EXPOSE_HEADERS: z.string().optional(),
  PERSISTED_OPERATIONS_ONLY: booleanFlag.optional(),
  RESPONSE_CACHE: booleanFlag.default(serverDefaults.responseCache),
  RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(0).default(serverDefaults.responseCacheTtlMs),
  DIRECT_LANE: booleanFlag.default(serverDefaults.directLane),
  METRICS: booleanFlag.default(serverDefaults.metrics),
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(serverDefaults.maxBodyBytes),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(serverDefaults.keepAliveTimeoutMs),
  WS_MAX_OPERATIONS: z.coerce.number().int().min(1).max(10_000).default(serverDefaults.wsMaxOperations),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'use redis://host:port (or rediss:// for TLS)')
    .optional(),
  REDIS_CHANNEL: z.string().min(1).max(200).default(serverDefaults.redisChannel),
  MAX_COST: z.coerce.number().int().min(1).default(defaultBudget.maxCost),
  MAX_IDS_PER_REQUEST: z.coerce.number().int().min(1).default(defaultBudget.maxIdsPerRequest),
  MAX_NESTING: z.coerce.number().int().min(8).max(1000).default(defaultBudget.maxNesting),
  MAX_INPUT_VALUES: z.coerce.number().int().min(1).default(defaultBudget.maxInputValues),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).default(defaultBudget.requestTimeoutMs),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** A file path, or `:memory:` for a database that lives as long as the process. */
  databasePath: string;
  /** Set when DATABASE_URL names a libSQL server: then `databasePath` is not used. */
  libsql: LibsqlConfig | undefined;
  /** Load the bundled datasets into an empty database at start-up. */
  seedOnStart: boolean;
  /** Which bundled datasets start-up loads, by name (`korea-2025`, `sa-humain-2025`…); undefined: all. */
  seedDatasets?: string[];
  /** Serve GraphiQL at /graphql to browsers; on by default outside production. */
  graphiql: boolean;
  /** Answer introspection queries; on by default outside production. */
  introspection: boolean;
  /** Log every SQL statement to stderr (development aid). */
  logSql: boolean;
  /** One JSON log line per HTTP request. */
  logRequests: boolean;
  /** Refuse requests without an API key; reads are public otherwise. */
  readRequiresKey: boolean;
  /** Origins allowed by CORS: a list, or '*' for any. Default: any outside production, none in it. */
  corsOrigins: string[] | '*';
  /** Request headers a cross-origin script may send (the preflight's Access-Control-Allow-Headers). */
  corsAllowHeaders: string[];
  /** Response headers a cross-origin script may read (Access-Control-Expose-Headers). */
  corsExposeHeaders: string[];
  /** Require the CSRF-prevention header on requests a browser could send cross-site (production). */
  csrfPrevention: boolean;
  /** Accept only operations from the persisted-operations manifest (default in production). */
  persistedOperationsOnly: boolean;
  /** Cache read responses (invalidated by every write). */
  responseCache: boolean;
  responseCacheTtlMs: number;
  /** Answer plain queries yoga has validated from node:http directly (off with the response cache). */
  directLane: boolean;
  /** Prometheus metrics at /metrics (about 0.05–0.1 ms of CPU per small request, measured with bench/cpu-http.ts). */
  metrics: boolean;
  /**
   * When set, /metrics answers only `Authorization: Bearer <token>`; when not, it needs an API key
   * if reads do (READ_REQUIRES_KEY), and is open otherwise.
   */
  metricsToken: string | undefined;
  /** Larger request bodies get 413; larger WebSocket messages close the socket (1009). */
  maxBodyBytes: number;
  /** How long an idle keep-alive connection stays open; longer than clients and proxies keep theirs. */
  keepAliveTimeoutMs: number;
  /** Operations one WebSocket may run at once; more get TOO_MANY_OPERATIONS. */
  wsMaxOperations: number;
  /** How long a graceful shutdown waits for in-flight requests. */
  shutdownTimeoutMs: number;
  /** Server processes sharing the port and the database (node:cluster); 1 runs in-process. */
  workers: number;
  /**
   * Redis for live events and cache invalidation across instances (and across WORKERS, instead of
   * the primary's relay); in-process (or the relay) when absent.
   */
  redisUrl: string | undefined;
  /** The pub/sub channel on that Redis; deployments sharing one Redis use different ones. */
  redisChannel: string;
  /** Largest cost of one operation, computed with its variables (QUERY_TOO_COMPLEX past it). */
  maxCost: number;
  /** IDs in `nodes(ids:)` plus representations in `_entities` per request (TOO_MANY_IDS past it). */
  maxIdsPerRequest: number;
  /** Deepest nesting of brackets in a document and of objects and lists in its variables. */
  maxNesting: number;
  /** Values in one request's variables (INPUT_TOO_LARGE past it). */
  maxInputValues: number;
  /** A query still running after this long is cancelled with REQUEST_TIMEOUT; 0 turns it off. */
  requestTimeoutMs: number;
}

/**
 * What browsers may send cross-origin: the service's own headers, Apollo Client's (client
 * awareness, its CSRF preflight header), W3C trace context and Sentry's.
 */
export const defaultCorsAllowHeaders = [
  'content-type',
  'authorization',
  'x-request-id',
  'x-graphql-yoga-csrf',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'traceparent',
  'tracestate',
  'sentry-trace',
  'baggage',
];
/** What scripts on an allowed origin may read: revalidation headers, the request id, the auth challenge. */
export const defaultCorsExposeHeaders = ['etag', 'last-modified', 'x-request-id', 'www-authenticate'];

/** A comma-separated list, trimmed and lower-cased (header names are case-insensitive). */
function headerList(value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/** Parses the environment into a `Config`, or throws an error that names every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const values = parsed.data;
  if (values.DATABASE_URL !== undefined && values.REPLICA_PATH === undefined) {
    throw new Error('Invalid configuration:\n  REPLICA_PATH: required with DATABASE_URL (the embedded replica file this instance reads)');
  }
  if (values.DATABASE_URL !== undefined && values.WORKERS > 1) {
    // Two processes cannot share one embedded replica file; run one instance per replica instead.
    throw new Error('Invalid configuration:\n  WORKERS: must be 1 with DATABASE_URL (run one instance per REPLICA_PATH)');
  }
  const production = values.NODE_ENV === 'production';
  const origins = values.CORS_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    env: values.NODE_ENV,
    port: values.PORT,
    host: values.HOST,
    databasePath: values.DATABASE_PATH,
    libsql:
      values.DATABASE_URL === undefined
        ? undefined
        : {
            url: values.DATABASE_URL,
            authToken: values.DATABASE_AUTH_TOKEN,
            replicaPath: values.REPLICA_PATH!,
            syncIntervalMs: values.REPLICA_SYNC_MS,
          },
    seedOnStart: values.SEED_ON_START,
    seedDatasets: values.SEED_DATASETS,
    graphiql: values.GRAPHIQL ?? !production,
    introspection: values.INTROSPECTION ?? !production,
    logSql: values.LOG_SQL,
    logRequests: values.LOG_REQUESTS,
    readRequiresKey: values.READ_REQUIRES_KEY,
    corsOrigins: origins === undefined ? (production ? [] : '*') : origins.includes('*') ? '*' : origins,
    corsAllowHeaders: headerList(values.CORS_ALLOW_HEADERS, defaultCorsAllowHeaders),
    corsExposeHeaders: headerList(values.CORS_EXPOSE_HEADERS, defaultCorsExposeHeaders),
    csrfPrevention: production,
    persistedOperationsOnly: values.PERSISTED_OPERATIONS_ONLY ?? serverDefaults.persistedOperationsOnly,
    responseCache: values.RESPONSE_CACHE,
    responseCacheTtlMs: values.RESPONSE_CACHE_TTL_MS,
    directLane: values.DIRECT_LANE,
    metrics: values.METRICS,
    metricsToken: values.METRICS_TOKEN,
    maxBodyBytes: values.MAX_BODY_BYTES,
    keepAliveTimeoutMs: values.KEEP_ALIVE_TIMEOUT_MS,
    wsMaxOperations: values.WS_MAX_OPERATIONS,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    workers: values.WORKERS,
    redisUrl: values.REDIS_URL,
    redisChannel: values.REDIS_CHANNEL,
    maxCost: values.MAX_COST,
    maxIdsPerRequest: values.MAX_IDS_PER_REQUEST,
    maxNesting: values.MAX_NESTING,
    maxInputValues: values.MAX_INPUT_VALUES,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
  };
}
