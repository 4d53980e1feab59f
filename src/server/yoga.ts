// createYoga with the schema, the request context and the plugins that make it safe to expose,
// listed in order in `createGraphQLServer`, one plugin per file in plugins/. Defaults come
// from config.ts (`serverDefaults`).
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { Counter, Gauge, Registry } from 'prom-client';
import {
  defaultBudget,
  defaultCorsAllowHeaders,
  defaultCorsExposeHeaders,
  documentLimits,
  serverDefaults,
  type RequestBudget,
} from '../config.js';
import type { Db } from '../db/client.js';
import { schema } from '../graphql/index.js';
import type { Auth, Context } from '../graphql/builder.js';
import { createEvents, type Events } from '../events/bus.js';
import { createRequestAuth } from './auth.js';
import { corsOptionsFactory } from './cors.js';
import { createDirectLane, defaultMaxPlans, type DirectLane } from './direct-lane.js';
import { maskError } from './errors.js';
import { exampleOperations } from './example-operations.js';
import type { FrontCache } from './front-cache.js';
import { renderGraphiQLPage } from './graphiql.js';
import { yogaLogger } from './log.js';
import { loadManifest } from './persisted-operations.js';
import { withoutInternalExtensions } from './sse-results.js';
import { guardRequestHooks } from './plugins/guard-request-hooks.js';
import { useCacheControl } from './plugins/use-cache-control.js';
import { useCaching } from './plugins/use-caching.js';
import { useDocumentLimits } from './plugins/use-document-limits.js';
import { useGetParams } from './plugins/use-get-params.js';
import { useIntrospectionOff } from './plugins/use-introspection-policy.js';
import { useJit } from './plugins/use-jit.js';
import { useMetricsAccess } from './plugins/use-metrics-access.js';
import { useBoundedMetrics } from './plugins/use-metrics.js';
import { usePersistedOperations } from './plugins/use-persisted-operations.js';
import { useReplicaStatus } from './plugins/use-replica-status.js';
import { useRequestBudget } from './plugins/use-request-budget.js';

/** Document limits (config.ts's `documentLimits`), for the tests that probe them. */
export const limits = documentLimits;

/** Every option left out takes config.ts's default (`serverDefaults`, `defaultBudget`). */
export interface YogaOptions {
  db: Db;
  /** The process's event bus for subscriptions (one is made when absent). */
  events?: Events;
  /** Serve GraphiQL to browsers at the GraphQL endpoint. */
  graphiql: boolean;
  /** Log through yoga (off in tests). */
  logging?: boolean;
  /** Refuse requests that carry no API key; reads are public otherwise. */
  readRequiresKey?: boolean;
  /** Answer introspection. */
  introspection?: boolean;
  /** CORS origins: a list or '*'; an empty list allows none. */
  corsOrigins?: string[] | '*';
  /** Request headers cross-origin scripts may send (default: config's `defaultCorsAllowHeaders`). */
  corsAllowHeaders?: string[];
  /** Response headers cross-origin scripts may read (default: config's `defaultCorsExposeHeaders`). */
  corsExposeHeaders?: string[];
  /** Require yoga's CSRF header on requests a browser can send cross-site without a preflight. */
  csrfPrevention?: boolean;
  /** Accept only documents from persisted-operations.json. */
  persistedOperationsOnly?: boolean;
  /** Cache read responses until the next write. */
  responseCache?: boolean;
  responseCacheTtlMs?: number;
  /** Run plain totals queries compiled by graphql-jit. */
  jit?: boolean;
  /** Serve Prometheus metrics at /metrics. */
  metrics?: boolean;
  /** The bearer token /metrics requires; without it, /metrics needs a key when reads do. */
  metricsToken?: string | undefined;
  /** Cost, IDs, nesting, input size and time one request may take. */
  budget?: RequestBudget;
  /** Serve nested lists from the read planner's one pass (src/graphql/planner/); false for plugin-drizzle alone. */
  readPlanner?: boolean;
  /** Answer plain queries yoga has validated from http.ts directly (direct-lane.ts); off with the response cache. */
  directLane?: boolean;
}

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

/** What createHttpServer serves: yoga, and the front cache it answers repeated reads from. */
export interface GraphQLServer {
  yoga: Yoga;
  /** Absent when the response cache is off. */
  frontCache: FrontCache | undefined;
  /** Absent when off (DIRECT_LANE=false, the response cache, persisted operations only). */
  lane: DirectLane | undefined;
}

/**
 * How much the direct lane takes, for operators: its answers (counted in the series yoga records
 * too) and the plans it holds. Read from the lane at each scrape, so its requests pay nothing more.
 */
function laneMetrics(registry: Registry, lane: DirectLane): void {
  new Counter({
    name: 'graphql_direct_lane_answered_total',
    help: 'Requests the direct lane answered without yoga, since the process started',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(lane.answered);
    },
  });
  new Gauge({
    name: 'graphql_direct_lane_plans',
    help: `Query plans the direct lane holds (at most ${defaultMaxPlans})`,
    registers: [registry],
    collect() {
      this.set(lane.size);
    },
  });
}

