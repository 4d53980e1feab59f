// Loads of rows by key, `node(id:)` and `_entities`' references, from a statement built and
// prepared once per document and selection, with the keys bound as JSON parameters
// (`id IN (SELECT value FROM json_each(?))`): its SQL text does not depend on the ids or on how
// many there are, so a later request with other ids reruns it as it is.
//
// plugin-drizzle's node loader and `queryFromInfo` plan the selection (@pothos/selection-mapper)
// and drizzle builds the relational query's SQL anew on every request, with the ids inlined:
// about a fifth of the service's CPU on `node(id:)`. Root lists are rerun by document and
// variables (planner-plugin.ts), which a load by key cannot use: its variables are the ids, new
// in every request. Here the entry is keyed by database, document (the field's first node, kept by
// yoga's document cache), type, and the values of only the variables the selection beneath the
// field reads. The rows are served as the read planner serves a root list's: only where
// everything selected resolves without plugin-drizzle's per-request loader mappings
// (`servedByPlan`: columns the row carries, relations the plan prepares), and never for a type
// with auth scopes; anything else keeps plugin-drizzle's path. Written in the planner rather than
// as a patch of plugin-drizzle (or a hook, which it does not offer): keeping a query across
// requests rests on what only this schema guarantees, that no `select` of ours reads the context,
// so a document's query is the same for every caller, while plugin-drizzle's loader must assume
// it may and records its per-request loader mappings, which the planner's prepared rows do not
// need. `test/keyed-load.test.ts` compares the answers with the unplanned path's.
import { completeValue, isThenable } from '@pothos/core';
import { queryFromInfo, type getSchemaConfig } from '@pothos/plugin-drizzle';
import { or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isObjectType, visit, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo } from 'graphql';
import { nodeTables } from '../conventions/node-tables.js';
import { applyPlan, planNode, servedByPlan, type Planned } from './plan.js';

type SchemaConfig = ReturnType<typeof getSchemaConfig>;

/** One table's rows by id and, where the table has one, by slug. */
export interface KeyedLoad {
  /** The rows having one of these ids or slugs, in no particular order, prepared for the fields planned beneath. */
  load(ids: readonly number[], slugs: readonly string[]): Record<string, unknown>[] | PromiseLike<Record<string, unknown>[]>;
}

interface PreparedRows {
  all(placeholders: Record<string, unknown>): unknown;
}

interface RowQuery {
  findMany(config: object): { prepare(): PreparedRows };
}

/** By database, document, then type and the selection's variables; null: this selection keeps plugin-drizzle's path. */
const loads = new WeakMap<object, WeakMap<FieldNode, Map<string, KeyedLoad | null>>>();
/** Entries kept per document; a document whose selection reads ever new variables starts over. */
const MAX_ENTRIES = 64;

/** The names of the variables read beneath a field (arguments and directives, through fragments), per document. */
const variablesBeneath = new WeakMap<FieldNode, string[]>();

function variablesOf(fieldNodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): string[] {
  const known = variablesBeneath.get(fieldNodes[0]!);
  if (known) return known;
  const names = new Set<string>();
  const seen = new Set<string>();
  const walk = (node: Parameters<typeof visit>[0]) =>
    visit(node, {
      Variable: (variable) => {
        names.add(variable.name.value);
      },
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        if (seen.has(name) || !fragments[name]) return;
        seen.add(name);
        walk(fragments[name]);
      },
    });
  for (const field of fieldNodes) {
    // The field's directives count (`@include(if: $x)` on it is read before it resolves), its
    // own arguments (the keys) do not: they are what the statement binds.
    for (const directive of field.directives ?? []) walk(directive);
    if (field.selectionSet) walk(field.selectionSet);
  }
  const list = [...names].sort();
  variablesBeneath.set(fieldNodes[0]!, list);
  return list;
}

function entryKey(typename: string, info: GraphQLResolveInfo): string | undefined {
  const names = variablesOf(info.fieldNodes, info.fragments);
  try {
    return `${typename}\n${JSON.stringify(names.map((name) => info.variableValues[name] ?? null))}`;
  } catch {
    return undefined;
  }
}

/**
 * The load of `typename`'s rows with the selection beneath the field `info` resolves (only its
 * part on that type), or null when that selection is left to plugin-drizzle: a type with auth
 * scopes or no table of its own, a selection needing loader mappings, an async select.
 */
export function keyedLoad(
  config: SchemaConfig,
  context: { db?: object; readPlanner?: boolean },
  info: GraphQLResolveInfo,
  typename: string,
  bySlug: boolean,
): KeyedLoad | null {
  const db = context.db;
  if (!db || context.readPlanner === false) return null;
  const key = entryKey(typename, info);
  if (key === undefined) return null;
  let byDocument = loads.get(db);
  if (!byDocument) loads.set(db, (byDocument = new WeakMap()));
  let entries = byDocument.get(info.fieldNodes[0]!);
  if (!entries) byDocument.set(info.fieldNodes[0]!, (entries = new Map()));
  const known = entries.get(key);
  if (known !== undefined) return known;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const made = makeLoad(config, db, context, info, typename, bySlug);
  entries.set(key, made);
  return made;
}

function makeLoad(
  config: SchemaConfig,
  db: object,
  context: object,
  info: GraphQLResolveInfo,
  typename: string,
  bySlug: boolean,
): KeyedLoad | null {
  const table = (nodeTables as Record<string, string>)[typename];
  const type = info.schema.getType(typename);
  if (!table || !isObjectType(type)) return null;
  const extensions = type.extensions as Record<string, unknown>;
  if (extensions.pothosDrizzleModel !== table || extensions.readPlanner === false) return null;
  const plan = planNode(type, info.fieldNodes, info, context);
  if (!servedByPlan(type, info.fieldNodes, info, plan)) return null;
  let prepared: PreparedRows;
  try {
    const query = queryFromInfo({
      config,
      context,
      info,
      typeName: typename as never,
      // The keys are read back to match rows to what was asked, whatever the document selects.
      columns: (bySlug ? { id: true, slug: true } : { id: true }) as never,
    });
    if (isThenable(query)) return null;
    const keyed = (column: SQLWrapper, name: string): SQL => sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`;
    const where = {
      RAW: (columns: Record<string, SQLWrapper>) =>
        bySlug ? or(keyed(columns.id!, 'ids'), keyed(columns.slug!, 'slugs')) : keyed(columns.id!, 'ids'),
    };
    const rows = (db as { query: Record<string, RowQuery> }).query[table]!;
    prepared = rows.findMany({ ...(query as object), where }).prepare();
  } catch {
    return null;
  }
  return {
    load: (ids, slugs) =>
      completeValue(
        prepared.all(bySlug ? { ids: JSON.stringify(ids), slugs: JSON.stringify(slugs) } : { ids: JSON.stringify(ids) }),
        (found) => {
          const rows = found as Record<string, unknown>[];
          if (plan) for (const row of rows) applyPlan(plan, row as Planned);
          return rows;
        },
      ) as Record<string, unknown>[] | PromiseLike<Record<string, unknown>[]>,
  };
}
