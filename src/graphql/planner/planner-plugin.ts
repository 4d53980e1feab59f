// A Pothos plugin that serves nested lists from a plan made once per request (plan.ts) instead
// of plugin-drizzle's per-row resolution. Root lists (marked `readPlannerRoot` by root-list.ts)
// still run plugin-drizzle's resolver, which loads the whole selection in one relational query;
// their result is then walked once along the selection, preparing every nested connection and
// to-one relation on its row. The drizzle relation and connection fields beneath read what is
// prepared, by response key, and fall back to plugin-drizzle's resolver when nothing is (a field
// the plan leaves out, a page after a cursor, a row loaded some other way).
// First in the builder's plugin list, so it wraps outermost: a prepared value skips the plugins
// inside it, which is why fields with auth scopes (their own or their type's) are never planned.
// Written here because plugin-drizzle has no hook to shape loaded rows; it reads the field
// extensions plugin-drizzle sets (`pothosDrizzleSelect`, `pothosDrizzleLoaded`), like
// loaded-columns-plugin.ts, and `test/read-planner.test.ts` compares its answers with the
// unplanned path's.
import SchemaBuilder, { BasePlugin, completeValue, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import {
  getNamedType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { applyPlan, planNode, PLANNED, type NodePlan, type PlanInfo, type Planned } from './plan.js';

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

/** Plans of documents without variables, per root field node (yoga caches parsed documents). */
const constantPlans = new WeakMap<readonly FieldNode[], NodePlan | null>();

function rootPlan(info: GraphQLResolveInfo, context: object): NodePlan | null {
  const constant = Object.keys(info.variableValues).length === 0;
  if (constant) {
    const known = constantPlans.get(info.fieldNodes);
    if (known !== undefined) return known;
  }
  const plan = planRoot(info.returnType, info.fieldNodes, info, context)?.plan ?? null;
  if (constant) constantPlans.set(info.fieldNodes, plan);
  return plan;
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
    if (extensions.readPlannerRoot === true) {
      return (parent, args, context, info) => {
        const result = resolver(parent, args, context, info);
        if ((context as PlannerContext).readPlanner === false) return result;
        return completeValue(result, (connection) => prepare(connection, info, context as object));
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
