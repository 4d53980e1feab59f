// The response cache, whole: @graphql-yoga/plugin-response-cache keeps read answers per API key,
// every write (here or in a sibling process) empties it and the HTTP layer's front cache
// (front-cache.ts) together, and a read that overlapped a write is answered but not kept. While
// the event bus cannot hear the other instances (src/events/bus.ts), nothing is cached or served. The
// front cache's `generation` is the one counter that decides "overlapped a write" for both.
//
// Library internals depended on (@graphql-yoga/plugin-response-cache 3.26.1 over
// @envelop/response-cache 9.3.1):
// - `invalidateViaMutation` must stay true: with false the plugin treats a mutation like a query
//   and replays its first answer to the same request instead of executing it.
// - `onTtl` returning 0 makes the plugin skip storing an answer (it still sets its ETag).
// - `enabled(request, context)` is asked with the GraphQL context during execution; an operation
//   run through `getEnveloped` (graphql-ws) skips yoga's `onParams`, where the plugin builds its
//   key, so it must be disabled there or the plugin throws "not configured correctly".
// And of @envelop/core 5.6.1: a plugin added in `onPluginInit` runs right after the one that
// added it, so the response cache keeps its place in yoga.ts's list (use-jit.ts,
// use-introspection-policy.ts and use-persisted-operations.ts compose the same way).
import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Db } from '../../db/client.js';
import type { Auth } from '../../graphql/builder.js';
import type { Events } from '../../events/bus.js';
import { mayReplayCachedAnswer } from '../auth.js';
import { createFrontCache, type FrontCache, type FrontCacheOptions } from '../front-cache.js';
import { guardRequestHooks } from './guard-request-hooks.js';

/**
 * Put in the initial context of an operation that does not come through yoga's HTTP pipeline
 * (websocket.ts): the response cache stays out of it.
 */
export const withoutResponseCache = { responseCache: false } as const;

export interface CachingOptions {
  db: Db;
  schema: GraphQLSchema;
  events: Events;
  ttlMs: number;
  maxEntries: number;
  /** The request's identity (a 401 error for a bad key): a cached answer never reaches a bad key. */
  auth: (request: Request) => Auth | GraphQLError;
  /** Where the front cache counts its replays. */
  registry?: FrontCacheOptions['registry'];
}

export interface Caching {
  /** Goes in yoga's plugin list. */
  plugin: Plugin;
  /** Goes to createHttpServer, which answers repeated reads from it before yoga. */
  frontCache: FrontCache;
}

function isMutation(document: DocumentNode): boolean {
  return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation');
}

export function useCaching(options: CachingOptions): Caching {
  const cache = createInMemoryCache({ max: options.maxEntries });
  const frontCache = createFrontCache({
    ttlMs: options.ttlMs,
    max: options.maxEntries,
    // Answers are cached for a key that was valid then; one revoked since must get its 401.
    // Nor while the bus is cut off from the other instances (it was emptied when that began).
    mayReplay: (request) => options.events.connected() && mayReplayCachedAnswer(options.db, request.headers.authorization),
    ...(options.registry ? { registry: options.registry } : {}),
  });
  // The generation each read started under.
  const startedAt = new WeakMap<object, number>();
  const typenames = Object.keys(options.schema.getTypeMap())
    .filter((name) => !name.startsWith('__'))
    .map((typename) => ({ typename }));
  // Entity-level invalidation would miss totals (a new allocation changes its programme's
  // `gpuTotal` without naming the programme), so any write drops everything.
  const invalidate = () => {
    frontCache.clear();
    return cache.invalidate(typenames);
  };
  // Other processes serving the same database report their writes too, and the bus empties the
  // caches when its link to them is lost or comes back (writes in between were not heard of).
  options.events.onRemoteInvalidate(() => void invalidate());

  const responseCache = useResponseCache({
    cache,
    ttl: options.ttlMs,
    // A cached answer is per API key: an admin's audit log never reaches anyone else.
    session: (request) => request.headers.get('authorization'),
    // Only plain GraphQL over HTTP at /graphql (graphql-sse answers at /graphql/stream outside
    // yoga's request pipeline, which the cache keys depend on), not WebSocket operations, and
    // never for a key that is refused (asked before the context is built, so a key revoked since
    // the answer was cached does not get it).
    // Nor while this process cannot hear the other instances' writes (Redis down): it would
    // keep answers that one of those writes made stale.
    enabled: (request, context) =>
      options.events.connected() &&
      (context as { responseCache?: boolean } | undefined)?.responseCache !== false &&
      new URL(request.url).pathname === '/graphql' &&
      !(options.auth(request) instanceof GraphQLError),
    invalidateViaMutation: true,
    includeExtensionMetadata: false,
    // A read that ran while a write emptied the cache may hold data from before the write.
    onTtl: ({ ttl, context }) => (startedAt.get(context) === frontCache.generation && options.events.connected() ? ttl : 0),
  });
  const invalidateOnWrite: Plugin = {
    onExecute({ args }) {
      if (!isMutation(args.document)) {
        startedAt.set(args.contextValue, frontCache.generation);
        return;
      }
      return {
        onExecuteDone: async () => {
          await invalidate();
          options.events.invalidateEverywhere();
        },
      };
    },
  };
  const plugin: Plugin = {
    // The plugin's request hook is guarded as yoga.ts guards every other.
    onPluginInit({ addPlugin }) {
      addPlugin(guardRequestHooks(responseCache));
      addPlugin(invalidateOnWrite);
    },
  };
  return { plugin, frontCache };
}
