// createYoga with the schema, the request context and the plugins that make it safe to expose:
// document limits (graphql-armor) and a request budget (cost with variables, IDs, nesting,
// input size, time), CSRF prevention, introspection policy (with no suggestions and
// `_service` for admin keys), persisted operations, a response cache that every write
// invalidates, Prometheus metrics with bounded labels, and CORS by origin policy.
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { GraphQLError, Kind, parse, print, type DocumentNode, type ValidationContext } from 'graphql';
import { Counter, Registry } from 'prom-client';
import { defaultBudget, defaultCorsAllowHeaders, defaultCorsExposeHeaders, type RequestBudget } from '../config.js';
import type { Db } from '../db/client.js';
import { schema } from '../schema/index.js';
import type { Auth, Context } from '../schema/builder.js';
import { createEvents, type Events } from '../schema/events.js';
import { authenticate } from './auth.js';
import { maskError } from './errors.js';
import { exampleOperations } from './example-operations.js';
import { renderGraphiQLPage } from './graphiql.js';
import { createFrontCache, type FrontCache } from './front-cache.js';
import { corsOptionsFactory } from './cors.js';
import { compilable, useCompiledErrors } from './jit.js';
import { yogaLogger } from './log.js';
import { createApqStore, loadManifest } from './persisted-operations.js';
import { guardRequestHooks } from './plugins/guard-request-hooks.js';
import { useGetParams } from './plugins/use-get-params.js';
import { useMetricsAccess } from './plugins/use-metrics-access.js';
import { useBoundedMetrics } from './plugins/use-metrics.js';
import { useNoSuggestions } from './plugins/use-no-suggestions.js';
import { useServiceForGateways } from './plugins/use-service-for-gateways.js';
import { useRequestBudget } from './plugins/use-request-budget.js';

/** Document limits, sized so every shipped operation passes with room and abusive ones fail. */
export const limits = {
  maxDepth: 16,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 30,
  // The cost, with variables, and the rest of the request budget: use-request-budget.ts.
  // Wide documents are held by the alias and token limits.
  maxCost: defaultBudget.maxCost,
};

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
  /** Answer introspection (default true). */
  introspection?: boolean;
  /** CORS origins: a list or '*' (default '*'); an empty list allows none. */
  corsOrigins?: string[] | '*';
  /** Request headers cross-origin scripts may send (default: config's `defaultCorsAllowHeaders`). */
  corsAllowHeaders?: string[];
  /** Response headers cross-origin scripts may read (default: config's `defaultCorsExposeHeaders`). */
  corsExposeHeaders?: string[];
  /** Require yoga's CSRF header on requests a browser can send cross-site without a preflight. */
  csrfPrevention?: boolean;
  /** Accept only documents from persisted-operations.json. */
  persistedOperationsOnly?: boolean;
  /** Cache read responses until the next write (default true). */
  responseCache?: boolean;
  responseCacheTtlMs?: number;
  /** Run plain totals queries compiled by graphql-jit (default true). */
  jit?: boolean;
  /** Serve Prometheus metrics at /metrics (default true). */
  metrics?: boolean;
  /** The bearer token /metrics requires; without it, /metrics needs a key when reads do. */
  metricsToken?: string | undefined;
  /** Cost, IDs, nesting, input size and time one request may take (config.ts's defaults). */
  budget?: RequestBudget;
}

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

function isMutation(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation',
  );
}

/** Counts cache invalidations, and the count each read started under. */
interface WriteClock {
  count: number;
  seen: WeakMap<object, number>;
}

/**
 * Empties the response cache after every executed mutation. Entity-level invalidation would miss
 * totals (a new allocation changes its programme's `gpuTotal` without naming the programme), so
 * any write drops everything: a read after a write never sees the old value.
 */
function useInvalidateCacheOnWrite(
  cache: ReturnType<typeof createInMemoryCache>,
  front: FrontCache,
  events: Events,
  writes: WriteClock,
): Plugin {
  const invalidate = () => {
    writes.count += 1;
    front.clear();
    return cache.invalidate(
      Object.keys(schema.getTypeMap())
        .filter((name) => !name.startsWith('__'))
        .map((typename) => ({ typename })),
    );
  };
  // Other processes serving the same database report their writes too.
  events.onRemoteInvalidate(() => void invalidate());
  return {
    onExecute({ args }) {
      if (!isMutation(args.document)) {
        writes.seen.set(args.contextValue, writes.count);
        return;
      }
      return {
        onExecuteDone: async () => {
          await invalidate();
          events.invalidateEverywhere();
        },
      };
    },
  };
}

