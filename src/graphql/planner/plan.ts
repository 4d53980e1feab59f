// The read planner's plan: what one root list's selection asks of the rows beneath it, worked
// out once per request from the document (not once per row), then applied to the rows
// plugin-drizzle loaded in its one relational query.
//
// plugin-drizzle (0.20.0) already loads a whole nested list in one SQL statement, but then
// resolves each nested connection and relation per parent row: the relation's query is rebuilt
// for every one of the 300 parents with the same arguments, every edge's cursor is encoded
// (and re-encoded by cursor-binding-plugin.ts) whether or not anyone asked for it, and each row's
// plan is looked up by a response-path object, which graphql-jit rebuilds per call. Here each
// nested connection's page size and ordering are asked of plugin-drizzle once per field and
// arguments, through the same `pothosDrizzleSelect` extension its planner calls, and the
// connections are shaped in one pass with cursors only where the selection has them; the
// resolvers beneath then read what is prepared (planner-plugin.ts). Anything not understood here
// is left out of the plan, and plugin-drizzle resolves it as before.
import {
  getArgumentValues,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { cursorFingerprint } from '../plugins/cursor-binding-plugin.js';
import { exposedColumn } from '../plugins/loaded-columns-plugin.js';

/** Where the prepared values of a planned row live: its fields' values by response key. */
export const PLANNED = Symbol('planned fields');

export interface Planned {
  [PLANNED]?: Record<string, unknown>;
}

/** The rows of one object type beneath a planned list, and what to prepare on each. */
export interface NodePlan {
  fields: FieldPlan[];
}

/** A to-one relation the row carries under `name` (plugin-drizzle's `with`). */
interface RelationPlan {
  kind: 'relation';
  key: string;
  /** The field's nodes in the document (jit.ts compiles a document whose lists are all planned). */
  nodes: readonly FieldNode[];
  name: string;
  child: NodePlan | undefined;
}

/** A related connection whose page the row carries under `name`, and its count under `countKey`. */
interface ConnectionPlan {
  kind: 'connection';
  key: string;
  /** The field's nodes, and the `edges` and `node` nodes beneath them. */
  nodes: readonly FieldNode[];
  name: string;
  /** The rows plugin-drizzle asked for: the page size and one more, to tell whether more follow. */
  limit: number;
  args: Record<string, unknown>;
  countKey: string | undefined;
  /** Sort keys of the cursor, in order, when the selection reads a cursor. */
  cursorKeys: string[] | undefined;
  fingerprint: string;
  edgeCursor: boolean;
  pageInfo: boolean;
  child: NodePlan | undefined;
  /** The type of the edges' nodes and their `node` field nodes (for `servedByPlan`). */
  nodeType: GraphQLObjectType | undefined;
  nodeNodes: FieldNode[];
}

type FieldPlan = RelationPlan | ConnectionPlan;

/** What shaping a connection's page needs (a root list's page is shaped the same way, planner-plugin.ts). */
export type ShapePlan = Pick<ConnectionPlan, 'limit' | 'args' | 'cursorKeys' | 'fingerprint' | 'edgeCursor' | 'pageInfo' | 'child'>;

/** What the planner needs of graphql's resolve info (the same on graphql-js and graphql-jit). */
export interface PlanInfo {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

type Extensions = Record<string, unknown>;
type SelectFunction = (
  args: object,
  context: object,
  nestedQuery: (select: unknown) => unknown,
  getSelection: () => Set<string>,
  pathInfo?: unknown,
) => unknown;

function isSkipped(
  node: { directives?: readonly { name: { value: string }; arguments?: readonly unknown[] }[] },
  info: PlanInfo,
): boolean | undefined {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') return undefined;
    const argument = (
      directive.arguments as readonly { name: { value: string }; value: { kind: string; value?: unknown; name?: { value: string } } }[]
    )?.find((candidate) => candidate.name.value === 'if');
    if (!argument) return undefined;
    const value =
      argument.value.kind === Kind.VARIABLE
        ? info.variableValues[argument.value.name!.value]
        : argument.value.kind === Kind.BOOLEAN
          ? argument.value.value
          : undefined;
    if (typeof value !== 'boolean') return undefined;
    if (name === 'skip' ? value : !value) return true;
  }
  return false;
}

/**
 * The fields selected on `type`, by response key, through fragments and `@skip`/`@include` as the
 * executor collects them; undefined when a directive is not one of those two (not planned).
 */
function collectFields(
  type: GraphQLObjectType,
  selectionSets: readonly (SelectionSetNode | undefined)[],
  info: PlanInfo,
  out = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> | undefined {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet?.selections ?? []) {
      const skipped = isSkipped(selection, info);
      if (skipped === undefined) return undefined;
      if (skipped) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = out.get(key);
        if (list) list.push(selection);
        else out.set(key, [selection]);
        continue;
      }
      let condition: string | undefined;
      let set: SelectionSetNode;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        condition = selection.typeCondition?.name.value;
        set = selection.selectionSet;
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = info.fragments[name];
        if (!fragment) continue;
        condition = fragment.typeCondition.name.value;
        set = fragment.selectionSet;
      }
      if (condition !== undefined && condition !== type.name) {
        const conditionType = info.schema.getType(condition);
        if (!conditionType || isObjectType(conditionType) || !info.schema.isSubType(conditionType as never, type)) continue;
      }
      if (!collectFields(type, [set], info, out, visited)) return undefined;
    }
  }
  return out;
}

