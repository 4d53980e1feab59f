// A Pothos plugin that serves nested lists from a plan made once per request (plan.ts) instead
// of plugin-drizzle's per-row resolution. Root lists (marked `readPlannerRoot` by root-list.ts)
// still run plugin-drizzle's resolver, which loads the whole selection in one relational query;
// their result is then walked once along the selection, preparing every nested connection and
// to-one relation on its row. The drizzle relation and connection fields beneath read what is
// prepared, by response key, and fall back to plugin-drizzle's resolver when nothing is (a field
// the plan leaves out, a page after a cursor, a row loaded some other way).
// A root list's first page is served by the planner itself from the second time a document is
// sent with the same variables: the statement plugin-drizzle's path ran for it (noted by
// root-list.ts) is kept prepared and rerun, and its page shaped like the nested ones, which skips
// plugin-drizzle planning the selection and drizzle building the SQL text on every request (a
// fifth of PartnersNested's CPU). Only where nothing beneath needs plugin-drizzle's per-request
// loader mappings (`servedByPlan`), and only once the shaped cursors matched the ones given.
// `node(id:)` (marked `readPlannerNode` in builder.ts) is served the same way for any id: one
// statement per document and type with the id bound, from keyed-load.ts, which `_entities` uses too.
// First in the builder's plugin list, so it wraps outermost: a prepared value skips the plugins
// inside it, which is why fields with auth scopes (their own or their type's) are never planned.
// Written here because plugin-drizzle has no hook to shape loaded rows; it reads the field
// extensions plugin-drizzle sets (`pothosDrizzleSelect`, `pothosDrizzleLoaded`), like
// loaded-columns-plugin.ts, and `test/read-planner.test.ts` compares its answers with the
// unplanned path's.
import SchemaBuilder, {
  BasePlugin,
  brandWithType,
  completeValue,
  type PothosOutputFieldConfig,
  type PothosTypeConfig,
  type SchemaTypes,
} from '@pothos/core';
import { getSchemaConfig } from '@pothos/plugin-drizzle';
import {
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
import {
  applyPlan,
  connectionSelection,
  cursorOf,
  planNode,
  PLANNED,
  servedByPlan,
  shapeConnection,
  type NodePlan,
  type PlanInfo,
  type Planned,
  type ShapePlan,
} from './plan.js';
import { cursorFingerprint } from '../plugins/cursor-binding-plugin.js';
import { keyedLoad } from './keyed-load.js';

const pluginName = 'readPlanner';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      readPlanner: ReadPlannerPlugin<Types>;
    }
  }
}

/** A context with `readPlanner: false` resolves every field the unplanned way (tests compare both). */
interface PlannerContext {
  readPlanner?: boolean;
}

interface Edge {
  node?: unknown;
}

/**
 * The plan for the nodes of a root connection's edges, with the `edges` and `node` field nodes it
 * reads them through; null when nothing beneath needs one. Fragments on the connection or the
 * edge are left to plugin-drizzle (not planned).
 */
export function planRoot(
  returnType: GraphQLOutputType,
  fieldNodes: readonly FieldNode[],
  info: PlanInfo,
  context: object,
): { plan: NodePlan; through: FieldNode[] } | null {
  const connectionType = getNamedType(returnType);
  const edgeType = isObjectType(connectionType) ? getNamedType(connectionType.getFields().edges?.type) : undefined;
  const nodeType = isObjectType(edgeType) ? getNamedType(edgeType.getFields().node?.type) : undefined;
  if (!isObjectType(nodeType)) return null;
  // The node selections of every `edges { node }` under this field, whatever their aliases.
  const nodeNodes: FieldNode[] = [];
  const through: FieldNode[] = [];
  for (const field of fieldNodes) {
    for (const edges of field.selectionSet?.selections ?? []) {
      if (edges.kind !== Kind.FIELD) return null;
      if (edges.name.value !== 'edges') continue;
      through.push(edges);
      for (const node of edges.selectionSet?.selections ?? []) {
        if (node.kind !== Kind.FIELD) return null;
        if (node.name.value === 'node') {
          nodeNodes.push(node);
          through.push(node);
        }
      }
    }
  }
  if (nodeNodes.length === 0) return null;
  const plan = planNode(nodeType, nodeNodes, info, context);
  return plan ? { plan, through } : null;
}

/**
 * Plans of documents without variables, per root field node (yoga caches parsed documents). Keyed
 * by the first node, not `info.fieldNodes`: graphql-js collects a new array on every execution
 * (graphql-jit keeps its own), while the nodes are the cached document's.
 */
const constantPlans = new WeakMap<FieldNode, NodePlan | null>();

function rootPlan(info: GraphQLResolveInfo, context: object): NodePlan | null {
  const constant = Object.keys(info.variableValues).length === 0;
  if (constant) {
    const known = constantPlans.get(info.fieldNodes[0]!);
    if (known !== undefined) return known;
  }
  const plan = planRoot(info.returnType, info.fieldNodes, info, context)?.plan ?? null;
  if (constant) constantPlans.set(info.fieldNodes[0]!, plan);
  return plan;
}