/**
 * graphql-armor throws its limit errors as "Syntax Error: …" without a code; through its onReject
 * hook they become QUERY_TOO_COMPLEX errors instead.
 */
const armorRejection = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const coded = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
        extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
      });
      // The token limit runs while parsing, before there is a validation context to report to.
      if (!context) throw coded;
      context.reportError(coded);
    },
  ],
};

/**
 * Browsers and proxies may keep a response but must revalidate it (ETag / If-None-Match from the
 * response cache) before reuse, and only for the same client: answers depend on the API key.
 */
function useCacheControl(): Plugin {
  return {
    onResponse({ request, response }) {
      if (new URL(request.url).pathname === '/graphql' && !response.headers.has('cache-control')) {
        response.headers.set('cache-control', 'private, no-cache');
      }
    },
  };
}

/**
 * With PERSISTED_OPERATIONS_ONLY, refuses any document whose text is not in the manifest, on
 * every transport: the persisted-operations plugin guards POST/GET /graphql, but graphql-sse and
 * graphql-ws hand their text straight to the parser.
 */
function useTrustedDocumentsOnly(manifest: Record<string, string>): Plugin {
  // Compared in printed form, so the codegen-minified and the pretty-printed texts both match.
  const trusted = new Set(Object.values(manifest).map((document) => print(parse(document))));
  return {
    // Refused at validation, which every transport reports as an ordinary GraphQL error
    // (an error thrown while parsing would escape the graphql-sse handler).
    onValidate({ params, setResult }) {
      if (!trusted.has(print(params.documentAST))) {
        setResult([
          new GraphQLError('This server accepts only persisted operations: send a hash from persisted-operations.json.', {
            extensions: { code: 'PERSISTED_QUERY_ONLY' },
          }),
        ]);
      }
    },
  };
}

