// Apollo Client 4 cache configuration for ai-factory-graph: import it, or copy this file with the
// two JSON files beside it (`npm run schema:print` regenerates them from the schema).
//
//   import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
//   import { cacheConfig } from './clients/apollo.js';
//   const client = new ApolloClient({ cache: new InMemoryCache(cacheConfig), link: new HttpLink({ uri }) });
//
// - `possibleTypes`: fragments on the `Error`, `Node` and `Versioned` interfaces and on the
//   mutation result unions match from the cache (without it Apollo cannot tell that a Partner is
//   Versioned when it reads `... on Versioned { version }`).
// - Entities (every type with an `id`) are normalised by Apollo's default `__typename:id`.
// - Values without identity (`GpuTotal`, `NationalCapacity`, `MonetaryAmount`, `MoneyTotal`, the
//   error types, …; clients/cache-types.json lists them) are kept inside their parent and merged by
//   `mergeValue`: a smaller selection of the same value (the dashboard's `gpuTotal { quantity
//   bound }`) keeps the fields it did not ask for, so the fuller query stays answerable from the
//   cache; a selection whose values differ replaces the object, so a new `quantity` never sits
//   beside the old `lowerBound` (the query that wants `lowerBound` then fetches it again).
// - Every connection field is paged with `relayStylePagination`, keyed by its filter and ordering.
import type { FieldMergeFunction, InMemoryCacheConfig, StoreObject, TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import cacheTypes from './cache-types.json' with { type: 'json' };
import possibleTypes from './possible-types.json' with { type: 'json' };

export { possibleTypes };

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges two copies of one value object: keeps the existing fields when every field both carry is
 * equal (the same value, selected differently), replaces it when any differs (a new value).
 */
export const mergeValue: FieldMergeFunction<StoreObject, StoreObject> = (existing, incoming, { mergeObjects }) => {
  if (!existing || !incoming || typeof existing !== 'object' || typeof incoming !== 'object') return incoming;
  for (const [key, value] of Object.entries(incoming)) {
    if (key in existing && !same(existing[key], value)) return incoming;
  }
  return mergeObjects(existing, incoming) as StoreObject;
};

function buildTypePolicies(): TypePolicies {
  const policies: TypePolicies = {};
  for (const name of cacheTypes.values) policies[name] = { keyFields: false, merge: mergeValue };
  for (const [typename, fields] of Object.entries(cacheTypes.connections as Record<string, Record<string, string[]>>)) {
    const policy = (policies[typename] ??= {});
    policy.fields = {
      ...policy.fields,
      ...Object.fromEntries(
        Object.entries(fields).map(([field, keyArgs]) => [field, relayStylePagination(keyArgs.length > 0 ? keyArgs : false)]),
      ),
    };
  }
  return policies;
}

export const typePolicies: TypePolicies = buildTypePolicies();

/** Everything `new InMemoryCache(…)` needs for this API. */
export const cacheConfig: InMemoryCacheConfig = { possibleTypes, typePolicies };
