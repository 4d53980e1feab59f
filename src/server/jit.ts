// Which operations run compiled by graphql-jit (@envelop/graphql-jit).
//
// jit executes large results of plain objects (totals, group-bys) much faster than graphql-js,
// but it builds `info.path` afresh for every resolver call, and plugin-drizzle finds the rows it
// preloaded for the items of a list by that path: under jit, relations beneath a list's items
// are loaded again (mercurius' column in bench/RESULTS.md: 3 statements and less
// than half the speed on the nested list). One row's relations (`node(id:) { partner }`) are
// found without it. So queries with no database-backed field beneath a list are compiled;
// everything else runs as before. The plugin has no such rule of its own,
// and its errors differ from graphql-js's on the way out, which `useCompiledErrors` mends.
// And graphql-jit (0.8.7, and still 0.8.9) compiles a variable's coercion by unrolling its input type, which
// never ends for a recursive one (every filter, through AND / OR / NOT): the stack overflows
// after seconds and hundreds of MB. An operation declaring such a variable is not compiled.
import type { Plugin } from '@envelop/core';
import {
  BREAK,
  GraphQLError,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { nodeTables } from '../graphql/conventions/node-tables.js';
import { plannedNodes } from '../graphql/planner/plan.js';
import { planRoot } from '../graphql/planner/planner-plugin.js';

/** Types whose objects plugin-drizzle loads (or may load) from the database. */
function loadedByDrizzle(name: string): boolean {
  return (
    name in nodeTables ||
    name === 'Node' ||
    name === 'Versioned' ||
    name === '_Entity' ||
    name.endsWith('Connection') ||
    name.endsWith('Edge')
  );
}

const verdicts = new WeakMap<DocumentNode, boolean>();

/**
 * True when `document` is a query in which no database-backed field sits below a list: the
 * fields of one row (`node(id:)`, `program(slug:)`, an `_entities` item's columns) and totals
 * run compiled; a relation or connection beneath a list's items (`partners { edges { node {
 * allocations } } }`) does not, since plugin-drizzle finds the rows it preloaded for each item
 * by the item's path, which jit rebuilds for every resolver call. Remembered per parsed
 * document (yoga caches those per query text).
 */
export function compilable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const known = verdicts.get(document);
  if (known !== undefined) return known;
  let safe = document.definitions.every(
    (definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION ||
      (definition.operation === 'query' &&
        (definition.variableDefinitions ?? []).every((variable) => {
          const type = typeFromAST(schema, variable.type);
          return type !== undefined && !recursiveInput(type as GraphQLInputType);
        })),
  );
  if (safe) {
    const planned = plannedFieldNodes(schema, document);
    const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
    const typeInfo = new TypeInfo(schema);
    // For each field entered and not yet left: whether it, or a field around it, returns a list.
    const underList: boolean[] = [];
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: {
          enter(node) {
            const type = typeInfo.getType();
            if (!type) {
              safe = false;
              return BREAK;
            }
            const named = getNamedType(type).name;
            const inList = underList.length > 0 && underList[underList.length - 1]!;
            if (!roots.has(typeInfo.getParentType() as never) && inList && loadedByDrizzle(named) && !planned.has(node)) {
              safe = false;
              return BREAK;
            }
            underList.push(inList || returnsList(type) || named.endsWith('Connection'));
            return undefined;
          },
          leave() {
            underList.pop();
          },
        },
        // A fragment's fields are visited where the fragment is defined, not where it is spread:
        // they are checked as if under a list, the strictest place a spread can put them.
        FragmentDefinition: {
          enter() {
            underList.push(true);
          },
          leave() {
            underList.pop();
          },
        },
      }),
    );
  }
  verdicts.set(document, safe);
  return safe;
}

const serializableVerdicts = new WeakMap<DocumentNode, boolean>();
/** The scalars graphql-jit's JSON schema knows (graphql-jit 0.8.9, json.js's `PRIMITIVES`). */
const jsonSchemaScalars = new Set(['Int', 'Float', 'String', 'Boolean', 'ID']);

/**
 * True when graphql-jit can compile a serializer (fast-json-stringify, `customJSONSerializer`) for
 * `document` that writes the bytes JSON.stringify writes: every field selected anywhere in it is an
 * object, a list, an enum or one of the built-in scalars, and none is an interface or union (whose
 * possible types' fields graphql-jit merges into one schema, the last type's winning a shared name).
 * Our custom scalars (Date, Money, SafeInt, JSONObject…) it refuses to compile ("Got unexpected
 * PRIMITIVES type"), which would fail the whole query: such documents keep JSON.stringify.
 */
export function serializable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const known = serializableVerdicts.get(document);
  if (known !== undefined) return known;
  let safe = true;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const type = typeInfo.getType();
        const named = type ? getNamedType(type) : undefined;
        if (
          !named ||
          isAbstractType(named) ||
          (isLeafType(named) && !isEnumType(named) && !jsonSchemaScalars.has(named.name)) ||
          (node.selectionSet === undefined && !isLeafType(named))
        ) {
          safe = false;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  serializableVerdicts.set(document, safe);
  return safe;
}

/**
 * The fields beneath root lists that the read planner serves (src/graphql/planner/): its nested
 * connections and relations read what it prepared from the root's one query, not rows found by
 * response path, so they run compiled as well. Only for documents without fragment definitions
 * (a fragment's fields would be marked wherever it is spread), and only pages without cursors or
 * `last`, which the planner leaves to plugin-drizzle however they are given.
 */