/** The GraphQL server for one database; `yoga.fetch` serves a request without a port. */
export function createGraphQLServer(options: YogaOptions): Yoga {
  const events = options.events ?? createEvents();
  const plugins: Plugin[] = [
    useCacheControl(),
    useGetParams('/graphql'),
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...armorRejection }),
    maxAliasesPlugin({ n: limits.maxAliases, ...armorRejection }),
    maxTokensPlugin({ n: limits.maxTokens, ...armorRejection }),
    maxDirectivesPlugin({ n: limits.maxDirectives, ...armorRejection }),
    useRequestBudget(options.budget ?? defaultBudget),
  ];
  if (options.jit ?? true) {
    // Compiled execution for queries that select no database-backed objects below the root
    // (see jit.ts); it comes before the response cache, which then wraps it.
    // (Typed for envelop's empty context; yoga's extends it.)
    plugins.push(
      useGraphQlJit({}, { enableIf: (args) => compilable(args.schema, args.document) }) as unknown as Plugin,
      useCompiledErrors() as Plugin,
    );
  }
  if (options.introspection === false) {
    plugins.push(useDisableIntrospection(), useNoSuggestions(), useServiceForGateways() as Plugin);
  }
  if (options.csrfPrevention) plugins.push(useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }));
  // SSE with the graphql-sse protocol ("single connection" and "distinct connections" modes) at
  // /graphql/stream; yoga itself answers `Accept: text/event-stream` on /graphql.
  plugins.push(useGraphQLSSE({ endpoint: '/graphql/stream' }));
  const manifest = loadManifest();
  // Automatic persisted queries register clients' documents, except in trusted-documents mode.
  if (!options.persistedOperationsOnly) plugins.push(useAPQ({ store: createApqStore(manifest) }));
  plugins.push(
    usePersistedOperations({
      // Own keys only: `__proto__` or `constructor` must not find Object.prototype's members.
      getPersistedOperation: (hash) => (Object.hasOwn(manifest, hash) ? manifest[hash]! : null),
      allowArbitraryOperations: !options.persistedOperationsOnly,
      skipDocumentValidation: false,
      customErrors: {
        persistedQueryOnly: {
          message: 'This server accepts only persisted operations: send a hash from persisted-operations.json.',
          extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
        },
      },
    }),
  );
  if (options.persistedOperationsOnly) plugins.push(useTrustedDocumentsOnly(manifest));
  // Who sends each request, worked out once: the response cache asks before the context is built
  // (a cached answer must not reach a key revoked since), the context asks again. Each check is
  // an indexed lookup and a SHA-256 of the key, and may write the key's last use.
  const auths = new WeakMap<Request, Auth | GraphQLError>();
  const requestAuth = (request: Request): Auth | GraphQLError => {
    let auth = auths.get(request);
    if (auth === undefined) {
      try {
        auth = authenticate(options.db, request.headers.get('authorization'), { readRequiresKey: options.readRequiresKey ?? false });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        auth = error;
      }
      auths.set(request, auth);
    }
    return auth;
  };
  // One registry per server, so several servers in one process (tests) do not collide.
  const registry = options.metrics ?? true ? new Registry() : undefined;
  let front: FrontCache | undefined;
  if (options.responseCache ?? true) {
    const cache = createInMemoryCache({ max: 1000 });
    const writes: WriteClock = { count: 0, seen: new WeakMap() };
    // Answers the front cache replays never reach yoga's metrics: they are counted here.
    const frontHits =
      registry &&
      new Counter({
        name: 'graphql_front_cache_hits_total',
        help: 'Requests answered from the HTTP layer\'s copy of the response cache, before yoga (not counted in the graphql_* metrics).',
        registers: [registry],
      });
    front = createFrontCache({ ttlMs: options.responseCacheTtlMs ?? 60_000, max: 1000, onHit: frontHits && (() => frontHits.inc()) });
    plugins.push(
      useResponseCache({
        cache,
        ttl: options.responseCacheTtlMs ?? 60_000,
        // A cached answer is per API key: an admin's audit log never reaches anyone else.
        session: (request) => request.headers.get('authorization'),
        // Only plain GraphQL over HTTP at /graphql: the SSE-protocol and WebSocket paths execute
        // outside yoga's request pipeline, which the cache keys depend on. The plugin answers a
        // hit before the context (and so `authenticate`) is built: a key revoked since the answer
        // was cached must not get it (the key is checked once per request, `requestAuth`, though the
        // plugin asks several times).
        enabled: (request) => new URL(request.url).pathname === '/graphql' && !(requestAuth(request) instanceof GraphQLError),
        // Must stay true: with false the plugin treats a mutation like a query and replays its
        // first answer to the same request instead of executing it. (Our hook below empties the
        // whole cache after every mutation anyway; the plugin's own entity invalidation is a subset.)
        invalidateViaMutation: true,
        includeExtensionMetadata: false,
        // A read that ran while a write emptied the cache may hold data from before the write:
        // it is answered but not kept (a TTL of 0 skips storing).
        onTtl: ({ ttl, context }) => (writes.seen.get(context) === writes.count ? ttl : 0),
      }),
      useInvalidateCacheOnWrite(cache, front, events, writes),
    );
  }
  if (registry) {
    plugins.push(
      useMetricsAccess({ endpoint: '/metrics', token: options.metricsToken, readRequiresKey: options.readRequiresKey ?? false, auth: requestAuth }),
      useBoundedMetrics({ endpoint: '/metrics', registry, manifest }),
    );
  }

  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    context: ({ request }) => ({
      db: options.db,
      events,
      auth: (() => {
        const auth = requestAuth(request);
        if (auth instanceof GraphQLError) throw auth;
        return auth;
      })(),
    }),
    graphiql: options.graphiql
      ? { title: 'ai-factory-graph', defaultQuery: exampleOperations, shouldPersistHeaders: false }
      : false,
    // GraphiQL's assets come from the package, not a CDN, so it works on a machine with no
    // internet; they are served as cacheable files (graphiql.ts), not inlined into the page.
    renderGraphiQL: renderGraphiQLPage,
    landingPage: false,
    logging: options.logging === false ? false : yogaLogger,
    cors: corsOptionsFactory({
      origins: options.corsOrigins ?? '*',
      allowHeaders: options.corsAllowHeaders ?? defaultCorsAllowHeaders,
      exposeHeaders: options.corsExposeHeaders ?? defaultCorsExposeHeaders,
    }),
    // One operation per request: batching multiplies every limit by the batch size.
    batching: false,
    // Unexpected errors reach clients as "Unexpected error." with no message, stack or SQL.
    maskedErrors: { maskError },
    // An error thrown by any plugin's request hook is answered coded and masked (guard-request-hooks.ts).
    plugins: plugins.map(guardRequestHooks),
  });
  if (front) frontCaches.set(yoga, front);
  return yoga;
}

const frontCaches = new WeakMap<Yoga, FrontCache>();

/** The cache the HTTP layer answers repeated reads from, when the response cache is on. */
export function frontCacheOf(yoga: Yoga): FrontCache | undefined {
  return frontCaches.get(yoga);
}