function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return undefined;
  return isObjectType(inner) ? inner : undefined;
}

const selectionSetsOf = (nodes: readonly FieldNode[]) => nodes.map((node) => node.selectionSet);

/** The plan for rows of `type` selected by `nodes`; undefined when nothing beneath needs one. */
export function planNode(type: GraphQLObjectType, nodes: readonly FieldNode[], info: PlanInfo, context: object): NodePlan | undefined {
  const selected = collectFields(type, selectionSetsOf(nodes), info);
  if (!selected) return undefined;
  const fields: FieldPlan[] = [];
  const fieldDefinitions = type.getFields();
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  for (const fieldNodes of selected.values()) {
    const field = fieldNodes[0]!.name.value;
    keys.set(field, (keys.get(field) ?? 0) + 1);
  }
  for (const [key, fieldNodes] of selected) {
    const definition = fieldDefinitions[fieldNodes[0]!.name.value];
    if (!definition) continue;
    const plan = planField(type, definition, key, fieldNodes, info, context);
    if (!plan) continue;
    fields.push(plan);
    names.set(plan.name, (names.get(plan.name) ?? 0) + 1);
  }
  // A relation selected under two response keys may have been loaded for one of them only, and
  // the other key need not be planned itself (then only the field's name tells).
  const planned = fields.filter((field) => names.get(field.name) === 1 && keys.get(field.nodes[0]!.name.value) === 1);
  return planned.length > 0 ? { fields: planned } : undefined;
}

function planField(
  parent: GraphQLObjectType,
  definition: GraphQLField<unknown, unknown>,
  key: string,
  fieldNodes: FieldNode[],
  info: PlanInfo,
  context: object,
): FieldPlan | undefined {
  const extensions = definition.extensions as Extensions;
  const select = extensions.pothosDrizzleSelect;
  if (typeof select !== 'function' || typeof extensions.pothosDrizzleLoaded !== 'function' || extensions.readPlanner === false)
    return undefined;
  const target = objectTypeOf(definition.type);
  if (!target) return undefined;
  const isConnection = ['first', 'after', 'last', 'before'].every((name) => definition.args.some((arg) => arg.name === name));
  if (!isConnection) {
    if (definition.args.length > 0) return undefined;
    const name = relationName(select as SelectFunction, {}, context, new Set());
    if (name === undefined) return undefined;
    const child = planNode(target, fieldNodes, info, context);
    // A row served from the plan has no loader mapping for plugin-drizzle's fields beneath to find.
    if (!servedByPlan(target, fieldNodes, info, child)) return undefined;
    return { kind: 'relation', key, nodes: fieldNodes, name, child };
  }
  return planConnection(parent, definition, target, key, fieldNodes, info, context);
}

const marker = { planned: true };

/** The relation a drizzle field's select names in its `with`, asked of plugin-drizzle itself. */
function relationName(select: SelectFunction, args: object, context: object, selection: Set<string>, capture?: (value: unknown) => void) {
  try {
    const result = select(
      args,
      context,
      (nested) => {
        capture?.(nested);
        return marker;
      },
      () => selection,
    ) as { with?: Record<string, unknown> } | undefined;
    if (!result || typeof (result as { then?: unknown }).then === 'function') return undefined;
    const names = Object.keys(result.with ?? {});
    return names.length === 1 && result.with![names[0]!] === marker ? names[0] : undefined;
  } catch {
    return undefined;
  }
}