/** The GraphQL server for one database; `yoga.fetch` serves a request without a port. */
export function createGraphQLServer(options: YogaOptions): GraphQLServer {
  const events = options.events ?? createEvents();
  const readRequiresKey = options.readRequiresKey ?? serverDefaults.readRequiresKey;
  const auth = createRequestAuth(options.db, { readRequiresKey });
  const manifest = loadManifest();
  // One registry per server, so several servers in one process (tests) do not collide.
  const registry = (options.metrics ?? serverDefaults.metrics) ? new Registry() : undefined;
  const caching =
    (options.responseCache ?? serverDefaults.responseCache)
      ? useCaching({
          db: options.db,
          schema,
          events,
          ttlMs: options.responseCacheTtlMs ?? serverDefaults.responseCacheTtlMs,
          maxEntries: serverDefaults.responseCacheMaxEntries,
          auth,
          ...(registry ? { registry } : {}),
        })
      : undefined;

  const metrics = registry && useBoundedMetrics({ endpoint: '/metrics', registry, manifest });
  const budget = options.budget ?? defaultBudget;
  const contextFor = (identity: Auth): Context => ({
    db: options.db,
    events,
    ...(options.readPlanner === false ? { readPlanner: false } : {}),
    auth: identity,
  });
  const persistedOnly = options.persistedOperationsOnly ?? serverDefaults.persistedOperationsOnly;
  const replication = options.db.$replication;
  const lane =
    (options.directLane ?? serverDefaults.directLane) && !caching && !persistedOnly
      ? createDirectLane({
          db: options.db,
          policy: { readRequiresKey },
          budget,
          context: contextFor,
          jit: options.jit ?? serverDefaults.jit,
          ...(metrics ? { recorder: metrics.laneRecorder } : {}),
          ...(replication.engine === 'libsql' ? { open: () => replication.status().primaryReachable } : {}),
        })
      : undefined;
  if (registry && lane) laneMetrics(registry, lane);

  const plugins: (Plugin | false | undefined)[] = [
    useCacheControl('/graphql'),
    useGetParams('/graphql'),
    useDocumentLimits(),
    useRequestBudget(budget),
    (options.jit ?? serverDefaults.jit) && useJit(),
    !(options.introspection ?? serverDefaults.introspection) && useIntrospectionOff(),
    (options.csrfPrevention ?? serverDefaults.csrfPrevention) && useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
    // SSE with the graphql-sse protocol ("single connection" and "distinct connections" modes) at
    // /graphql/stream; yoga itself answers `Accept: text/event-stream` on /graphql.
    // Its results are serialised by graphql-sse, so they lose yoga's internal extensions here.
    useGraphQLSSE({ endpoint: '/graphql/stream', onNext: (_ctx, _req, result) => withoutInternalExtensions(result) }),
    usePersistedOperations(manifest, { only: persistedOnly }),
    caching?.plugin,
    registry && useMetricsAccess({ endpoint: '/metrics', token: options.metricsToken, readRequiresKey, auth }),
    metrics?.plugin,
    replication.engine === 'libsql' && useReplicaStatus(replication),
    // Last: it learns a document once every other plugin has let it through to execution.
    lane?.plugin,
  ];

  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => {
      const identity = auth(request);
      if (identity instanceof GraphQLError) throw identity;
      return contextFor(identity);
    },
    graphiql: options.graphiql ? { title: 'ai-factory-graph', defaultQuery: exampleOperations, shouldPersistHeaders: false } : false,
    // GraphiQL's assets come from the package, not a CDN, so it works on a machine with no
    // internet; they are served as cacheable files (graphiql.ts), not inlined into the page.
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    logging: options.logging === false ? false : yogaLogger,
    cors: corsOptionsFactory({
      origins: options.corsOrigins ?? serverDefaults.corsOrigins,
      allowHeaders: options.corsAllowHeaders ?? defaultCorsAllowHeaders,
      exposeHeaders: options.corsExposeHeaders ?? defaultCorsExposeHeaders,
    }),
    // One operation per request: batching multiplies every limit by the batch size.
    batching: false,
    // Bodies are limited before yoga sees them, below yoga's own 25 MB: http.ts answers 413 past
    // MAX_BODY_BYTES (and hands yoga the parsed JSON), websocket.ts closes larger messages. Yoga's
    // limit would pipe every streamed body through one more TransformStream for nothing.
    maxRequestBodySize: false,
    // Unexpected errors reach clients as "Unexpected error." with no message, stack or SQL.
    maskedErrors: { maskError },
    // An error thrown by any plugin's request hook is answered coded and masked (guard-request-hooks.ts).
    plugins: plugins.filter((plugin): plugin is Plugin => Boolean(plugin)).map(guardRequestHooks),
  });
  return { yoga, frontCache: caching?.frontCache, lane };
}
