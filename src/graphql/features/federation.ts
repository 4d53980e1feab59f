// The Apollo Federation v2 side of the schema: which types other subgraphs can extend, by which
// keys, and how a batch of references is loaded. The references of one type in one `_entities`
// field are loaded in one statement, with what the document selects beneath `... on <Type>`
// (plugin-drizzle's `queryFromInfo` plans it and records the plan, so the type's fields and
// relations read the loaded rows instead of loading their own): `_entities` for N keys costs a
// constant number of statements, as `nodes(ids:)` does.
import { createContextCache } from '@pothos/core';
import { getSchemaConfig, queryFromInfo } from '@pothos/plugin-drizzle';
import DataLoader from 'dataloader';
import { getTableColumns, or, sql, type SQLWrapper } from 'drizzle-orm';
import { isUnionType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { Allocation } from '../entities/allocation.js';
import { builder, type Context } from '../builder.js';
import { NotFoundError } from '../conventions/error-classes.js';
import { badInput } from '../conventions/filters.js';
import { decodeGlobalId } from '../conventions/global-id.js';
import { GpuModel } from '../entities/gpu-model.js';
import { Initiative } from '../entities/initiative.js';
import { Investment } from '../entities/investment.js';
import { keyedLoad } from '../planner/keyed-load.js';
import { nodeTables, tableOfType } from '../conventions/node-tables.js';
import { Partner } from '../entities/partner.js';
import { Program } from '../entities/program.js';
import { Source } from '../entities/source.js';

type Row = Record<string, unknown> & { id: number; slug?: string };

/** The part of drizzle's relational query API used here, for a table chosen at run time. */
interface RowQuery {
  findMany(config: object): PromiseLike<Row[]>;
}

/** A reference's key as the loader's key: `id:<n>` or `slug:<text>`. */
type ReferenceKey = `id:${number}` | `slug:${string}`;

function splitKeys(keys: readonly ReferenceKey[]): { ids: number[]; slugs: string[] } {
  const ids = keys.flatMap((key) => (key.startsWith('id:') ? [Number(key.slice(3))] : []));
  const slugs = keys.flatMap((key) => (key.startsWith('slug:') ? [key.slice(5)] : []));
  return { ids, slugs };
}

/** The row each key names, or null, from the rows a batch loaded. */
function matchRows(keys: readonly ReferenceKey[], found: readonly Row[]): (Row | null)[] {
  const byKey = new Map<string, Row>();
  for (const row of found) {
    byKey.set(`id:${row.id}`, row);
    if (row.slug !== undefined) byKey.set(`slug:${row.slug}`, row);
  }
  return keys.map((key) => byKey.get(key) ?? null);
}

/**
 * Per request and `_entities` field (its path: two aliased `_entities` fields select different
 * things), a loader of one type's rows by reference key. The query is planned from the field's
 * selection for this type once, on the first reference, and the batch runs it for every key.
 */
function referenceLoaders(typename: keyof typeof nodeTables, bySlug: boolean) {
  const perField = createContextCache(() => new WeakMap<GraphQLResolveInfo['path'], DataLoader<ReferenceKey, Row | null>>());
  return (context: Context, info: GraphQLResolveInfo) => {
    const loaders = perField(context);
    let loader = loaders.get(info.path);
    if (!loader) {
      // A selection the read planner serves runs one statement prepared for this document
      // (src/graphql/planner/keyed-load.ts); any other is planned here for this request.
      const keyed = keyedLoad(getSchemaConfig(builder), context, info, typename, bySlug);
      if (keyed) {
        loader = new DataLoader<ReferenceKey, Row | null>(async (keys) => {
          const { ids, slugs } = splitKeys(keys);
          return matchRows(keys, (await keyed.load(ids, slugs)) as Row[]);
        });
        loaders.set(info.path, loader);
        return loader;
      }
      const query = queryFromInfo({
        config: getSchemaConfig(builder),
        context,
        info,
        typeName: typename,
        // The keys are read back to match rows to references, whatever the document selects.
        columns: (bySlug ? { id: true, slug: true } : { id: true }) as never,
      });
      const rows = (context.db.query as unknown as Record<string, RowQuery>)[nodeTables[typename]]!;
      loader = new DataLoader<ReferenceKey, Row | null>(async (keys) => {
        const { ids, slugs } = splitKeys(keys);
        // The keys go in as one JSON parameter each: the statement's text is the same for any
        // number of references (drizzle builds it faster, SQLite prepares it once).
        const where = {
          RAW: (table: Record<string, SQLWrapper>) =>
            or(
              ids.length ? sql`${table.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))` : undefined,
              slugs.length ? sql`${table.slug} IN (SELECT value FROM json_each(${JSON.stringify(slugs)}))` : undefined,
            ),
        };
        return matchRows(keys, await rows.findMany({ ...(await query), where }));
      });
      loaders.set(info.path, loader);
    }
    return loader;
  };
}

/**
 * The key a reference names, or null when it names none: a slug for a type that has none (only a
 * client calling `_entities` itself can send one). A wrong or garbled ID throws InvalidIdError.
 */
function referenceKey(typename: string, bySlug: boolean, reference: { id?: unknown; slug?: unknown }): ReferenceKey | null {
  if (reference.id !== undefined) return `id:${decodeGlobalId(reference.id, typename, 'id').id}`;
  return bySlug && typeof reference.slug === 'string' ? `slug:${reference.slug}` : null;
}

/** Loads the row a reference names, or throws NOT_FOUND for that entity alone. */
async function resolveReference(
  typename: string,
  bySlug: boolean,
  load: ReturnType<typeof referenceLoaders>,
  reference: { id?: string; slug?: string },
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Row> {
  const key = referenceKey(typename, bySlug, reference);
  const row = key === null ? null : await load(context, info).load(key);
  if (row === null) throw new NotFoundError(typename, reference.id ?? `slug "${reference.slug}"`);
  return row;
}

const entities: [ref: unknown, typename: keyof typeof nodeTables][] = [
  [Program, 'Program'],
  [Partner, 'Partner'],
  [GpuModel, 'GpuModel'],
  [Allocation, 'Allocation'],
  [Initiative, 'Initiative'],
  [Investment, 'Investment'],
  [Source, 'Source'],
];

for (const [ref, typename] of entities) {
  const bySlug = 'slug' in getTableColumns(tableOfType(typename)!);
  const load = referenceLoaders(typename, bySlug);
  const keys = bySlug
    ? [builder.selection<{ id: string }>('id'), builder.selection<{ slug: string }>('slug')]
    : [builder.selection<{ id: string }>('id')];
  builder.asEntity(ref as typeof Partner, {
    key: keys as ReturnType<typeof builder.selection<{ id: string }>>[],
    resolveReference: (reference, context, info) => {
      const row = resolveReference(typename, bySlug, load, reference as { id?: string; slug?: string }, context, info);
      // @apollo/subgraph maps the representations in one loop and drops the promises made so far
      // when a later one throws: a rejection nobody handles then, which ends the process.
      row.catch(() => undefined);
      return row as never;
    },
  });
}

/**
 * Checks `_entities`' representations before @apollo/subgraph reads them: it throws a plain
 * Error (an unexpected error to the client) for a representation that is not an object or names
 * no entity type, and takes a non-entity type's representation as the entity itself. Each must
 * be an object whose `__typename` is one of `_Entity`'s types; anything else is BAD_USER_INPUT.
 */
export function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!field || !isUnionType(union)) return schema;
  const types = new Set(union.getTypes().map((type) => type.name));
  const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown, { representations: unknown }>;
  field.resolve = (source, args, context, info) => {
    const representations = args.representations;
    if (!Array.isArray(representations)) throw badInput('representations must be a list of entity references.');
    representations.forEach((representation: unknown, index) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (
        typeof representation !== 'object' ||
        representation === null ||
        Array.isArray(representation) ||
        typeof typename !== 'string' ||
        !types.has(typename)
      ) {
        throw badInput(`representations[${index}] must be an object whose __typename is one of ${[...types].join(', ')}.`);
      }
    });
    return resolve(source, args, context, info);
  };
  return schema;
}