function planConnection(
  parent: GraphQLObjectType,
  definition: GraphQLField<unknown, unknown>,
  connectionType: GraphQLObjectType,
  key: string,
  fieldNodes: FieldNode[],
  info: PlanInfo,
  context: object,
): ConnectionPlan | undefined {
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(definition, fieldNodes[0]!, info.variableValues);
  } catch {
    return undefined;
  }
  // Pages after or before a cursor, and backwards, keep plugin-drizzle's path (and its checks).
  if (args.after != null || args.before != null || args.last != null) return undefined;
  const selection = connectionSelection(connectionType, fieldNodes, info);
  if (!selection) return undefined;
  const { names, nodeNodes, inner, edgeCursor, pageInfo, nodeType } = selection;
  let captured: { limit?: unknown; orderBy?: unknown } | undefined;
  const name = relationName(definition.extensions.pothosDrizzleSelect as SelectFunction, args, context, names, (nested) => {
    captured = nested as typeof captured;
  });
  if (name === undefined || !captured || typeof (captured as { then?: unknown }).then === 'function') return undefined;
  if (typeof captured.limit !== 'number') return undefined;
  const orderBy = captured.orderBy;
  const cursorKeys = orderBy && typeof orderBy === 'object' ? Object.keys(orderBy) : undefined;
  if ((edgeCursor || pageInfo) && !cursorKeys?.length) return undefined;
  const child = nodeType && nodeNodes.length > 0 ? planNode(nodeType, nodeNodes, info, context) : undefined;
  // As for a relation: everything beneath must be served without plugin-drizzle's mappings.
  if (nodeNodes.length > 0 && (!nodeType || !servedByPlan(nodeType, nodeNodes, info, child))) return undefined;
  return {
    kind: 'connection',
    key,
    nodes: [...fieldNodes, ...inner],
    name,
    limit: Math.abs(captured.limit),
    args,
    countKey: names.has('totalCount') ? `_${name}_count` : undefined,
    cursorKeys,
    fingerprint: cursorFingerprint(`${parent.name}.${definition.name}`, args.orderBy),
    edgeCursor,
    pageInfo,
    child,
    nodeType,
    nodeNodes,
  };
}

/** What a connection's selection reads: its fields' names, the edges' `node` nodes, cursors, pageInfo. */
export interface ConnectionSelection {
  names: Set<string>;
  nodeNodes: FieldNode[];
  /** Every field node beneath the connection down to `node` (edges, node, cursor, pageInfo…). */
  inner: FieldNode[];
  edgeCursor: boolean;
  pageInfo: boolean;
  nodeType: GraphQLObjectType | undefined;
}

/**
 * The selection of a connection (`edges { cursor node }`, `pageInfo`, `totalCount`,
 * `__typename`); undefined when it selects anything else, which the planner leaves alone.
 */
export function connectionSelection(
  connectionType: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  info: PlanInfo,
): ConnectionSelection | undefined {
  const connectionFields = collectFields(connectionType, selectionSetsOf(fieldNodes), info);
  if (!connectionFields) return undefined;
  const names = new Set<string>();
  const nodeNodes: FieldNode[] = [];
  const inner: FieldNode[] = [];
  let edgeCursor = false;
  let pageInfo = false;
  const edgesField = connectionType.getFields().edges;
  const edgeType = edgesField ? (getNamedType(edgesField.type) as GraphQLObjectType) : undefined;
  for (const nodes of connectionFields.values()) {
    const name = nodes[0]!.name.value;
    names.add(name);
    inner.push(...nodes);
    if (name === 'edges' && edgeType) {
      const edgeFields = collectFields(edgeType, selectionSetsOf(nodes), info);
      if (!edgeFields) return undefined;
      for (const edgeNodes of edgeFields.values()) {
        const edgeField = edgeNodes[0]!.name.value;
        inner.push(...edgeNodes);
        if (edgeField === 'node') nodeNodes.push(...edgeNodes);
        else if (edgeField === 'cursor') edgeCursor = true;
        else if (edgeField !== '__typename') return undefined;
      }
    } else if (name === 'pageInfo') pageInfo = true;
    else if (name !== 'totalCount' && name !== '__typename') return undefined;
  }
  const nodeType = edgeType ? objectTypeOf(edgeType.getFields().node?.type as GraphQLOutputType) : undefined;
  return { names, nodeNodes, inner, edgeCursor, pageInfo, nodeType };
}

/**
 * True when every field selected on these rows, at every level beneath, resolves without the
 * loader mappings plugin-drizzle's root resolver records per request: a connection or relation
 * the plan serves, a column the row carries (loaded-columns-plugin.ts reads it), or a field
 * plugin-drizzle does not wrap. Any other drizzle field looks its row's plan up by response path
 * and, finding none, would load its row again; such a selection keeps plugin-drizzle's path.
 */
