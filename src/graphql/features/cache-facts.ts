// What a normalised client cache (Apollo Client, urql's graphcache) needs to know about the schema,
// derived from it so that it cannot drift: which concrete types each interface and union stands
// for (`possibleTypes`), which object types are values without identity, embedded in their
// parent, and which fields are Relay connections paged by cursor. `npm run schema:print` writes
// them to clients/possible-types.json and clients/cache-types.json; clients/apollo.ts and
// clients/urql.ts turn them into each client's cache configuration.
import { getNamedType, isAbstractType, isObjectType, type GraphQLSchema } from 'graphql';

export interface CacheTypes {
  /** Object types with no `id`: stored inside their parent, never normalised on their own. */
  embedded: string[];
  /** The embedded types that are values (totals, amounts, errors), as opposed to paging plumbing. */
  values: string[];
  /** Per type, its fields whose objects are values (they merge or drop together, see clients/). */
  valueFields: Record<string, string[]>;
  /** Per type, its connection fields and the arguments that tell one list from another. */
  connections: Record<string, Record<string, string[]>>;
}

const pagingArguments = new Set(['first', 'after', 'last', 'before']);

function isPlumbing(name: string): boolean {
  return name === 'PageInfo' || name.endsWith('Connection') || name.endsWith('ConnectionEdge');
}

/** For each interface and union, the object types it may be (sorted), as Apollo's `possibleTypes` takes them. */
export function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!isAbstractType(type) || type.name.startsWith('__')) continue;
    result[type.name] = schema
      .getPossibleTypes(type)
      .map((possible) => possible.name)
      .sort();
  }
  return result;
}

export function cacheTypesOf(schema: GraphQLSchema): CacheTypes {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((type) => type?.name));
  const objects = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => !type.name.startsWith('_') && !roots.has(type.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const embedded = objects.filter((type) => !type.getFields().id).map((type) => type.name);
  const values = embedded.filter((name) => !isPlumbing(name));
  const valueSet = new Set(values);
  const valueFields: CacheTypes['valueFields'] = {};
  const connections: CacheTypes['connections'] = {};
  for (const type of [...objects, ...[schema.getQueryType()].filter((root) => root !== null && root !== undefined)]) {
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type).name;
      if (valueSet.has(named)) (valueFields[type.name] ??= []).push(field.name);
      if (named.endsWith('Connection')) {
        (connections[type.name] ??= {})[field.name] = field.args.map((arg) => arg.name).filter((name) => !pagingArguments.has(name));
      }
    }
  }
  return { embedded, values, valueFields, connections };
}
