// urql graphcache configuration for ai-factory-graph: import it, or copy this file with the two
// JSON files beside it (`npm run schema:print` regenerates them from the schema).
//
//   import { Client, fetchExchange } from '@urql/core';
//   import { cacheExchange } from '@urql/exchange-graphcache';
//   import { createGraphcacheConfig } from './clients/urql.js';
//   const client = new Client({ url, exchanges: [cacheExchange(createGraphcacheConfig()), fetchExchange] });
//
// - `keys`: types without an `id` (values such as `GpuTotal`, `NationalCapacity`, and the paging
//   types) return null, so graphcache embeds them in their parent instead of warning that it
//   cannot key them. Entities keep graphcache's default `__typename:id`.
// - `updates`: graphcache writes an embedded value field by field, so a smaller selection with a
//   new `quantity` left the old `lowerBound` beside it, and a cache-first read showed both. Now a
//   smaller selection of the same value keeps the other fields, and one with a new value drops
//   them, so a value is never a mix of two answers: a query that needs them fetches them again.
// - `resolvers`: every connection field is paged with graphcache's `relayPagination`.
// - Fragments on interfaces and unions: graphcache matches them by the fields present (it warns
//   "heuristic fragment matching"); pass `schema` (an introspection result) to make it exact.
import type { Cache, CacheExchangeOpts, Data, KeyingConfig, ResolveInfo, ResolverConfig, UpdatesConfig } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';
import cacheTypes from './cache-types.json' with { type: 'json' };

const keys: KeyingConfig = Object.fromEntries(cacheTypes.embedded.map((name) => [name, () => null]));

/** The records a field links to: one key, a list of keys (possibly nested), or none. */
function linkedKeys(link: unknown): string[] {
  if (typeof link === 'string') return [link];
  return Array.isArray(link) ? link.flatMap(linkedKeys) : [];
}

/** Written data for one record, by position in a (possibly nested) list. */
function writtenAt(data: unknown, index: number): Record<string, unknown> | undefined {
  const flat = Array.isArray(data) ? (data.flat(Infinity) as unknown[]) : [data];
  const item = flat[index];
  return item && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * An updater for every value field. graphcache runs it after writing the value, when the old
 * field values are already overwritten, so it remembers what each embedded record holds: a write
 * that agrees with it on every field it carries is the same value selected differently (the
 * other fields stay); a write that contradicts it is a new value, and the fields it did not carry
 * are dropped. Fields are matched by response key; an aliased field is dropped too, which costs a
 * refetch, never a stale value.
 */
function valueUpdater(): (parent: Data, args: unknown, cache: Cache, info: ResolveInfo) => void {
  const held = new Map<string, Record<string, unknown>>();
  return (parent, _args, cache, info) => {
    const written = (parent as Record<string, unknown>)[info.fieldName];
    const records = linkedKeys(cache.resolve(info.parentKey, info.parentFieldKey));
    records.forEach((record, index) => {
      const data = writtenAt(written, index);
      if (!data) return;
      const before = held.get(record);
      if (before && Object.entries(data).every(([field, value]) => !(field in before) || same(before[field], value))) {
        held.set(record, { ...before, ...data });
        return;
      }
      held.set(record, { ...data });
      for (const field of cache.inspectFields(record)) {
        if (field.fieldName === '__typename' || field.fieldName in data) continue;
        cache.invalidate(record, field.fieldName, field.arguments ?? undefined);
      }
    });
  };
}

const resolvers: ResolverConfig = {};
for (const [typename, fields] of Object.entries(cacheTypes.connections as Record<string, Record<string, string[]>>)) {
  resolvers[typename] = Object.fromEntries(Object.keys(fields).map((field) => [field, relayPagination()]));
}

/** A configuration for one cache (the updater remembers that cache's values): `cacheExchange(createGraphcacheConfig())`. */
export function createGraphcacheConfig(): Partial<CacheExchangeOpts> {
  const update = valueUpdater();
  const updates: UpdatesConfig = {};
  for (const [typename, fields] of Object.entries(cacheTypes.valueFields as Record<string, string[]>)) {
    updates[typename] = Object.fromEntries(fields.map((field) => [field, update]));
  }
  return { keys, updates, resolvers };
}