function plannedFieldNodes(schema: GraphQLSchema, document: DocumentNode): Set<FieldNode> {
  const planned = new Set<FieldNode>();
  if (document.definitions.some((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)) return planned;
  const queryType = schema.getQueryType();
  const info = { schema, fragments: {}, variableValues: {} };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'query') continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const field = queryType?.getFields()[selection.name.value];
      if (!field || (field.extensions as Record<string, unknown>).readPlannerRoot !== true) continue;
      const root = planRoot(field.type, [selection], info, {});
      if (!root) continue;
      const nodes = plannedNodes(root.plan, new Set(root.through));
      const paged = [...nodes].some((node) =>
        node.arguments?.some((argument) => ['after', 'before', 'last'].includes(argument.name.value)),
      );
      if (!paged) for (const node of nodes) planned.add(node);
    }
  }
  return planned;
}

type Stringify = (result: unknown) => string;
const guardedStringifiers = new WeakMap<Stringify, Stringify>();

/** The compiled serializer for results that hold `data` only; anything else by JSON.stringify. */
function guarded(compiled: Stringify): Stringify {
  let stringify = guardedStringifiers.get(compiled);
  if (!stringify) {
    stringify = (result) => {
      for (const key in result as object) if (key !== 'data' && key !== 'stringify') return JSON.stringify(result);
      return compiled(result);
    };
    guardedStringifiers.set(compiled, stringify);
  }
  return stringify;
}

/**
 * The serializer graphql-jit compiles writes the fields of its JSON schema only, `data` and
 * `errors` at the top: an `extensions` added to the result after execution (use-replica-status.ts
 * spreads the result, compiled serializer and all) would be dropped. So it writes results that
 * hold `data` alone, and JSON.stringify every other.
 */
export function useCompiledStringifyGuard(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result) return;
          const compiled = (result as { stringify?: unknown }).stringify;
          if (typeof compiled === 'function' && compiled !== JSON.stringify)
            (result as { stringify?: Stringify }).stringify = guarded(compiled as Stringify);
        },
      };
    },
  };
}

const recursiveInputs = new WeakMap<GraphQLNamedType, boolean>();

/** True when an input object can hold itself, at any depth (filters do, through AND / OR / NOT). */
function recursiveInput(type: GraphQLInputType): boolean {
  const root = getNamedType(type);
  const known = recursiveInputs.get(root);
  if (known !== undefined) return known;
  // Depth-first over input fields; a type seen again on the current path closes a cycle.
  const onPath = new Set<GraphQLNamedType>();
  const done = new Set<GraphQLNamedType>();
  const cycles = (named: GraphQLNamedType): boolean => {
    if (!isInputObjectType(named) || done.has(named)) return false;
    if (onPath.has(named)) return true;
    onPath.add(named);
    const found = Object.values(named.getFields()).some((field) => cycles(getNamedType(field.type)));
    onPath.delete(named);
    done.add(named);
    return found;
  };
  const verdict = cycles(root);
  recursiveInputs.set(root, verdict);
  return verdict;
}

/** True for a list type, wrapped in non-null or not. */
function returnsList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The offset in `body` of a 1-based line and column (GraphQL's line terminators). */
function offsetOf(body: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const match = /\r\n|[\n\r]/g;
    match.lastIndex = offset;
    const found = match.exec(body);
    if (!found) break;
    offset = found.index + found[0].length;
  }
  return offset + column - 1;
}

/**
 * Lengthens every list along an error's `path` that is too short to hold the item the path names
 * (the item the error nulled, or the one holding the field it nulled); a list that holds it
 * already is left as it is.
 */
function holdNullItem(data: unknown, path: readonly (string | number)[] | undefined): void {
  let node: unknown = data;
  for (const key of path ?? []) {
    if (node === null || typeof node !== 'object') return;
    if (typeof key === 'number' && Array.isArray(node)) while (node.length <= key) node.push(null);
    node = (node as Record<string | number, unknown>)[key];
  }
}

/**
 * Errors of compiled executions as graphql-js's executor reports them. graphql-jit's errors carry
 * `locations` but not the source positions they come from, and yoga rebuilds every error from
 * those when it serializes (the plugin's own stringifier drops them too): they get their source
 * and positions back, and the result is serialized by yoga. A result without `data` means the
 * variables were refused before execution: a 400, as the executor marks it. And graphql-jit
 * 0.8.7 left a list short when its last items failed (`_entities` with an unknown last
 * reference answered two items for three): each error's path names the null item, so the list
 * is lengthened to hold it (0.8.9 answers the whole list, which this leaves as it is).
 */
export function useCompiledErrors(): Plugin {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.length || !('stringify' in result)) return;
          const { stringify: _compiled, ...plain } = result as typeof result & { stringify?: unknown };
          const source = args.document.loc?.source;
          const refused = !('data' in plain) || plain.data === undefined;
          if (!refused) for (const error of result.errors) holdNullItem(plain.data, error.path);
          // Errors first, as graphql-js's executor orders a result, so the bytes are the same.
          const { errors: _errors, ...rest } = plain;
          setResult({
            errors: result.errors.map(
              (error) =>
                new GraphQLError(error.message, {
                  ...(source && error.locations && !error.positions
                    ? { source, positions: error.locations.map(({ line, column }: SourceLocation) => offsetOf(source.body, line, column)) }
                    : { source: error.source, positions: error.positions }),
                  path: error.path,
                  originalError: error.originalError ?? undefined,
                  extensions: refused ? { ...error.extensions, http: { status: 400 } } : error.extensions,
                }),
            ),
            ...rest,
          });
        },
      };
    },
  };
}