export function servedByPlan(type: GraphQLObjectType, nodes: readonly FieldNode[], info: PlanInfo, plan: NodePlan | undefined): boolean {
  const selected = collectFields(type, selectionSetsOf(nodes), info);
  if (!selected) return false;
  const definitions = type.getFields();
  for (const [key, fieldNodes] of selected) {
    const name = fieldNodes[0]!.name.value;
    if (name === '__typename') continue;
    const definition = definitions[name];
    if (!definition) return false;
    const planned = plan?.fields.find((field) => field.key === key);
    if (planned?.kind === 'relation') {
      const target = objectTypeOf(definition.type);
      if (!target || !servedByPlan(target, fieldNodes, info, planned.child)) return false;
      continue;
    }
    if (planned?.kind === 'connection') {
      if (planned.nodeNodes.length > 0 && (!planned.nodeType || !servedByPlan(planned.nodeType, planned.nodeNodes, info, planned.child)))
        return false;
      continue;
    }
    const extensions = definition.extensions as Extensions;
    if (extensions.pothosDrizzleSelect && exposedColumn(extensions) === null) return false;
  }
  return true;
}

type SortValue = string | number | null;

function isSortValue(value: unknown): value is SortValue {
  return value === null || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= 1000);
}

/**
 * The cursor cursor-binding-plugin.ts gives this row: base64url of `[fingerprint, values]`, the
 * values plugin-drizzle's cursor carries (one sort value, or a tuple of them). Undefined for a
 * value it refuses, so that plugin-drizzle's path reports the error as before.
 */
export function cursorOf(plan: ShapePlan, row: Record<string, unknown>): string | undefined {
  const keys = plan.cursorKeys!;
  let values: unknown;
  if (keys.length === 1) {
    values = row[keys[0]!];
    if (!isSortValue(values)) return undefined;
  } else {
    const tuple: unknown[] = [];
    for (const key of keys) {
      const value = row[key];
      if (!isSortValue(value)) return undefined;
      tuple.push(value);
    }
    values = tuple;
  }
  return Buffer.from(JSON.stringify([plan.fingerprint, values])).toString('base64url');
}

/** The connection plugin-drizzle's `wrapConnectionResult` would build for a forward first page. */
export function shapeConnection(
  plan: ShapePlan,
  parent: unknown,
  rows: unknown[],
  count: unknown,
  args: Record<string, unknown> = plan.args,
): object | undefined {
  const full = rows.length === plan.limit;
  const nodes = full ? rows.slice(0, -1) : rows;
  const edges: ({ cursor: string | undefined; node: unknown } | null)[] = [];
  const pageInfo = { startCursor: null as string | null, endCursor: null as string | null, hasPreviousPage: false, hasNextPage: full };
  for (const node of nodes) {
    if (node == null) {
      edges.push(null);
      continue;
    }
    let cursor: string | undefined;
    if (plan.edgeCursor) {
      cursor = cursorOf(plan, node as Record<string, unknown>);
      if (cursor === undefined) return undefined;
    }
    edges.push({ cursor, node });
  }
  if (plan.pageInfo && edges.length > 0) {
    const first = edges[0];
    const last = edges[edges.length - 1];
    const start = first ? (first.cursor ?? cursorOf(plan, first.node as Record<string, unknown>)) : null;
    const end = last ? (last.cursor ?? cursorOf(plan, last.node as Record<string, unknown>)) : null;
    if (start === undefined || end === undefined) return undefined;
    pageInfo.startCursor = start;
    pageInfo.endCursor = end;
  }
  if (plan.child) for (const edge of edges) if (edge && typeof edge.node === 'object') applyPlan(plan.child, edge.node as Planned);
  return { parent, args, totalCount: count, edges, pageInfo };
}

/** Every field node a plan serves (the fields of its connections and relations, at every level). */
export function plannedNodes(plan: NodePlan, into = new Set<FieldNode>()): Set<FieldNode> {
  for (const field of plan.fields) {
    for (const node of field.nodes) into.add(node);
    if (field.child) plannedNodes(field.child, into);
  }
  return into;
}

/** Prepares on `row` (and the rows beneath it) the values its planned fields resolve to. */
export function applyPlan(plan: NodePlan, row: Planned): void {
  const values: Record<string, unknown> = {};
  const record = row as Record<string, unknown>;
  for (const field of plan.fields) {
    const loaded = record[field.name];
    if (field.kind === 'relation') {
      if (loaded === undefined) continue;
      values[field.key] = loaded;
      if (loaded !== null && typeof loaded === 'object' && field.child) applyPlan(field.child, loaded as Planned);
      continue;
    }
    if (!Array.isArray(loaded)) continue;
    const count = field.countKey ? record[field.countKey] : undefined;
    if (field.countKey && count === undefined) continue;
    const connection = shapeConnection(field, row, loaded, count);
    if (connection) values[field.key] = connection;
  }
  row[PLANNED] = values;
}