/** The query a root list's resolver handed drizzle, by the request's arguments object (root-list.ts notes it). */
export interface RootQuery {
  /** drizzle's `findMany` on the list's table, prepared once and run by every later request. */
  prepare: () => { all: (placeholders?: Record<string, unknown>) => unknown };
  limit: unknown;
  orderBy: unknown;
}

const rootQueries = new WeakMap<object, RootQuery>();

/** Called by a root list's resolver with the query it runs, so that later requests can rerun it. */
export function noteRootQuery(args: object, query: RootQuery): void {
  rootQueries.set(args, query);
}

/** A root page the planner serves itself: one prepared statement, then the one-pass shaping beneath. */
interface RootEntry {
  run: () => unknown;
  shape: ShapePlan;
  totalCount: boolean;
}

/**
 * Root pages by database, document (the root field's first node, which yoga's document cache
 * keeps; as for `constantPlans`) and variables. A document's query depends only on them: its arguments come from the document
 * and the variables, and no `select` or `query` of our schema reads the context. Null: this
 * document and variables keep plugin-drizzle's path (something beneath needs its loader mappings).
 */
const rootEntries = new WeakMap<object, WeakMap<FieldNode, Map<string, RootEntry | null>>>();
/** Variable sets kept per document; a document sent with ever new variables starts over. */
const MAX_ROOT_ENTRIES = 64;

function entriesOf(context: object, info: GraphQLResolveInfo): Map<string, RootEntry | null> | undefined {
  const db = (context as { db?: object }).db;
  if (!db) return undefined;
  let byDocument = rootEntries.get(db);
  if (!byDocument) rootEntries.set(db, (byDocument = new WeakMap()));
  let entries = byDocument.get(info.fieldNodes[0]!);
  if (!entries) byDocument.set(info.fieldNodes[0]!, (entries = new Map()));
  return entries;
}

function variablesKey(info: GraphQLResolveInfo): string | undefined {
  try {
    return JSON.stringify(info.variableValues);
  } catch {
    return undefined;
  }
}

/**
 * After plugin-drizzle's path answered a root page: the entry that reruns its query, checked
 * against that answer (same cursors), or null when the selection or the page is not one the
 * planner shapes.
 */
function learn(
  connection: unknown,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
  plan: NodePlan | null,
  totalCount: ((args: object, context: object) => unknown) | undefined,
): RootEntry | null {
  if (args.after != null || args.before != null || args.last != null) return null;
  const query = rootQueries.get(args);
  if (!query || typeof query.limit !== 'number' || connection === null || typeof connection !== 'object') return null;
  const connectionType = getNamedType(info.returnType);
  if (!isObjectType(connectionType)) return null;
  const selection = connectionSelection(connectionType, info.fieldNodes, info);
  if (!selection || (selection.names.has('totalCount') && !totalCount)) return null;
  if (
    selection.nodeNodes.length > 0 &&
    (!selection.nodeType || !servedByPlan(selection.nodeType, selection.nodeNodes, info, plan ?? undefined))
  )
    return null;
  const cursorKeys = query.orderBy && typeof query.orderBy === 'object' ? Object.keys(query.orderBy) : undefined;
  if ((selection.edgeCursor || selection.pageInfo) && !cursorKeys?.length) return null;
  const shape: ShapePlan = {
    limit: Math.abs(query.limit),
    args,
    cursorKeys,
    fingerprint: cursorFingerprint(`${info.parentType.name}.${info.fieldName}`, args.orderBy),
    edgeCursor: selection.edgeCursor,
    pageInfo: selection.pageInfo,
    child: plan ?? undefined,
  };
  // The cursors this path would give must be the ones cursor-binding-plugin.ts gave.
  const { edges = [], pageInfo } = connection as {
    edges?: ({ cursor?: unknown; node?: unknown } | null)[];
    pageInfo?: Record<string, unknown>;
  };
  if (shape.edgeCursor || shape.pageInfo) {
    for (const edge of edges) {
      if (!edge || edge.node === null || typeof edge.node !== 'object') return null;
      if (cursorOf(shape, edge.node as Record<string, unknown>) !== edge.cursor) return null;
    }
    const first = edges[0]?.node as Record<string, unknown> | undefined;
    const last = edges[edges.length - 1]?.node as Record<string, unknown> | undefined;
    if ((first ? cursorOf(shape, first) : null) !== (pageInfo?.startCursor ?? null)) return null;
    if ((last ? cursorOf(shape, last) : null) !== (pageInfo?.endCursor ?? null)) return null;
  }
  let prepared: ReturnType<RootQuery['prepare']>;
  try {
    prepared = query.prepare();
  } catch {
    return null;
  }
  return { run: () => prepared.all(), shape, totalCount: selection.names.has('totalCount') };
}

/** A root page from its entry; `otherwise` when a row holds a sort value no cursor can carry. */
function serve(
  entry: RootEntry,
  parent: unknown,
  args: Record<string, unknown>,
  context: object,
  totalCount: ((args: object, context: object) => unknown) | undefined,
  otherwise: () => unknown,
): unknown {
  const count = entry.totalCount && totalCount ? () => totalCount(args, context) : undefined;
  return completeValue(entry.run(), (rows) =>
    Array.isArray(rows) ? (shapeConnection(entry.shape, parent, rows, count, args) ?? otherwise()) : otherwise(),
  );
}

function prepare(connection: unknown, info: GraphQLResolveInfo, context: object): unknown {
  if (connection === null || typeof connection !== 'object') return connection;
  const plan = rootPlan(info, context);
  if (!plan) return connection;
  for (const edge of (connection as { edges?: (Edge | null)[] }).edges ?? []) {
    if (edge?.node !== null && typeof edge?.node === 'object') applyPlan(plan, edge.node as Planned);
  }
  return connection;
}

export class ReadPlannerPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  /** Types with auth scopes are marked too: keyed-load.ts never serves their rows itself. */
  override onTypeConfig(typeConfig: PothosTypeConfig): PothosTypeConfig {
    const options = typeConfig.pothosOptions as Record<string, unknown>;
    if (!options.authScopes && !options.grantScopes) return typeConfig;
    return { ...typeConfig, extensions: { ...typeConfig.extensions, readPlanner: false } } as PothosTypeConfig;
  }

  /** Fields whose own or whose type's auth scopes must run: never served from a plan. */
  override onOutputFieldConfig(fieldConfig: PothosOutputFieldConfig<Types>): PothosOutputFieldConfig<Types> {
    if (!this.scoped(fieldConfig)) return fieldConfig;
    return { ...fieldConfig, extensions: { ...fieldConfig.extensions, readPlanner: false } };
  }

  private scoped(fieldConfig: PothosOutputFieldConfig<Types>): boolean {
    const options = fieldConfig.pothosOptions as Record<string, unknown>;
    if (options.authScopes || options.grantScopes || options.skipTypeScopes) return true;
    const parent = this.buildCache.getTypeConfig(fieldConfig.parentType).pothosOptions as Record<string, unknown>;
    return Boolean(parent.authScopes || parent.grantScopes);
  }

  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const extensions = (fieldConfig.extensions ?? {}) as Record<string, unknown>;
    if (extensions.readPlanner === false) return resolver;
    if (extensions.readPlannerNode === true) {
      const config = getSchemaConfig(this.builder as never);
      return (parent, args, context, info) => {
        const id = (args as { id?: { typename?: unknown; id?: unknown } }).id;
        const typename = id?.typename;
        // `node(id:)` of a row the planner can serve: one statement prepared for this document,
        // the id bound (keyed-load.ts); plugin-relay's resolveNodes brands the row the same way.
        const load =
          typeof typename === 'string' && typeof id?.id === 'string'
            ? keyedLoad(config, context as PlannerContext & { db?: object }, info, typename, false)
            : null;
        if (!load) return resolver(parent, args, context, info);
        return completeValue(load.load([Number(id!.id)], []), (rows) => {
          const row = rows[0];
          if (!row) return null;
          brandWithType(row, typename as never);
          return row;
        });
      };
    }
    if (extensions.readPlannerRoot === true) {
      const totalCount = extensions.readPlannerTotalCount as ((args: object, context: object) => unknown) | undefined;
      return (parent, args, context, info) => {
        if ((context as PlannerContext).readPlanner === false) return resolver(parent, args, context, info);
        // A document and variables answered before: rerun its statement and shape the page here,
        // without plugin-drizzle planning the selection and drizzle building the SQL again.
        const entries = entriesOf(context as object, info);
        const key = entries ? variablesKey(info) : undefined;
        const entry = key === undefined ? null : entries!.get(key);
        const planned = () =>
          completeValue(resolver(parent, args, context, info), (connection) => prepare(connection, info, context as object));
        if (entry) return serve(entry, parent, args as Record<string, unknown>, context as object, totalCount, planned);
        const result = resolver(parent, args, context, info);
        return completeValue(result, (connection) => {
          const prepared = prepare(connection, info, context as object);
          if (entry === undefined && key !== undefined) {
            if (entries!.size >= MAX_ROOT_ENTRIES) entries!.clear();
            entries!.set(key, learn(connection, args as Record<string, unknown>, info, rootPlan(info, context as object), totalCount));
          }
          return prepared;
        });
      };
    }
    return resolver;
  }

  // Around the argument mappers too (Pothos runs them outside every plugin's resolver): a
  // prepared connection's arguments were mapped and checked once, when its parent was planned.
  override wrapArgMappers(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const extensions = (fieldConfig.extensions ?? {}) as Record<string, unknown>;
    if (extensions.readPlanner === false) return resolver;
    if (typeof extensions.pothosDrizzleSelect !== 'function' || typeof extensions.pothosDrizzleLoaded !== 'function') return resolver;
    return (parent, args, context, info) => {
      const prepared = (parent as Planned | null)?.[PLANNED];
      if (prepared !== undefined) {
        const value = prepared[info.path.key];
        if (value !== undefined) return value;
      }
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, ReadPlannerPlugin);

export default pluginName;
